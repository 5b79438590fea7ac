#!/usr/bin/env python3
"""Measures didChange -> publishDiagnostics latency of a language server.

Usage:
  bench_lsp.py --server 'mast lsp' --scenario mast-entry --workspace DIR [--edits N]
  bench_lsp.py --server 'node .../yaml-language-server --stdio' --scenario yaml --workspace DIR --yls \
      [--yls-schema /path/to/all.json]

Scenarios (inputs from gen_workspace.py):
  mast-entry  all six .mast files open; edits change a value in team-2.mast;
              latency until team-2.mast's diagnostics for that version arrive
  mast-lib    all open; edits change a default in lib/platform.mast; latency
              until every team file that imports it has been published again
  yaml        deploy.yaml open; edits change a value in the middle of the file

Each edit is sent after the previous one's diagnostics arrived, with
--pause-ms between (typing is not a flood). Prints p50/p95/max and the
server's resident memory (VmRSS, and its peak VmHWM).
"""
import argparse
import json
import os
import select
import shlex
import subprocess
import sys
import time


class Client:
    def __init__(self, command, settings=None):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=open(os.environ["BENCH_SERVER_LOG"], "w") if os.environ.get("BENCH_SERVER_LOG") else subprocess.DEVNULL)
        self.buffer = b""
        self.backlog = []
        self.next_id = 1
        self.settings = settings or {}

    def send(self, message):
        message["jsonrpc"] = "2.0"
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method, params):
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def read(self, timeout):
        deadline = time.monotonic() + timeout
        while True:
            header_end = self.buffer.find(b"\r\n\r\n")
            if header_end >= 0:
                length = 0
                for line in self.buffer[:header_end].split(b"\r\n"):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                if len(self.buffer) >= header_end + 4 + length:
                    body = self.buffer[header_end + 4:header_end + 4 + length]
                    self.buffer = self.buffer[header_end + 4 + length:]
                    message = json.loads(body)
                    self.answer_server_request(message)
                    return message
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([self.proc.stdout], [], [], remaining)
            if not ready:
                return None
            chunk = os.read(self.proc.stdout.fileno(), 1 << 16)
            if not chunk:
                return None
            self.buffer += chunk

    def answer_server_request(self, message):
        # Requests from the server (workspace/configuration, registrations).
        if "method" in message and "id" in message:
            if message["method"] == "workspace/configuration":
                items = message.get("params", {}).get("items", [])
                result = [self.settings.get(item.get("section", ""), None) for item in items]
            else:
                result = None
            self.send({"id": message["id"], "result": result})

    def wait(self, predicate, timeout=60):
        # Messages that arrive while waiting for another are kept for a later
        # wait (a reply may come before or after a notification).
        for i, message in enumerate(self.backlog):
            if predicate(message):
                return self.backlog.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            message = self.read(max(0, deadline - time.monotonic()))
            if message is None:
                return None
            if predicate(message):
                return message
            if "id" in message or message.get("method") == "textDocument/publishDiagnostics":
                self.backlog.append(message)

    def memory_kb(self):
        values = {}
        with open(f"/proc/{self.proc.pid}/status") as status:
            for line in status:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    name, value = line.split(":")
                    values[name] = int(value.split()[0])
        return values


def uri_of(path):
    return "file://" + os.path.abspath(path)


