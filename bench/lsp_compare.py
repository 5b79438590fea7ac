#!/usr/bin/env python3
"""Compares the answers of two `mast lsp` binaries: hover, completion,
definition and inlay hints at many positions of .mast files, on the text as
it is and on randomly broken edits of it (seeded, so both servers see the
same requests).

For each file, each server opens it and waits for its diagnostics (so the
check that parsed is kept, as in an editor), answers requests at word ends,
after dots and colons and at random offsets, then gets edited versions (an
inserted snippet or a deleted span), each followed by requests near the
edit and elsewhere, and the original text again.

Each answer of the new server is compared with the old one's: `same`,
`gained` (old empty, new not), `lost` (old not empty, new empty), or
`changed` (both not empty and different; printed for review).

The servers' stderr goes to the file LSP_COMPARE_STDERR names (a sanitizer
build's reports), else nowhere.

Usage: lsp_compare.py OLD_MAST NEW_MAST [--seed S] [--positions N]
                      [--edits K] [--show N] FILE...
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import time
import urllib.parse

SNIPPETS = ["", "{", "}", ".", ": ", "\n", "spec.", "x", "[", "\"", "= ", "apps.", "(", " |", "metadata: {",
            "let y = ", "core."]


class Server:
    def __init__(self, binary, root):
        log = os.environ.get("LSP_COMPARE_STDERR")
        self.proc = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=open(log, "ab") if log else subprocess.DEVNULL)
        self.next_id = 0
        self.request("initialize", {"rootUri": "file://" + root, "capabilities": {}})
        self.notify("initialized", {})

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self):
        length = 0
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise EOFError("server exited")
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.proc.stdout.read(length))

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        wanted = self.next_id
        self.send({"jsonrpc": "2.0", "id": wanted, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == wanted and "method" not in message:
                return message.get("result", message.get("error"))

    def wait_diagnostics(self, uri, version):
        while True:
            message = self.read()
            if message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                if params["uri"] == uri and params.get("version") == version:
                    return

    def close(self):
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()


def position(text, offset):
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return {"line": line, "character": len(text[start:offset].encode("utf-16-le")) // 2}


def offsets_of(text, rng, count):
    """Word ends, spots after `.` and `:`, and random offsets."""
    marks = [m.end() for m in re.finditer(r"\w+", text)] + [m.end() for m in re.finditer(r"[.:] ?", text)]
    picked = rng.sample(marks, min(len(marks), count))
    picked += [rng.randrange(len(text) + 1) for _ in range(max(1, count // 3))]
    return picked


def plan(files, seed, positions, edits):
    """The requests, the same for both servers: a list per file of
    (text version or None, [offsets])."""
    rng = random.Random(seed)
    out = []
    for path in files:
        text = open(path, encoding="utf-8").read()
        steps = [(None, offsets_of(text, rng, positions))]
        for _ in range(edits):
            at = rng.randrange(len(text) + 1)
            if rng.random() < 0.7:
                snippet = rng.choice(SNIPPETS)
                edited = text[:at] + snippet + text[at:]
                near = at + len(snippet)
            else:
                end = min(len(text), at + rng.randint(1, 20))
                edited = text[:at] + text[end:]
                near = at
            steps.append((edited, [near] + offsets_of(edited, rng, max(2, positions // 4))))
        out.append((path, text, steps))
    return out


def canonical(result):
    if isinstance(result, dict) and "items" in result:  # completion: the order is the client's business
        result = dict(result, items=sorted(result["items"], key=lambda item: json.dumps(item, sort_keys=True)))
    return json.dumps(result, sort_keys=True)


def empty(result):
    if result is None or result == [] or result == {}:
        return True
    return isinstance(result, dict) and "items" in result and not result["items"]


def answers(binary, root, work):
    server = Server(binary, root)
    out = {}
    for path, text, steps in work:
        uri = "file://" + urllib.parse.quote(os.path.abspath(path))
        version = 1
        server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "mast", "version": version,
                                                                "text": text}})
        server.wait_diagnostics(uri, version)
        for number, (edited, offsets) in enumerate(steps):
            current = text
            if edited is not None:
                version += 1
                current = edited
                server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                         "contentChanges": [{"text": edited}]})
                server.wait_diagnostics(uri, version)  # findings show in hover: wait for this version's
            doc = {"uri": uri}
            key = (path, number)
            end = position(current, len(current))
            out[key + ("inlay",)] = server.request("textDocument/inlayHint", {
                "textDocument": doc, "range": {"start": {"line": 0, "character": 0}, "end": end}})
            for offset in offsets:
                at = {"textDocument": doc, "position": position(current, offset)}
                for method in ("hover", "completion", "definition"):
                    out[key + (offset, method)] = server.request("textDocument/" + method, at)
            if edited is not None:  # back to the text that parses, checked again
                version += 1
                server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                         "contentChanges": [{"text": text}]})
                server.wait_diagnostics(uri, version)
        server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    server.close()
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("files", nargs="+")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--positions", type=int, default=12)
    parser.add_argument("--edits", type=int, default=4)
    parser.add_argument("--show", type=int, default=20)
    parser.add_argument("--dump", help="write every differing answer (old and new) to this JSON file")
    args = parser.parse_args()
    root = os.getcwd()
    work = plan(args.files, args.seed, args.positions, args.edits)
    began = time.monotonic()
    old = answers(args.old, root, work)
    middle = time.monotonic()
    new = answers(args.new, root, work)
    print("wall time: old %.1f s, new %.1f s" % (middle - began, time.monotonic() - middle))
    counts = {"same": 0, "gained": 0, "lost": 0, "changed": 0}
    differing = []
    shown = {"lost": 0, "changed": 0, "gained": 0}
    for key in old:
        a, b = old[key], new.get(key)
        if canonical(a) == canonical(b):
            counts["same"] += 1
            continue
        kind = "gained" if empty(a) else "lost" if empty(b) else "changed"
        counts[kind] += 1
        differing.append({"kind": kind, "key": list(key), "old": a, "new": b})
        if shown[kind] < args.show:
            shown[kind] += 1
            print("%s %s step %s %s" % (kind, key[0], key[1], key[2:]))
            if isinstance(a, dict) and isinstance(b, dict) and "items" in a and "items" in b:
                olds = {json.dumps(item, sort_keys=True) for item in a["items"]}
                news = {json.dumps(item, sort_keys=True) for item in b["items"]}
                for item in sorted(olds - news)[:4]:
                    print("  old only:", item[:500])
                for item in sorted(news - olds)[:4]:
                    print("  new only:", item[:500])
                continue
            print("  old:", canonical(a)[:600])
            print("  new:", canonical(b)[:600])
    if args.dump:
        with open(args.dump, "w") as out:
            json.dump(differing, out, indent=1)
    print("answers: %d; " % len(old) + ", ".join("%s %d" % item for item in counts.items()))
    return 1 if counts["lost"] or counts["changed"] else 0


if __name__ == "__main__":
    sys.exit(main())
