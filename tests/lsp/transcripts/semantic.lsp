# Semantic tokens (legend order: namespace type struct typeParameter
# parameter variable property enumMember function keyword comment string
# number operator; modifiers: declaration readonly defaultLibrary
# documentation) and inlay hints (inferred types, schema defaults).
== file s.mast
import "k8s/core/v1" as core
/// doc
schema App { name: string, port: int = 80 }
fn f(app: App): int = len(app.name)
let {|x|}x{|x2|} = App { name: "a" {|close|}}
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"semanticTokensProvider": {"legend": {"tokenTypes": ["namespace", "type", "struct", "typeParameter", "parameter", "variable", "property", "enumMember", "function", "keyword", "comment", "string", "number", "operator"]}}}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:s.mast}", "languageId": "mast", "version": 1, "text": ${text:s.mast}}}
>> textDocument/semanticTokens/full {"textDocument": {"uri": "${uri:s.mast}"}}
<< {"id": "$id", "result": {"data": [
     0, 0, 6, 9, 0,   0, 7, 13, 11, 0,   0, 14, 2, 9, 0,   0, 3, 4, 0, 1,
     1, 0, 7, 10, 8,
     1, 0, 6, 9, 0,   0, 7, 3, 2, 1,   0, 6, 4, 6, 1,   0, 6, 6, 1, 0,   0, 8, 4, 6, 1,   0, 6, 3, 1, 0,   0, 4, 1, 13, 0,   0, 2, 2, 12, 0,
     1, 0, 2, 9, 0,   0, 3, 1, 8, 1,   0, 2, 3, 4, 1,   0, 5, 3, 2, 0,   0, 6, 3, 1, 0,   0, 4, 1, 13, 0,   0, 2, 3, 8, 4,   0, 4, 3, 4, 0,   0, 4, 4, 6, 0,
     1, 0, 3, 9, 0,   0, 4, 1, 5, 3,   0, 2, 1, 13, 0,   0, 2, 3, 2, 0,   0, 6, 4, 6, 0,   0, 6, 3, 11, 0]}}
>> textDocument/inlayHint {"textDocument": {"uri": "${uri:s.mast}"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 0}}}
<< {"id": "$id", "result": [{"position": ${pos:s.mast:x2}, "label": ": App", "kind": 1},
     {"position": ${pos:s.mast:close}, "label": "port = 80", "kind": 2, "paddingLeft": true}]}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
