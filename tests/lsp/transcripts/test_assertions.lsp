# A failing assertion of a `test` block shows in the editor (E1101), with the
# values of both sides, as `mast test` reports it; fixing the value clears it.
== file web_test.mast
let replicas = 3
test "replicas" {
  assert {|a|}replicas == 2{|b|} : "two replicas"
}
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"hoverProvider": true}}}
>>! initialized {}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:web_test.mast}", "languageId": "mast", "version": 1, "text": ${text:web_test.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:web_test.mast}", "version": 1, "diagnostics": [
     {"code": "E1101", "severity": 1, "source": "mast", "range": ${range:web_test.mast:a:b},
      "message": "$re:^assertion failed: two replicas"}]}}
>>! textDocument/didChange {"textDocument": {"uri": "${uri:web_test.mast}", "version": 2}, "contentChanges": [{"text": "let replicas = 2\ntest \"replicas\" {\n  assert replicas == 2 : \"two replicas\"\n}\n"}]}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:web_test.mast}", "version": 2, "diagnostics": []}}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
