# Kubernetes YAML: schema, server-side rules and policies, with the same
# codes and wording as `mast check`. YAML that is not Kubernetes gets no
# schema diagnostics, only syntax errors.
== file deploy.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  {|a|}replica{|b|}: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: webapp }
    spec:
      containers:
      - name: web
        {|c|}image: nginx:latest{|d|}
        resources: { requests: { cpu: 100m, memory: 64Mi }, limits: { memory: 128Mi } }
== file config.yaml
name: not-kubernetes
replica: 2
== file broken.yaml
a: [1, 2
b: 3
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"hoverProvider": true}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:deploy.yaml}", "languageId": "yaml", "version": 7, "text": ${text:deploy.yaml}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:deploy.yaml}", "version": 7, "diagnostics": ["$contains",
     {"code": "E0501", "range": ${range:deploy.yaml:a:b},
      "message": "$re:^unknown field `replica` in `DeploymentSpec`; did you mean `replicas`\\?",
      "data": {"fixEdits": [{"newText": "replicas"}]}},
     {"code": "E0728", "message": "$re:selector"},
     {"code": "image-latest-tag", "severity": 1, "range": ${range:deploy.yaml:c:d}}]}}
# A `mast:ignore` comment with a reason suppresses a schema finding too, as in `mast check`.
>>! textDocument/didChange {"textDocument": {"uri": "${uri:deploy.yaml}", "version": 8}, "contentChanges": [{"range": {"start": {"line": 5, "character": 0}, "end": {"line": 5, "character": 0}}, "text": "  # mast:ignore E0501 -- read by an older controller\n"}]}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:deploy.yaml}", "version": 8, "diagnostics": ["$contains",
     {"code": "E0728"}, "$without", {"code": "E0501"}]}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:config.yaml}", "languageId": "yaml", "version": 1, "text": ${text:config.yaml}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:config.yaml}", "version": 1, "diagnostics": []}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:broken.yaml}", "languageId": "yaml", "version": 1, "text": ${text:broken.yaml}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:broken.yaml}", "version": 1, "diagnostics": [{"code": "E0601"}]}}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
