# Recovery (issues 15 and 17): a file with one broken declaration shows its
# syntax error and the type errors of the declarations that parse; the
# importer of a broken library gets E0209 at its import, pointing at the
# library's first error; inline record types hover and complete.
== file app.mast
schema App { name: string, replicas: int }
let web = App { name: "web" replicas: {|s|}}
let api = App { {|a|}nme{|b|}: "api", replicas: 2 }
== file lib.mast
fn double(n: int): int = n * 2
let port = 80 +{|l|}
== file main.mast
import {|i|}"lib.mast"{|j|} as lib
let a = lib.double(lib.port)
== file inline.mast
fn mount(volume: { path: string, port?: int }): string = {|h|}volume.{|m|}path
let m = mount({ path: "/data", {|x|}prt{|y|}: 80 })
let n = mount({|n|}{ port: 80 })
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"hoverProvider": true}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:app.mast}", "languageId": "mast", "version": 1, "text": ${text:app.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:app.mast}", "version": 1, "diagnostics": [
     {"code": "E0101", "range": {"start": ${pos:app.mast:s}}},
     {"code": "E0303"},
     {"code": "E0302", "range": ${range:app.mast:a:b}, "message": "`App` has no field `nme`; did you mean `name`?"}]}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:main.mast}", "languageId": "mast", "version": 1, "text": ${text:main.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:main.mast}", "version": 1, "diagnostics": [
     {"code": "E0209", "range": ${range:main.mast:i:j}, "message": "imported file `lib.mast` has errors",
      "relatedInformation": [{"location": {"uri": "${uri:lib.mast}", "range": {"start": ${pos:lib.mast:l}}},
                              "message": "$re:^the first error in this file: "}]}]}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:inline.mast}", "languageId": "mast", "version": 1, "text": ${text:inline.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:inline.mast}", "version": 1, "diagnostics": [
     {"code": "E0302", "range": ${range:inline.mast:x:y}, "message": "`{ path: string, port?: int }` has no field `prt`; did you mean `port`?"},
     {"code": "E0303", "range": {"start": ${pos:inline.mast:n}}, "message": "missing required field `path` of `{ path: string, port?: int }`"}]}}
>> textDocument/hover {"textDocument": {"uri": "${uri:inline.mast}"}, "position": ${pos:inline.mast:h}}
<< {"id": "$id", "result": {"contents": {"value": "$re:\\{ path: string, port\\?: int \\}"}}}
>> textDocument/completion {"textDocument": {"uri": "${uri:inline.mast}"}, "position": ${pos:inline.mast:m}}
<< {"id": "$id", "result": {"items": [{"label": "path", "detail": "string (required)"}, {"label": "port", "detail": "int"}]}}
# The other features on inline record types answer (and do not crash).
>> textDocument/codeAction {"textDocument": {"uri": "${uri:inline.mast}"}, "range": ${range:inline.mast:n:n}, "context": {"diagnostics": []}}
<< {"id": "$id", "result": ["$contains", {"title": "Add missing field `path`"}]}
>> textDocument/semanticTokens/full {"textDocument": {"uri": "${uri:inline.mast}"}}
<< {"id": "$id", "result": {"data": "$any"}}
>> textDocument/inlayHint {"textDocument": {"uri": "${uri:inline.mast}"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 0}}}
<< {"id": "$id", "result": "$any"}
>> textDocument/documentSymbol {"textDocument": {"uri": "${uri:inline.mast}"}}
<< {"id": "$id", "result": ["$contains", {"name": "mount"}]}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
