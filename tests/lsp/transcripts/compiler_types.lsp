# The editor's types are the compiler's (lsp/analysis/types.h): a type
# prints as the compiler resolved it, as one would write it (a pattern keeps
# its escapes), and while a schema's own declaration is being edited, its
# fields, defaults and hover come from the last check that parsed rather
# than from a reading of the broken text.
== file types.mast unsaved
param tag: string(matches: "^v[0-9]+\\.[0-9]+$") = "v1.2"
let {|t|}t = tag
schema App {
  name: string
  {|image|}image: string
  replicas: int = 1
}
let a = {|app|}App { name: "w", image: "i" }
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"hoverProvider": true}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:types.mast}", "languageId": "mast", "version": 1, "text": ${text:types.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:types.mast}", "version": 1, "diagnostics": []}}
>> textDocument/hover {"textDocument": {"uri": "${uri:types.mast}"}, "position": ${pos:types.mast:t}}
<< {"id": "$id", "result": {"contents": {"value": "```mast\nlet t: string(matches: \"^v[0-9]+\\\\.[0-9]+$\")\n```\n\n(type inferred)"}}}
>>! textDocument/didChange {"textDocument": {"uri": "${uri:types.mast}", "version": 2}, "contentChanges": [{"range": {"start": ${pos:types.mast:image}, "end": ${pos:types.mast:image}}, "text": "."}]}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:types.mast}", "version": 2, "diagnostics": ["$contains", {"code": "E0101"}]}}
>> textDocument/inlayHint {"textDocument": {"uri": "${uri:types.mast}"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 8, "character": 0}}}
<< {"id": "$id", "result": ["$contains", {"label": "replicas = 1"}]}
>> textDocument/hover {"textDocument": {"uri": "${uri:types.mast}"}, "position": ${pos:types.mast:app}}
<< {"id": "$id", "result": {"contents": {"value": "```mast\nschema App {\n  name: string\n  image: string\n  replicas: int = 1\n}\n```"}}}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
