# Completion, mostly in incomplete code (the usual case while typing).
== file lib.mast
schema Owner { name: string }
== file app.mast unsaved
import "k8s/apps/v1" as apps
import "{|imp|}"
schema App { name: string, image: string, tier: "web" | "worker" = "web" }
fn deployment(app: App): apps.Deployment = {
  spec: {
    {|spec|}
  }
}
let web = App { name: "web", tier: {|tier|} }
fn image(app: App): string = app.{|member|}
let t: apps.{|mod|}
let n = le{|names|}
fn c(app: App): apps.Deployment = {
  spec: { template: { spec: { containers: [{ name: app.name, ima{|partial|}
== file enums.mast unsaved
import "k8s/core/v1" as core
let c: core.Container = { name: "a", image: "x", imagePullPolicy: {|pull|} }
let s: core.ServiceSpec = { type: "{|stype|}" }
== file enums.yaml unsaved
apiVersion: v1
kind: Pod
spec:
  restartPolicy: {|restart|}
  containers:
  - name: web
    imagePullPolicy: {|ypull|}
    ports:
    - containerPort: 80
      protocol: {|proto|}
== file kinds.yaml unsaved
apiVersion: apps/v1
kind: {|kind|}
== file deploy.yaml unsaved
apiVersion: apps/v1
kind: Deployment
spec:
  {|yspec|}
  template:
    spec:
      containers:
      - name: web
        {|ycont|}
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"completionProvider": {"triggerCharacters": ["$contains", "."]}}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:app.mast}", "languageId": "mast", "version": 1, "text": ${text:app.mast}}}
# Fields of the expected Kubernetes type; required ones first and marked.
>> textDocument/completion {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:spec}}
<< {"id": "$id", "result": {"items": ["$contains",
     {"label": "selector", "kind": 5, "detail": "LabelSelector (required)", "sortText": "0selector",
      "textEdit": {"newText": "selector: "}},
     {"label": "template", "detail": "PodTemplateSpec (required)", "documentation": {"kind": "markdown", "value": "$re:field of `DeploymentSpec`"}},
     {"label": "replicas", "detail": "int", "sortText": "1replicas"}]}}
# Literal-union values.
>> textDocument/completion {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:tier}}
<< {"id": "$id", "result": {"items": ["$contains", {"label": "\"web\"", "kind": 20}, {"label": "\"worker\"", "kind": 20}]}}
# Fields after a parameter's `.`.
>> textDocument/completion {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:member}}
<< {"id": "$id", "result": {"items": [
     {"label": "name", "detail": "string (required)"}, {"label": "image", "detail": "string (required)"},
     {"label": "tier", "detail": "\"web\" | \"worker\""}]}}
# Members of an imported Kubernetes module.
>> textDocument/completion {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:mod}}
<< {"id": "$id", "result": {"items": ["$contains", {"label": "Deployment", "detail": "apps/v1 Deployment"}, {"label": "StatefulSet"}]}}
# Names in scope and built-ins with their signatures.
>> textDocument/completion {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:names}}
<< {"id": "$id", "result": {"items": ["$contains",
     {"label": "len", "kind": 3, "detail": "$re:^len\\(", "insertTextFormat": 2},
     {"label": "web", "kind": 6, "detail": "App"}, {"label": "deployment", "kind": 3, "detail": "fn deployment(app: App): apps.Deployment"},
     {"label": "apps", "kind": 9}]}}
# A key half-typed in an unclosed list of records: the Container's fields, without the ones present.
>> textDocument/completion {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:partial}}
<< {"id": "$id", "result": {"items": ["$contains", {"label": "image", "textEdit": {"newText": "image: ", "range": {"end": ${pos:app.mast:partial}}}},
     {"label": "imagePullPolicy"}]}}
# Import paths: Kubernetes modules and .mast files next to the file.
>> textDocument/completion {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:imp}}
<< {"id": "$id", "result": {"items": ["$contains", {"label": "k8s/apps/v1", "kind": 9}, {"label": "lib", "kind": 17}]}}
# YAML: kinds for the apiVersion, and keys of the type at the cursor.
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:kinds.yaml}", "languageId": "yaml", "version": 1, "text": ${text:kinds.yaml}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:deploy.yaml}", "languageId": "yaml", "version": 1, "text": ${text:deploy.yaml}}}
>> textDocument/completion {"textDocument": {"uri": "${uri:kinds.yaml}"}, "position": ${pos:kinds.yaml:kind}}
<< {"id": "$id", "result": {"items": ["$contains", {"label": "Deployment"}, {"label": "StatefulSet"}]}}
>> textDocument/completion {"textDocument": {"uri": "${uri:deploy.yaml}"}, "position": ${pos:deploy.yaml:yspec}}
<< {"id": "$id", "result": {"items": ["$contains", {"label": "selector", "detail": "LabelSelector (required)"}, {"label": "replicas"}]}}
>> textDocument/completion {"textDocument": {"uri": "${uri:deploy.yaml}"}, "position": ${pos:deploy.yaml:ycont}}
<< {"id": "$id", "result": {"items": ["$contains", {"label": "image", "textEdit": {"newText": "image: "}}, {"label": "livenessProbe"}]}}
# The closed value sets the server-side rules enforce (schemas/rules/field_enums.h):
# in Mast as string literals, without the unrelated built-ins; inside a string, its content.
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:enums.mast}", "languageId": "mast", "version": 1, "text": ${text:enums.mast}}}
>> textDocument/completion {"textDocument": {"uri": "${uri:enums.mast}"}, "position": ${pos:enums.mast:pull}}
<< {"id": "$id", "result": {"items": ["$contains",
     {"label": "\"Always\"", "kind": 20, "detail": "\"Always\" | \"IfNotPresent\" | \"Never\""},
     {"label": "\"IfNotPresent\""}, {"label": "\"Never\""}, "$without", {"label": "len"}, {"label": "if"}]}}
>> textDocument/completion {"textDocument": {"uri": "${uri:enums.mast}"}, "position": ${pos:enums.mast:stype}}
<< {"id": "$id", "result": {"items": ["$contains", {"label": "ClusterIP", "kind": 20}, {"label": "NodePort"},
     {"label": "LoadBalancer"}, {"label": "ExternalName"}]}}
# YAML: plain scalars.
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:enums.yaml}", "languageId": "yaml", "version": 1, "text": ${text:enums.yaml}}}
>> textDocument/completion {"textDocument": {"uri": "${uri:enums.yaml}"}, "position": ${pos:enums.yaml:ypull}}
<< {"id": "$id", "result": {"items": [{"label": "Always", "kind": 20}, {"label": "IfNotPresent"}, {"label": "Never"}]}}
>> textDocument/completion {"textDocument": {"uri": "${uri:enums.yaml}"}, "position": ${pos:enums.yaml:restart}}
<< {"id": "$id", "result": {"items": [{"label": "Always"}, {"label": "OnFailure"}, {"label": "Never"}]}}
>> textDocument/completion {"textDocument": {"uri": "${uri:enums.yaml}"}, "position": ${pos:enums.yaml:proto}}
<< {"id": "$id", "result": {"items": [{"label": "TCP"}, {"label": "UDP"}, {"label": "SCTP"}]}}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
