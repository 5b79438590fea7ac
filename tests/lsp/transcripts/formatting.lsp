# Document formatting is `mast fmt`; a file with syntax errors is left alone.
== file f.mast
let   a={x:1,y:2}
let b = a.x+1 // a comment stays
== file broken.mast
let   a = {x:
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"documentFormattingProvider": true}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:f.mast}", "languageId": "mast", "version": 1, "text": ${text:f.mast}}}
>> textDocument/formatting {"textDocument": {"uri": "${uri:f.mast}"}, "options": {"tabSize": 4, "insertSpaces": true}}
<< {"id": "$id", "result": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 0}},
     "newText": "let a = { x: 1, y: 2 }\nlet b = a.x + 1  // a comment stays\n"}]}
>>! textDocument/didChange {"textDocument": {"uri": "${uri:f.mast}", "version": 2}, "contentChanges": [{"text": "let a = { x: 1, y: 2 }\n"}]}
>> textDocument/formatting {"textDocument": {"uri": "${uri:f.mast}"}, "options": {"tabSize": 2, "insertSpaces": true}}
<< {"id": "$id", "result": []}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:broken.mast}", "languageId": "mast", "version": 1, "text": ${text:broken.mast}}}
>> textDocument/formatting {"textDocument": {"uri": "${uri:broken.mast}"}, "options": {"tabSize": 2, "insertSpaces": true}}
<< {"id": "$id", "result": null}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
