# Positions are UTF-16 code units: "é" is one unit (two bytes), "😀" two units
# (four bytes). Ranges after them, edits after them and hovers after them.
== file u.mast
let s = {|a|}"é😀" + 1{|b|}
let emoji = "😀😀" let {|c|}t{|d|} = emoji
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"hoverProvider": true}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:u.mast}", "languageId": "mast", "version": 1, "text": ${text:u.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:u.mast}", "version": 1, "diagnostics": [
     {"code": "E0307", "range": {"start": {"line": 0, "character": 8}, "end": {"line": 0, "character": 17}}}]}}
>> textDocument/hover {"textDocument": {"uri": "${uri:u.mast}"}, "position": ${pos:u.mast:c}}
<< {"id": "$id", "result": {"range": ${range:u.mast:c:d}, "contents": {"kind": "markdown", "value": "$re:let t: string"}}}
# Replace `1` (after the emoji) with `"!"`: an incremental edit in UTF-16 units.
>>! textDocument/didChange {"textDocument": {"uri": "${uri:u.mast}", "version": 2}, "contentChanges": [{"range": {"start": {"line": 0, "character": 16}, "end": {"line": 0, "character": 17}}, "text": "\"!\""}]}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:u.mast}", "version": 2, "diagnostics": []}}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
