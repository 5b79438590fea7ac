# Types from a `crd:` import (`import "crd:crds/certs.yaml" as certs`) are
# typed like built-in kinds, from the compiler's view of the program: hover
# on the type and on its fields (as keys and as fields read), completion of
# the fields in a record and after a value of the type, go to definition of
# the type (its import), and the references of the import's alias.
== file crds/certs.yaml
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: certificates.cert-manager.io
spec:
  group: cert-manager.io
  scope: Namespaced
  names:
    kind: Certificate
    plural: certificates
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          description: A Certificate resource should be created to ensure an up to date and signed X.509 certificate is stored in the Kubernetes Secret resource named in `spec.secretName`.
          type: object
          properties:
            spec:
              description: Specification of the desired state of the Certificate resource.
              type: object
              required: [secretName, issuerRef]
              properties:
                secretName:
                  description: Name of the Secret resource that will be automatically created and managed by this Certificate resource.
                  type: string
                dnsNames:
                  description: Requested DNS subject alternative names.
                  type: array
                  items:
                    type: string
                issuerRef:
                  description: Reference to the issuer responsible for issuing the certificate.
                  type: object
                  required: [name]
                  properties:
                    name:
                      description: Name of the resource being referred to.
                      type: string
                    kind:
                      description: Kind of the resource being referred to.
                      type: string
== file app.mast unsaved
import {|path|}"crd:crds/certs.yaml"{|pathend|} as {|alias|}certs{|aliasend|}
let cert = {|use1|}certs{|use1end|}.{|type|}Certificate {
  metadata: { name: "web" }
  spec: {
    {|key|}secretName{|keyend|}: "web-tls"
    issuerRef: { name: "letsencrypt" }
    {|field|}
  }
}
let secret: string = cert.spec.{|read|}secretName{|readend|}
let names: {|use2|}certs{|use2end|}.Certificate = cert
== file member.mast unsaved
import "crd:crds/certs.yaml" as certs
let cert: certs.Certificate = { spec: { secretName: "x", issuerRef: { name: "i" } } }
let spec = cert.spec.{|member|}
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"hoverProvider": true}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:app.mast}", "languageId": "mast", "version": 1, "text": ${text:app.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:app.mast}", "version": 1, "diagnostics": []}}
# Hover on the custom resource's type: the kind and its description.
>> textDocument/hover {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:type}}
<< {"id": "$id", "result": {"contents": {"kind": "markdown", "value": "```mast\ncerts.Certificate\n```\n\nKubernetes `cert-manager.io/v1` `Certificate`\n\nA Certificate resource should be created to ensure an up to date and signed X.509 certificate is stored in the Kubernetes Secret resource named in `spec.secretName`."}}}
# Hover on a key of the typed record: the field's type, facts and description.
>> textDocument/hover {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:key}}
<< {"id": "$id", "result": {"contents": {"kind": "markdown", "value": "```mast\nsecretName: string\n```\n\nrequired · field of `spec`\n\nName of the Secret resource that will be automatically created and managed by this Certificate resource."}, "range": ${range:app.mast:key:keyend}}}
# Hover on the same field read through a value of the type.
>> textDocument/hover {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:read}}
<< {"id": "$id", "result": {"contents": {"kind": "markdown", "value": "```mast\nsecretName: string\n```\n\nrequired · field of `spec`\n\nName of the Secret resource that will be automatically created and managed by this Certificate resource."}, "range": ${range:app.mast:read:readend}}}
# The fields still missing from the spec.
>> textDocument/completion {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:field}}
<< {"id": "$id", "result": {"items": [{"label": "dnsNames", "detail": "[string]", "documentation": {"value": "$re:Requested DNS subject alternative names"}}]}}
# Go to definition of the type: the import that brings it in.
>> textDocument/definition {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:type}}
<< {"id": "$id", "result": [{"uri": "${uri:app.mast}", "range": ${range:app.mast:path:pathend}}]}
# The alias's references: its declaration, the typed record and the annotation.
>> textDocument/references {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:use1}, "context": {"includeDeclaration": true}}
<< {"id": "$id", "result": [{"uri": "${uri:app.mast}", "range": ${range:app.mast:alias:aliasend}}, {"uri": "${uri:app.mast}", "range": ${range:app.mast:use1:use1end}}, {"uri": "${uri:app.mast}", "range": ${range:app.mast:use2:use2end}}]}
# Completion after a value of the type, in a line that does not parse yet.
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:member.mast}", "languageId": "mast", "version": 1, "text": ${text:member.mast}}}
>> textDocument/completion {"textDocument": {"uri": "${uri:member.mast}"}, "position": ${pos:member.mast:member}}
<< {"id": "$id", "result": {"items": ["$contains", {"label": "dnsNames", "detail": "[string]"}, {"label": "issuerRef", "detail": "issuerRef (required)"},
     {"label": "secretName", "detail": "string (required)", "documentation": {"value": "$re:Name of the Secret resource"}}]}}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