def percentile(values, p):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(p / 100 * (len(ordered) - 1)))))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--scenario", required=True, choices=["mast-entry", "mast-lib", "yaml"])
    parser.add_argument("--workspace", required=True)
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--pause-ms", type=int, default=50)
    parser.add_argument("--tokens-on-change", action="store_true",
                        help="ask for semantic tokens right after each didChange, as editors do, and time them")
    parser.add_argument("--requests", action="store_true",
                        help="after each edit's diagnostics, also time hover, completion, definition, references "
                             "and semantic tokens in the edited .mast file")
    parser.add_argument("--yls", action="store_true", help="configure yaml-language-server's Kubernetes schema")
    parser.add_argument("--yls-schema", default="kubernetes",
                        help="schema for *.yaml: the `kubernetes` keyword (downloads) or a local all.json")
    args = parser.parse_args()

    workspace = os.path.abspath(args.workspace)
    yaml_settings = {"validate": True, "schemas": {args.yls_schema: "*.yaml"}, "format": {"enable": False},
                     "hover": True, "completion": True}
    client = Client(shlex.split(args.server), {"yaml": yaml_settings})
    client.request("initialize", {
        "processId": os.getpid(), "rootUri": uri_of(workspace),
        "workspaceFolders": [{"uri": uri_of(workspace), "name": "bench"}],
        "capabilities": {"workspace": {"configuration": True},
                         "textDocument": {"publishDiagnostics": {"versionSupport": True}}},
    })
    if not client.wait(lambda m: m.get("id") == client.next_id, 60):
        sys.exit("no reply to initialize")
    client.notify("initialized", {})
    if args.yls:
        client.notify("workspace/didChangeConfiguration", {"settings": {"yaml": yaml_settings}})

    if args.scenario == "yaml":
        files = [os.path.join(workspace, "deploy.yaml")]
        edited = files[0]
        targets = [edited]
        language = "yaml"
    else:
        teams = [os.path.join(workspace, "mast", f"team-{i}.mast") for i in range(5)]
        files = [os.path.join(workspace, "mast", "lib", "platform.mast")] + teams
        edited = files[0] if args.scenario == "mast-lib" else teams[2]
        targets = teams if args.scenario == "mast-lib" else [edited]
        language = "mast"
    texts = {}
    versions = {}
    for path in files:
        with open(path) as f:
            texts[path] = f.read()
        versions[path] = 1
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri_of(path), "languageId": language, "version": 1, "text": texts[path]}})
    pending = {uri_of(p) for p in files}
    start = time.monotonic()
    while pending:
        message = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics", 120)
        if message is None:
            sys.exit(f"no initial diagnostics for {sorted(pending)}")
        pending.discard(message["params"]["uri"])
    initial = time.monotonic() - start

    # The edit: a number in the middle of the file, changed back and forth.
    text = texts[edited]
    if args.scenario == "mast-lib":
        needle = 'cpu: string = "100m"'
    elif args.scenario == "mast-entry":
        needle = "replicas: "
    else:
        needle = "replicas: "
    anchor = text.find(needle, len(text) // 2 if args.scenario != "mast-lib" else 0)
    line = text.count("\n", 0, anchor)
    column = anchor - (text.rfind("\n", 0, anchor) + 1) + len(needle)
    old = "100m" if args.scenario == "mast-lib" else text[anchor + len(needle)]
    if args.scenario == "mast-lib":
        column -= len('100m"')  # at the value inside the quotes (the file stays valid)

    # Feature requests (--requests): at the name of the value emitted near the
    # edit (`svcN` in `emit lib.deployment(svcN)`) and after `lib.`.
    request_latencies = {}
    feature_requests = []
    if args.requests and args.scenario == "mast-entry":
        emit = text.find("emit lib.deployment(", anchor)
        value_at = emit + len("emit lib.deployment(")
        member_at = emit + len("emit lib.")

        def position(offset):
            return {"line": text.count("\n", 0, offset), "character": offset - (text.rfind("\n", 0, offset) + 1)}

        document = {"uri": uri_of(edited)}
        feature_requests = [
            ("hover", "textDocument/hover", {"textDocument": document, "position": position(value_at)}),
            ("completion", "textDocument/completion", {"textDocument": document, "position": position(member_at)}),
            ("definition", "textDocument/definition", {"textDocument": document, "position": position(value_at)}),
            ("references", "textDocument/references", {"textDocument": document, "position": position(value_at),
                                                        "context": {"includeDeclaration": True}}),
            ("semanticTokens", "textDocument/semanticTokens/full", {"textDocument": document}),
        ]

    latencies = []
    for n in range(args.edits):
        new = (["110m", "100m"][n % 2]) if args.scenario == "mast-lib" else str(2 + (int(old) - 1) % 4)
        versions[edited] += 1
        version = versions[edited]
        sent = time.monotonic()
        client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri_of(edited), "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": column},
                                          "end": {"line": line, "character": column + len(old)}}, "text": new}]})
        old = new
        if args.tokens_on_change and args.scenario == "mast-entry":
            client.request("textDocument/semanticTokens/full", {"textDocument": {"uri": uri_of(edited)}})
            tokens_id = client.next_id
            if not client.wait(lambda m: m.get("id") == tokens_id, 60):
                sys.exit(f"no semantic tokens after edit {n}")
            request_latencies.setdefault("tokensOnChange", []).append((time.monotonic() - sent) * 1000)
        waiting = {uri_of(p) for p in targets}
        while waiting:
            message = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics", 60)
            if message is None:
                sys.exit(f"no diagnostics after edit {n}")
            params = message["params"]
            if params["uri"] == uri_of(edited) and params.get("version") not in (None, version):
                continue  # an older version's result
            waiting.discard(params["uri"])
        latencies.append((time.monotonic() - sent) * 1000)
        for name, method, params in feature_requests:
            asked = time.monotonic()
            client.request(method, params)
            if not client.wait(lambda m: m.get("id") == client.next_id, 60):
                sys.exit(f"no reply to {method} after edit {n}")
            request_latencies.setdefault(name, []).append((time.monotonic() - asked) * 1000)
        time.sleep(args.pause_ms / 1000)
    memory = client.memory_kb()
    client.request("shutdown", None)
    client.wait(lambda m: m.get("id") == client.next_id, 10)
    client.notify("exit", None)
    try:
        client.proc.wait(5)
    except subprocess.TimeoutExpired:
        client.proc.kill()
    lines = sum(t.count("\n") for t in texts.values())
    result = {
        "scenario": args.scenario, "lines": lines, "edits": len(latencies),
        "initial_s": round(initial, 3),
        "p50_ms": round(percentile(latencies, 50), 1), "p95_ms": round(percentile(latencies, 95), 1),
        "max_ms": round(max(latencies), 1),
        "rss_mb": round(memory.get("VmRSS", 0) / 1024, 1), "peak_rss_mb": round(memory.get("VmHWM", 0) / 1024, 1),
    }
    for name, values in request_latencies.items():
        result[name] = {"p50_ms": round(percentile(values, 50), 1), "p95_ms": round(percentile(values, 95), 1)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
