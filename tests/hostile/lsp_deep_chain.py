#!/usr/bin/env python3
"""Drives `mast lsp` with long operator chains (hostile_test.sh lsp-deep-chain).

The server used to die with SIGSEGV on hover from 17,500 terms and on open
from 200,000; clients ask for semantic tokens and inlay hints on their own.
Every request must get an answer, and the server must exit 0 after `exit`.
Usage: lsp_deep_chain.py MAST
"""
import json
import os
import subprocess
import sys

mast = sys.argv[1]
# Under ASan (MAST_SANITIZED=1) the address-space limit would stop the
# sanitizer itself; hostile_test.sh has set an RSS limit in ASAN_OPTIONS.
if os.environ.get("MAST_SANITIZED") == "1":
    command = ["timeout", "-s", "KILL", "480", mast, "lsp"]
else:
    command = ["timeout", "-s", "KILL", "60", "prlimit", "--as=" + str(3 << 30), "--", mast, "lsp"]
proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def send(message):
    body = json.dumps(message).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def receive(want_id):
    while True:
        length = 0
        while True:
            line = proc.stdout.readline()
            if not line:
                sys.exit(f"the server closed its output (crashed?) while waiting for reply {want_id}")
            if line in (b"\r\n", b"\n"):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        message = json.loads(proc.stdout.read(length))
        if message.get("id") == want_id:
            return message


send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"rootUri": "file:///tmp", "capabilities": {}}})
receive(1)
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
next_id = 2
for n in (17_500, 200_000):
    uri = f"file:///tmp/chain{n}.mast"
    text = "let x = " + "+".join(["1"] * n) + "\n"
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "mast", "version": 1, "text": text}}})
    end = {"line": 0, "character": len(text) - 2}
    whole = {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 0}}
    for method, params in (("textDocument/hover", {"position": end}),
                           ("textDocument/semanticTokens/full", {}),
                           ("textDocument/inlayHint", {"range": whole})):
        params = dict(params, textDocument={"uri": uri})
        send({"jsonrpc": "2.0", "id": next_id, "method": method, "params": params})
        reply = receive(next_id)
        if "error" in reply and reply["error"].get("code") != -32601:  # -32601: not supported
            sys.exit(method + " failed: " + json.dumps(reply)[:300])
        next_id += 1
send({"jsonrpc": "2.0", "id": next_id, "method": "shutdown"})
receive(next_id)
send({"jsonrpc": "2.0", "method": "exit"})
sys.exit(proc.wait())
