#!/usr/bin/env python3
"""One engine: `mast build`, `mast check` and `mast lsp` report the same
findings for the same file and `.mast.yaml`: the same positions, severities,
codes and messages, and so the same counts, with the same labels (the editor's
relatedInformation: "`service` is called here", ...) and notes.

For each file, the command-line findings come from `--diagnostics-format
json`; the editor's from a real `mast lsp` process (initialize, didOpen,
the first publishDiagnostics of that version). A `.mast` file is compared
three ways (build, check, lsp), a YAML file two ways (check, lsp).

Usage: three_way_test.py MAST_BINARY FILE...
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse

SEVERITY = {1: "error", 2: "warning", 3: "info", 4: "info"}
OBJECT_NOTE = re.compile(r"^in [A-Z][A-Za-z0-9]* \S")


def finding(path, line, column, end_line, end_column, severity, code, message, labels=(), notes=()):
    return (os.path.basename(path), line, column, end_line, end_column, severity, code, message, tuple(labels),
            tuple(notes))


def from_json(text):
    data = json.loads(text or "[]")
    if isinstance(data, dict):  # `mast check --format json`: a report with a summary
        data = data["diagnostics"]
    out = []
    for d in data:
        labels = [(os.path.basename(l["file"]), l["line"], l["column"], l["message"]) for l in d["labels"] if "file" in l]
        # The editor shows notes, then labels without a place, after the
        # message; it leaves out the note naming the object ("in Service web":
        # lsp/analysis/analyze.cpp, the editor shows which object it is).
        notes = [n for n in d["notes"] if not OBJECT_NOTE.match(n)] + [l["message"] for l in d["labels"]
                                                                       if "file" not in l]
        out.append(finding(d["file"], d["line"], d["column"], d["endLine"], d["endColumn"], d["severity"], d["code"],
                           d["message"], labels, notes))
    return sorted(out)


def from_lsp(uri, d):
    """A published diagnostic: relatedInformation are the labels; the lines
    after the message are the notes (`note: ...`, and `fix: ...` as is)."""
    message, *rest = d["message"].split("\n")
    notes = [line[len("note: "):] if line.startswith("note: ") else line for line in rest]
    labels = [(os.path.basename(urllib.parse.unquote(urllib.parse.urlparse(r["location"]["uri"]).path)),
               r["location"]["range"]["start"]["line"] + 1, r["location"]["range"]["start"]["character"] + 1,
               r["message"]) for r in d.get("relatedInformation", [])]
    return finding(urllib.parse.unquote(uri), d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1,
                   d["range"]["end"]["line"] + 1, d["range"]["end"]["character"] + 1, SEVERITY[d.get("severity", 1)],
                   str(d.get("code", "")), message, labels, notes)


def cli_findings(mast, command, path):
    with tempfile.TemporaryDirectory() as out:
        if command == "build":
            args = [mast, "build", "--diagnostics-format", "json", "-o", os.path.join(out, "out.yaml"), path]
        else:
            args = [mast, "check", "--format", "json", path]
        run = subprocess.run(args, capture_output=True, text=True, timeout=120)
    if run.returncode not in (0, 1):
        sys.exit(f"FAIL: `mast {command} {path}` exited {run.returncode}: {run.stderr[:500]}")
    return from_json(run.stdout if command == "check" else run.stderr), run.returncode


class Server:
    def __init__(self, mast, root):
        self.process = subprocess.Popen([mast, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.next_id = 1
        self.request("initialize", {"rootUri": "file://" + urllib.parse.quote(root), "capabilities": {}})
        self.notify("initialized", {})

    def send(self, message):
        body = json.dumps(dict(message, jsonrpc="2.0")).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                sys.exit("FAIL: mast lsp closed its output")
            line = line.strip()
            if not line:
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def request(self, method, params, on_message=None):
        self.send({"id": self.next_id, "method": method, "params": params})
        self.next_id += 1
        while "result" not in (message := self.read()) and "error" not in message:
            if on_message:
                on_message(message)
        return message

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    # Everything the analysis of `path` published: its own findings, and
    # those in files it imports (a finding inside a library's function is
    # published to the library), as the command line reports them all.
    def diagnostics(self, path):
        uri = "file://" + urllib.parse.quote(path)
        language = "mast" if path.endswith(".mast") else "yaml"
        with open(path, encoding="utf-8") as file:
            text = file.read()
        self.notify("textDocument/didOpen",
                    {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}})
        published = {}

        def collect(message):
            if message.get("method") == "textDocument/publishDiagnostics":
                published[message["params"]["uri"]] = message["params"]["diagnostics"]

        while uri not in published:
            collect(self.read())
        # Publications for other files come with the same analysis; a request
        # answered after them ends the wait.
        self.request("shutdown", None, collect)
        self.notify("exit", None)
        self.process.wait(timeout=30)
        return sorted(from_lsp(other, d) for other, diagnostics in published.items() for d in diagnostics)


def describe(findings):
    def lines(f):
        yield f"  {f[0]}:{f[1]}:{f[2]}: {f[5]}[{f[6]}]: {f[7]}"
        for label in f[8]:
            yield f"    {label[0]}:{label[1]}:{label[2]}: note: {label[3]}"
        for note in f[9]:
            yield f"    = note: {note}"
    return "\n".join(line for f in findings for line in lines(f)) or "  (none)"


def main():
    mast, files = sys.argv[1], [os.path.abspath(f) for f in sys.argv[2:]]
    failures, compared, total, call_sites = 0, 0, 0, 0
    for path in files:
        server = Server(mast, os.path.dirname(path))
        views = {"lsp": server.diagnostics(path)}
        views["check"], check_exit = cli_findings(mast, "check", path)
        if path.endswith(".mast"):
            views["build"], build_exit = cli_findings(mast, "build", path)
            if build_exit != check_exit:
                print(f"FAIL: {path}: build exits {build_exit}, check {check_exit}")
                failures += 1
        total += len(views["check"])
        call_sites += sum(1 for f in views["check"] for label in f[8] if label[3].endswith("is called here"))
        for name, findings in views.items():
            if findings != views["check"]:
                missing = [f for f in views["check"] if f not in findings]
                extra = [f for f in findings if f not in views["check"]]
                print(f"FAIL: {path}: `{name}` differs from `check`\n only in check:\n{describe(missing)}\n"
                      f" only in {name}:\n{describe(extra)}")
                failures += 1
        compared += 1
        print(f"{os.path.basename(path)}: {len(views['check'])} findings, alike in {', '.join(sorted(views))}")
    print(f"three-way: {compared} files, {total} findings, {failures} differences")
    if total < 20:
        print("FAIL: fewer than 20 findings in all: the fixtures compare too little")
        failures += 1
    if call_sites == 0:
        print("FAIL: no finding names a call site: the fixtures compare no backtrace")
        failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
