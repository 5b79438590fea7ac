# Completion from the compiler's semantic index (analysis/checked.h): the
# locals in scope at the cursor and the types checking inferred for them,
# also where the editor's former inference (lsp/analysis/model*, removed)
# knew nothing (a builtin's result, an `if`, `??`), and in a declaration
# being typed (`x.` does not parse: the last check that parsed answers for
# the names outside the edit).
== file app.mast unsaved
schema App { name: string, port: int }
let apps = [App { name: "a", port: 80 }]
let scope = [for app in reverse(apps): ap{|value|}]
let names = [for app in reverse(apps): app.{|loop|}]
let chosen = [for app in (if len(apps) > 1 then reverse(apps) else apps): app.{|iff|}]
let fallback = apps[0] ?? reverse(apps)[0]
let read = fallback.{|coalesce|}
== file typed.mast unsaved
schema App { name: string, port: int }
let apps = [App { name: "a", port: 80 }]
let inner = let x = apps[0] ?? reverse(apps)[0] in x
let other = 1
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"completionProvider": {"triggerCharacters": ["$contains", "."]}}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:app.mast}", "languageId": "mast", "version": 1, "text": ${text:app.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:app.mast}", "version": 1}}
# A loop variable over a builtin's result (`reverse(xs)` has the type of
# `xs`), in a declaration that does not parse.
>> textDocument/completion {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:loop}}
<< {"id": "$id", "result": {"items": [{"label": "name", "detail": "string (required)"}, {"label": "port", "detail": "int (required)"}]}}
# Over an `if`: the join of its arms.
>> textDocument/completion {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:iff}}
<< {"id": "$id", "result": {"items": [{"label": "name"}, {"label": "port"}]}}
# A global bound to `a ?? b`.
>> textDocument/completion {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:coalesce}}
<< {"id": "$id", "result": {"items": [{"label": "name"}, {"label": "port"}]}}
# Names in scope: the loop variable with its type, then the globals.
>> textDocument/completion {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:value}}
<< {"id": "$id", "result": {"items": ["$contains",
     {"label": "app", "kind": 6, "detail": "App", "sortText": "2app",
      "documentation": {"kind": "markdown", "value": "```mast\napp: App\n```\n\nloop variable"}},
     {"label": "fallback", "detail": "App", "sortText": "3fallback"}, {"label": "apps", "detail": "[App]"}]}}
# Typing `.` after a `let ... in` local: the declaration no longer parses.
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:typed.mast}", "languageId": "mast", "version": 1, "text": ${text:typed.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:typed.mast}", "version": 1}}
>>! textDocument/didChange {"textDocument": {"uri": "${uri:typed.mast}", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 52}, "end": {"line": 2, "character": 52}}, "text": "."}]}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:typed.mast}", "version": 2, "diagnostics": [{"code": "E0101"}]}}
>> textDocument/completion {"textDocument": {"uri": "${uri:typed.mast}"}, "position": {"line": 2, "character": 53}}
<< {"id": "$id", "result": {"items": [{"label": "name"}, {"label": "port"}]}}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
