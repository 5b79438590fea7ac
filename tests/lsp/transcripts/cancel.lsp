# $/cancelRequest: a request cancelled before it runs is answered with
# RequestCancelled; one that already ran keeps its result. Either way it is
# answered once, and the server goes on.
== file a.mast
let a = 1
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"hoverProvider": true}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:a.mast}", "languageId": "mast", "version": 1, "text": ${text:a.mast}}}
>> workspace/symbol {"query": ""}
>> workspace/symbol {"query": ""}
>> textDocument/hover {"textDocument": {"uri": "${uri:a.mast}"}, "position": {"line": 0, "character": 4}}
>>! $/cancelRequest {"id": 4}
<< {"id": 4, "$absent": ["nothing"]}
<<no 300 {"id": 4}
# A cancel for an unknown id is ignored.
>>! $/cancelRequest {"id": 999}
>> textDocument/hover {"textDocument": {"uri": "${uri:a.mast}"}, "position": {"line": 0, "character": 4}}
<< {"id": "$id", "result": {"contents": {"value": "$re:let a: int"}}}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
