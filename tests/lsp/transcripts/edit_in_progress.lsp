# While a file does not parse, a syntax error in one declaration (an alias
# being edited) leaves checking without the types that depend on it: hover,
# inlay hints, go to definition and completion elsewhere answer from the
# last check that parsed (FeatureContext::Earlier), for names outside what
# was typed since.
== file edit.mast unsaved
type Label = string
schema App { {|decl|}name{|declend|}: Label, port: int }
fn f(app: App): string = app.{|field|}name
let {|web|}web = App { name: "w", port: 1 }
let other = web.{|member|}port
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"hoverProvider": true}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:edit.mast}", "languageId": "mast", "version": 1, "text": ${text:edit.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:edit.mast}", "version": 1, "diagnostics": []}}
>>! textDocument/didChange {"textDocument": {"uri": "${uri:edit.mast}", "version": 2}, "contentChanges": [{"range": {"start": {"line": 0, "character": 19}, "end": {"line": 0, "character": 19}}, "text": "("}]}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:edit.mast}", "version": 2, "diagnostics": [{"code": "E0101"}]}}
>> textDocument/hover {"textDocument": {"uri": "${uri:edit.mast}"}, "position": ${pos:edit.mast:field}}
<< {"id": "$id", "result": {"contents": {"value": "$re:^```mast\nname: Label\n```\n\nrequired · field of `App`"}}}
>> textDocument/definition {"textDocument": {"uri": "${uri:edit.mast}"}, "position": ${pos:edit.mast:field}}
<< {"id": "$id", "result": [{"uri": "${uri:edit.mast}", "range": ${range:edit.mast:decl:declend}}]}
>> textDocument/inlayHint {"textDocument": {"uri": "${uri:edit.mast}"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 0}}}
<< {"id": "$id", "result": ["$contains", {"label": ": App"}]}
>> textDocument/completion {"textDocument": {"uri": "${uri:edit.mast}"}, "position": ${pos:edit.mast:member}}
<< {"id": "$id", "result": {"items": [{"label": "name"}, {"label": "port"}]}}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
