# Other tools' YAML is recognised as `mast check` recognises it
# (schemas/check/input_roles.h): a chart's Chart.yaml has an apiVersion but
# is no Kubernetes object, and a kustomization is checked against
# Kustomize's schema, not as a custom resource.
== file Chart.yaml
apiVersion: v2
name: web
version: 0.1.0
== file kustomization.yaml
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
{|a|}resource{|b|}:
  - deployment.yaml
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"hoverProvider": true}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:Chart.yaml}", "languageId": "yaml", "version": 1, "text": ${text:Chart.yaml}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:Chart.yaml}", "version": 1, "diagnostics": []}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:kustomization.yaml}", "languageId": "yaml", "version": 1, "text": ${text:kustomization.yaml}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:kustomization.yaml}", "version": 1, "diagnostics": [
     {"code": "E0801", "range": ${range:kustomization.yaml:a:b},
      "message": "unknown field `resource` in a kustomization; did you mean `resources`?"}]}}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
