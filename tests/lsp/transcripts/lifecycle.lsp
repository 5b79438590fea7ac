# The lifecycle: requests before initialize, initialize, shutdown, exit.
>> textDocument/hover {"textDocument": {"uri": "file:///x.mast"}, "position": {"line": 0, "character": 0}}
<< {"id": "$id", "error": {"code": -32002}}
>>! textDocument/didOpen {"textDocument": {"uri": "file:///x.mast", "languageId": "mast", "version": 1, "text": "let x = 1 +"}}
>> initialize {"rootUri": "${root}", "capabilities": {}, "processId": null}
<< {"id": "$id", "result": {"capabilities": {"positionEncoding": "utf-16", "hoverProvider": true,
     "textDocumentSync": {"openClose": true, "change": 2}, "completionProvider": {"triggerCharacters": ["$contains", "."]},
     "definitionProvider": true, "referencesProvider": true, "renameProvider": {"prepareProvider": true},
     "documentSymbolProvider": true, "workspaceSymbolProvider": true, "codeActionProvider": {"codeActionKinds": ["quickfix"]},
     "documentFormattingProvider": true, "semanticTokensProvider": {"full": true}, "inlayHintProvider": true},
     "serverInfo": {"name": "mast"}}}
# The notification before initialize was dropped: nothing is published for it.
<<no 300 {"method": "textDocument/publishDiagnostics"}
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "error": {"code": -32600}}
>>! initialized {}
>> shutdown
<< {"id": "$id", "result": null}
>> textDocument/hover {"textDocument": {"uri": "file:///x.mast"}, "position": {"line": 0, "character": 0}}
<< {"id": "$id", "error": {"code": -32600}}
>>! exit
!exit 0
