# The Kubernetes release target in the editor: hover says since when a field
# exists (and that it is deprecated); completion offers the target's fields
# first and marks newer ones instead of hiding them; the diagnostics follow
# `kubernetesVersion` in .mast.yaml, as `mast build` and `mast check` do.
== file .mast.yaml
kubernetesVersion: "1.31"
== file sub/.mast.yaml
kubernetesVersion: "1.99"
== file app.mast
import "k8s/core/v1" as core

emit core.Pod {
  metadata: { name: "web" }
  spec: {
    {|sa|}serviceAccount: "web"
    {|res|}resources: { limits: { cpu: "2" } }
    containers: [{ name: "web", image: "nginx:1.27", {|st|} }]
  }
}
== file svc.yaml
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
  {|td|}trafficDistribution: PreferClose
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"hoverProvider": true}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:app.mast}", "languageId": "mast", "version": 1, "text": ${text:app.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:app.mast}", "version": 1, "diagnostics": [
     {"code": "E0507", "message": "$re:^`resources` is a field of `PodSpec` from Kubernetes 1.32 on, but the target is 1.31"}]}}
# Hover on a field the target lacks explains its history.
>> textDocument/hover {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:res}}
<< {"id": "$id", "result": {"contents": {"kind": "markdown", "value": "$re:\\*\\*not in the target\\*\\* \\(since 1\\.32\\)"}}}
# A deprecated field says so.
>> textDocument/hover {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:sa}}
<< {"id": "$id", "result": {"contents": {"kind": "markdown", "value": "$re:deprecated"}}}
# Completion: target fields, then newer ones marked with their releases.
>> textDocument/completion {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:st}}
<< {"id": "$id", "result": {"items": ["$contains",
     {"label": "imagePullPolicy", "sortText": "$re:^1"},
     {"label": "restartPolicyRules", "detail": "$re:not in the target; since 1\\.34", "sortText": "$re:^3"}]}}
# YAML follows the same target.
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:svc.yaml}", "languageId": "yaml", "version": 1, "text": ${text:svc.yaml}}}
<<no 1500 {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:svc.yaml}", "diagnostics": ["$contains", {"code": "E0507"}]}}
>> textDocument/hover {"textDocument": {"uri": "${uri:svc.yaml}"}, "position": ${pos:svc.yaml:td}}
<< {"id": "$id", "result": {"contents": {"kind": "markdown", "value": "$re:since 1\\.30"}}}
# A bad target in .mast.yaml shows in it, with the CLI's code and wording.
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:sub/.mast.yaml}", "languageId": "yaml", "version": 1, "text": ${text:sub/.mast.yaml}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:sub/.mast.yaml}", "version": 1, "diagnostics": [
     {"code": "E1005", "message": "`kubernetesVersion`: unknown Kubernetes version `1.99`; the built-in releases are 1.28 to 1.36"}]}}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
