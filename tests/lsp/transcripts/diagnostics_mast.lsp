# Diagnostics of a .mast file on open and on every (incremental) change,
# with the CLI's codes and wording, published with the document version.
== file app.mast
import "k8s/apps/v1" as apps
schema App { name: string, replicas: int(1..10) = 2 }
let web = App { name: "web", {|a|}replcas{|b|}: 3 }
{|end|}
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"hoverProvider": true}}}
>>! initialized {}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:app.mast}", "languageId": "mast", "version": 1, "text": ${text:app.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:app.mast}", "version": 1, "diagnostics": [
     {"code": "E0302", "severity": 1, "source": "mast", "range": ${range:app.mast:a:b},
      "message": "`App` has no field `replcas`; did you mean `replicas`?",
      "relatedInformation": [{"message": "`App` is declared here"}],
      "data": {"fixTitle": "replace with `replicas`", "fixEdits": [{"range": ${range:app.mast:a:b}, "newText": "replicas"}]}}]}}
# An incremental edit fixes it.
>>! textDocument/didChange {"textDocument": {"uri": "${uri:app.mast}", "version": 2}, "contentChanges": [{"range": ${range:app.mast:a:b}, "text": "replicas"}]}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:app.mast}", "version": 2, "diagnostics": []}}
# A syntax error in a new declaration; the others are still parsed.
>>! textDocument/didChange {"textDocument": {"uri": "${uri:app.mast}", "version": 3}, "contentChanges": [{"range": ${range:app.mast:end:end}, "text": "let broken = 1 +\n"}]}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:app.mast}", "version": 3, "diagnostics": [
     {"code": "E0101", "severity": 1, "message": "$re:^unexpected end of the declaration; expected an expression",
      "range": {"start": {"line": 3}}}]}}
# Refinements and evaluation: once the syntax is fixed, a value out of range.
>>! textDocument/didChange {"textDocument": {"uri": "${uri:app.mast}", "version": 4}, "contentChanges": [{"text": "schema App { name: string, replicas: int(1..10) = 2 }\nlet web = App { name: \"web\", replicas: 30 }\n"}]}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:app.mast}", "version": 4, "diagnostics": [
     {"code": "E0401", "message": "$re:value 30 is out of range for `int\\(1\\.\\.10\\)`",
      "range": {"start": {"line": 1, "character": 39}, "end": {"line": 1, "character": 41}}}]}}
# Closing the document clears its diagnostics.
>>! textDocument/didClose {"textDocument": {"uri": "${uri:app.mast}"}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:app.mast}", "diagnostics": []}}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
