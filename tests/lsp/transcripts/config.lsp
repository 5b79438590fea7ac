# `.mast.yaml` configures the policies; the server reacts when it changes
# on disk (watched files, which it registers for) and shows its problems.
== file deploy.yaml
apiVersion: v1
kind: Pod
metadata: { name: web, labels: { app.kubernetes.io/name: web } }
spec:
  containers:
  - name: web
    image: nginx:latest
== file .mast.yaml unsaved
rules:
  image-latest-tag: "off"
  no-such-rule: warning
== end
>> initialize {"rootUri": "${root}", "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}}
<< {"id": "$id", "result": {"capabilities": {"hoverProvider": true}}}
>>! initialized {}
<< {"method": "client/registerCapability", "params": {"registrations": [{"method": "workspace/didChangeWatchedFiles",
     "registerOptions": {"watchers": [{"globPattern": "**/*.mast"}, {"globPattern": "**/.mast.yaml"}]}}]}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:deploy.yaml}", "languageId": "yaml", "version": 1, "text": ${text:deploy.yaml}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:deploy.yaml}", "version": 1, "diagnostics": ["$contains", {"code": "image-latest-tag"}]}}
!write .mast.yaml
>>! workspace/didChangeWatchedFiles {"changes": [{"uri": "${uri:.mast.yaml}", "type": 1}]}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:deploy.yaml}", "version": 1, "diagnostics": ["$contains", {"code": "probe-liveness-missing"}, "$without", {"code": "image-latest-tag"}]}}
# The configuration's own problems show in it.
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:.mast.yaml}", "languageId": "yaml", "version": 1, "text": ${text:.mast.yaml}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:.mast.yaml}", "version": 1, "diagnostics": [{"code": "W1004", "message": "$re:no-such-rule"}]}}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
