# Malformed input gets a JSON-RPC error or is ignored; the server keeps going.
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"hoverProvider": true}}}
# Invalid JSON: Parse error with a null id.
>>frame {"id": 1,
<< {"id": null, "error": {"code": -32700}}
# A header block without Content-Length is skipped; the next message works.
>>raw X-Nonsense: yes\r\n\r\n
>>raw Content-Length: abc\r\n\r\n
# Not an object; no method; an id that is neither a number nor a string.
>>frame []
<< {"id": null, "error": {"code": -32600}}
>>frame {"jsonrpc":"2.0","id":"q-1"}
<< {"id": "q-1", "error": {"code": -32600}}
>>frame {"jsonrpc":"2.0","id":[1],"method":"shutdown"}
<< {"id": null, "error": {"code": -32600}}
# Nesting deeper than the limit is refused before parsing.
>>frame [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[
<< {"id": null, "error": {"code": -32700, "message": "$re:nested deeper"}}
# Unknown methods: requests get Method Not Found, notifications are ignored.
>> textDocument/noSuchThing {}
<< {"id": "$id", "error": {"code": -32601}}
>>! workspace/noSuchNotification {}
>>! $/setTrace {"value": "off"}
# Bad params: Invalid Params.
>> textDocument/hover {"textDocument": {"uri": 5}}
<< {"id": "$id", "error": {"code": -32602}}
>> textDocument/hover {"textDocument": {"uri": "file:///nowhere.mast"}, "position": {"line": -1, "character": 0}}
<< {"id": "$id", "error": {"code": -32602}}
# A request about a document that is not open.
>> textDocument/hover {"textDocument": {"uri": "file:///nowhere.mast"}, "position": {"line": 0, "character": 0}}
<< {"id": "$id", "error": {"code": -32602}}
# A change for a document that is not open, and a garbage change, are ignored.
>>! textDocument/didChange {"textDocument": {"uri": "file:///nowhere.mast", "version": 2}, "contentChanges": [{"text": "x"}]}
>>! textDocument/didChange {"textDocument": {"uri": 7}}
# A response from the client (to a request we never made) is ignored.
>>frame {"jsonrpc":"2.0","id":99,"result":{}}
# Invalid UTF-8 inside a JSON string is a parse error.
>>frame {"jsonrpc":"2.0","id":5,"method":"x","params":"\xff"}
<< {"id": null, "error": {"code": -32700}}
# Still alive and answering.
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
