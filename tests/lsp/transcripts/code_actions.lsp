# Quick fixes: "did you mean", missing required fields, mast:ignore
# suppressions with a reason, and templates for common policy findings.
== file fields.mast
schema App { name: string, image: string, port: int = 80 }
let a = App {
  name: "web"
{|close|}}
let b = App { {|typo|}nmae{|typo2|}: "x", image: "y" }
== file app.mast
import "k8s/apps/v1" as apps
import "k8s/core/v1" as core
fn d(): apps.Deployment = {
  metadata: { name: "web", labels: { "app.kubernetes.io/name": "web" } }
  spec: {
    replicas: 2
    selector: { matchLabels: { app: "web" } }
    template: {
      metadata: { labels: { app: "web", "app.kubernetes.io/name": "web" } }
      spec: {
        containers: [{
          {|c|}name: "web"
          image: {|img|}"nginx:latest"{|img2|}
          resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "128Mi" } }
{|cclose|}        }]
      }
    }
  }
}
emit d()
// A Service sends traffic to the pods, so they need a readiness probe.
emit core.Service { metadata: { name: "web" }, spec: { selector: { app: "web" }, ports: [{ port: 80 }] } }
== file deploy.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - {|yc|}name: web
        image: nginx:1.27.2{|ycend|}
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"codeActionProvider": {"codeActionKinds": ["quickfix"]}}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:fields.mast}", "languageId": "mast", "version": 1, "text": ${text:fields.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:fields.mast}", "version": 1, "diagnostics": [{"code": "E0303"}, {"code": "E0303"}, {"code": "E0302"}]}}
# "Did you mean": the compiler's fix.
>> textDocument/codeAction {"textDocument": {"uri": "${uri:fields.mast}"}, "range": ${range:fields.mast:typo:typo},
     "context": {"diagnostics": []}}
<< {"id": "$id", "result": ["$contains", {"title": "Replace with `name`", "kind": "quickfix", "isPreferred": true,
     "edit": {"changes": {"${uri:fields.mast}": [{"range": ${range:fields.mast:typo:typo2}, "newText": "name"}]}}}]}
# Missing required fields, inserted before the closing brace.
>> textDocument/codeAction {"textDocument": {"uri": "${uri:fields.mast}"}, "range": {"start": {"line": 1, "character": 9}, "end": {"line": 1, "character": 9}},
     "context": {"diagnostics": []}}
<< {"id": "$id", "result": [{"title": "Add missing field `image`", "isPreferred": true,
     "edit": {"changes": {"${uri:fields.mast}": [{"range": ${range:fields.mast:close:close}, "newText": "  image: \"\"\n"}]}}}]}
# Policy findings: a template and a suppression comment.
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:app.mast}", "languageId": "mast", "version": 1, "text": ${text:app.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:app.mast}", "version": 1, "diagnostics": ["$contains", {"code": "image-latest-tag"}, {"code": "probe-readiness-missing"}]}}
>> textDocument/codeAction {"textDocument": {"uri": "${uri:app.mast}"}, "range": ${range:app.mast:img:img}, "context": {"diagnostics": []}}
<< {"id": "$id", "result": ["$contains",
     {"title": "Pin the image to a version (fill in X.Y.Z)", "edit": {"changes": {"${uri:app.mast}": [{"range": ${range:app.mast:img:img2}, "newText": "\"nginx:X.Y.Z\""}]}}},
     {"title": "Ignore `image-latest-tag` here (mast:ignore with a reason)",
      "edit": {"changes": {"${uri:app.mast}": [{"range": {"start": {"line": 12, "character": 0}}, "newText": "          // mast:ignore image-latest-tag -- TODO: why this is acceptable\n"}]}}}]}
>> textDocument/codeAction {"textDocument": {"uri": "${uri:app.mast}"}, "range": ${range:app.mast:c:c}, "context": {"diagnostics": []}}
<< {"id": "$id", "result": ["$contains",
     {"title": "Add a readiness probe", "edit": {"changes": {"${uri:app.mast}": [{"range": ${range:app.mast:cclose:cclose},
       "newText": "          readinessProbe: { httpGet: { path: \"/healthz\", port: 8080 } }\n"}]}}}]}
# YAML: the same fixes in YAML syntax.
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:deploy.yaml}", "languageId": "yaml", "version": 1, "text": ${text:deploy.yaml}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:deploy.yaml}", "version": 1, "diagnostics": ["$contains", {"code": "probe-readiness-missing"}]}}
>> textDocument/codeAction {"textDocument": {"uri": "${uri:deploy.yaml}"}, "range": ${range:deploy.yaml:yc:yc}, "context": {"diagnostics": []}}
<< {"id": "$id", "result": ["$contains",
     {"title": "Add a readiness probe", "edit": {"changes": {"${uri:deploy.yaml}": [{"range": ${range:deploy.yaml:ycend:ycend},
       "newText": "\n        readinessProbe:\n          httpGet:\n            path: /healthz\n            port: 8080"}]}}},
     {"title": "Ignore `probe-readiness-missing` here (mast:ignore with a reason)",
      "edit": {"changes": {"${uri:deploy.yaml}": [{"newText": "      # mast:ignore probe-readiness-missing -- TODO: why this is acceptable\n"}]}}}]}
# The placeholder the action inserts is no reason: the finding stays, and
# W1003 asks for the reason. Once it is written, the finding is suppressed.
>>! textDocument/didChange {"textDocument": {"uri": "${uri:deploy.yaml}", "version": 2}, "contentChanges": [{"range": {"start": {"line": 12, "character": 0}, "end": {"line": 12, "character": 0}}, "text": "      # mast:ignore probe-readiness-missing -- TODO: why this is acceptable\n"}]}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:deploy.yaml}", "version": 2, "diagnostics": ["$contains",
     {"code": "W1003", "message": "$re:placeholder.*suppresses nothing"}, {"code": "probe-readiness-missing"}]}}
>>! textDocument/didChange {"textDocument": {"uri": "${uri:deploy.yaml}", "version": 3}, "contentChanges": [{"range": {"start": {"line": 12, "character": 0}, "end": {"line": 13, "character": 0}}, "text": ""}]}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:deploy.yaml}", "version": 3, "diagnostics": ["$contains", {"code": "probe-readiness-missing"}]}}
>>! textDocument/didChange {"textDocument": {"uri": "${uri:deploy.yaml}", "version": 4}, "contentChanges": [{"range": {"start": {"line": 12, "character": 0}, "end": {"line": 12, "character": 0}}, "text": "      # mast:ignore probe-readiness-missing -- served by a sidecar that has its own probe\n"}]}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:deploy.yaml}", "version": 4, "diagnostics": ["$contains", {"code": "probe-liveness-missing"},
     "$without", {"code": "probe-readiness-missing"}, {"code": "W1003"}]}}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
