# Hover: Kubernetes fields (type and description), Mast names (declared or
# inferred type, constraints, `///` doc), built-ins, Kubernetes types,
# policy findings (the rule's remediation), and keys in Kubernetes YAML.
== file app.mast
import "k8s/apps/v1" as apps
type Port = int(1..65535)
/// The port the app listens on.
let port: Port = 8080
/// An application.
schema App { name: string, image: string, tier: "web" | "worker" = "web" }
let web = App { name: "web", image: "nginx:1.27.2" }
fn deployment(app: App): {|t|}apps.Deployment = {
  metadata: { name: app.name }
  spec: {
    {|r|}replicas: 2
    selector: { matchLabels: { app: app.name } }
    template: {
      metadata: { labels: { app: app.name } }
      spec: { containers: [{ name: app.name, {|img|}image: {|imgv|}"nginx"{|img2|}, ports: [{ containerPort: {|p|}port }] }] }
    }
  }
}
let n = {|l|}len(web.name)
let {|all|}all = [web]
emit deployment({|w|}web)
test "deployment" {
  let {|tl|}d = deployment(web)
  assert d.spec.{|tr|}replicas == 2
}
== file deploy.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  {|y|}replicas: 2
  template:
    spec:
      containers:
      - name: web
        {|y2|}imagePullPolicy: Always
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"hoverProvider": true}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:app.mast}", "languageId": "mast", "version": 1, "text": ${text:app.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:app.mast}", "version": 1}}
# A Kubernetes field in a record typed by the function's result.
>> textDocument/hover {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:r}}
<< {"id": "$id", "result": {"contents": {"kind": "markdown", "value": "$re:^```mast\nreplicas: int\n```\n\n`int32` · field of `DeploymentSpec`\n\nNumber of desired pods"}}}
# A let with a doc comment, a declared alias type and its constraint.
>> textDocument/hover {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:p}}
<< {"id": "$id", "result": {"contents": {"value": "$re:^```mast\nlet port: Port\n```\n\n`Port` = `int\\(1\\.\\.65535\\)`\n\nThe port the app listens on\\."}}}
# An inferred type.
>> textDocument/hover {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:w}}
<< {"id": "$id", "result": {"contents": {"value": "$re:^```mast\nlet web: App\n```\n\n\\(type inferred\\)"}}}
# A built-in.
>> textDocument/hover {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:l}}
<< {"id": "$id", "result": {"contents": {"value": "$re:^```mast\nlen\\(.*\\): int\n```\n\nbuilt-in function"}}}
# A Kubernetes type.
>> textDocument/hover {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:t}}
<< {"id": "$id", "result": {"contents": {"value": "$re:Kubernetes module"}}}
# A list literal: checking joins its items' types.
>> textDocument/hover {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:all}}
<< {"id": "$id", "result": {"contents": {"value": "```mast\nlet all: [App]\n```\n\n(type inferred)"}}}
# A test's `let` step and a Kubernetes field read through it: the semantic
# index knows the step's type from the function's declared result (the
# editor's own model, since removed, said `any` and had no hover for the
# field).
>> textDocument/hover {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:tl}}
<< {"id": "$id", "result": {"contents": {"value": "```mast\nd: apps.Deployment\n```\n\nlocal"}}}
>> textDocument/hover {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:tr}}
<< {"id": "$id", "result": {"contents": {"value": "$re:^```mast\nreplicas: int\n```\n\n`int32` · field of `DeploymentSpec`"}}}
# A policy finding: the rule's description and remediation, over the field
# it is anchored on (`image: "nginx"`).
>> textDocument/hover {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:imgv}}
<< {"id": "$id", "result": {"range": ${range:app.mast:img:img2}, "contents": {"value": "$re:^\\*\\*policy `image-latest-tag`\\*\\* \\(error, images\\)[\\s\\S]*\\*\\*Remediation:\\*\\* Use an immutable version tag"}}}
# YAML keys, through sequences. The hover waits for the file's diagnostics:
# findings anchored on the key (`availability-pdb-missing` on `replicas`)
# come first in its hover once they are published, so hovering before they
# arrive gave a different answer.
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:deploy.yaml}", "languageId": "yaml", "version": 1, "text": ${text:deploy.yaml}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:deploy.yaml}", "version": 1}}
>> textDocument/hover {"textDocument": {"uri": "${uri:deploy.yaml}"}, "position": ${pos:deploy.yaml:y}}
<< {"id": "$id", "result": {"contents": {"value": "$re:^\\*\\*policy `availability-pdb-missing`\\*\\*[\\s\\S]*\n```mast\nreplicas: int\n```\n\n`int32` · field of `DeploymentSpec`"}}}
>> textDocument/hover {"textDocument": {"uri": "${uri:deploy.yaml}"}, "position": ${pos:deploy.yaml:y2}}
<< {"id": "$id", "result": {"contents": {"value": "$re:field of `Container`\n\nImage pull policy"}}}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
