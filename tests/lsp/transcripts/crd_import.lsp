# `crd:` imports in the editor: the kinds of the imported CRDs complete after
# the alias, fields of a typed custom resource complete and hover with their
# descriptions, and a bad field is a diagnostic like a built-in kind's.
== file crds/widgets.yaml
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names:
    kind: Widget
    plural: widgets
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          description: A widget on the shop floor.
          type: object
          properties:
            spec:
              description: How the widget is built.
              type: object
              required: [size]
              properties:
                size:
                  description: Size class of the widget.
                  type: string
                  enum: [small, large]
                count:
                  type: integer
                  minimum: 1
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.example.com
spec:
  group: example.com
  scope: Cluster
  names:
    kind: Gadget
    plural: gadgets
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
== file app.mast unsaved
import "crd:crds/widgets.yaml" as shop
let w: shop.Widget = {
  metadata: { name: "w" }
  spec: {
    {|field|}
  }
}
let v: shop.Widget = { spec: { {|sz|}size: "small", count: 2 } }
let g: shop.{|member|}
== file broken.mast
import "crd:crds/widgets.yaml" as shop
let w: shop.Widget = { spec: { {|bad|}sise{|bad2|}: "small" } }
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"hoverProvider": true}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:app.mast}", "languageId": "mast", "version": 1, "text": ${text:app.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:app.mast}", "version": 1}}
# The kinds of the imported CRDs, after the alias.
>> textDocument/completion {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:member}}
<< {"id": "$id", "result": {"items": ["$contains", {"label": "Gadget"}, {"label": "Widget"}]}}
# The fields of the CRD's schema inside a typed record, required ones marked.
>> textDocument/completion {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:field}}
<< {"id": "$id", "result": {"items": ["$contains", {"label": "count", "detail": "int"},
     {"label": "size", "detail": "$re:required", "documentation": {"value": "$re:Size class of the widget"}}]}}
# Hover on a CRD field: its type, the kind it belongs to and its description.
>> textDocument/hover {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:sz}}
<< {"id": "$id", "result": {"contents": {"kind": "markdown", "value": "$re:^```mast\nsize: [\\s\\S]*Size class of the widget"}}}
# An unknown field of a custom resource, with "did you mean".
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:broken.mast}", "languageId": "mast", "version": 1, "text": ${text:broken.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:broken.mast}", "version": 1, "diagnostics": ["$contains",
     {"code": "E0501", "range": ${range:broken.mast:bad:bad2}, "message": "unknown field `sise` in `Widget.spec`; did you mean `size`?"}]}}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
