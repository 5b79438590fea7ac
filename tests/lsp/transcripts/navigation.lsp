# Go to definition across files (and from an import path, and from a record
# key to its schema field), find references across the workspace, rename
# across the workspace, document symbols and workspace symbols.
== file lib.mast
/// An app.
schema {|appdef|}App{|appdef2|} { {|namedef|}name{|namedef2|}: string, image: string }
fn {|labelsdef|}labels{|labelsdef2|}(app: App): {string: string} = { app: app.{|nameuse|}name }
let {|teamdef|}team{|teamdef2|} = "payments"
== file app.mast
import {|path|}"lib.mast" as {|alias|}lib
let web = lib.{|appuse|}App { {|key|}name: "web", image: "nginx:1.27.2" }
let l = lib.{|labelsuse|}labels(web)
fn team(owner: string): string = {|param|}owner + lib.{|teamuse|}team
let m = {|local|}team("x")
== file other.mast
import "lib.mast" as shared
let x = shared.{|labelsuse2|}labels(shared.App { name: "x", image: "y" })
== file k8s.mast
import {|kpath|}"k8s/apps/v1"{|kpath2|} as apps
fn f(): apps.{|ktype|}Deployment = { metadata: { name: "x" } }
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"definitionProvider": true}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:app.mast}", "languageId": "mast", "version": 1, "text": ${text:app.mast}}}
# Definitions.
>> textDocument/definition {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:labelsuse}}
<< {"id": "$id", "result": [{"uri": "${uri:lib.mast}", "range": ${range:lib.mast:labelsdef:labelsdef2}}]}
>> textDocument/definition {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:appuse}}
<< {"id": "$id", "result": [{"uri": "${uri:lib.mast}", "range": ${range:lib.mast:appdef:appdef2}}]}
>> textDocument/definition {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:path}}
<< {"id": "$id", "result": [{"uri": "${uri:lib.mast}", "range": {"start": {"line": 0, "character": 0}}}]}
>> textDocument/definition {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:key}}
<< {"id": "$id", "result": [{"uri": "${uri:lib.mast}", "range": ${range:lib.mast:namedef:namedef2}}]}
>> textDocument/definition {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:local}}
<< {"id": "$id", "result": [{"uri": "${uri:app.mast}", "range": {"start": {"line": 3, "character": 3}}}]}
>> textDocument/definition {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:param}}
<< {"id": "$id", "result": [{"uri": "${uri:app.mast}", "range": {"start": {"line": 3, "character": 8}}}]}
# A Kubernetes type has no file: its definition is the import of its module.
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:k8s.mast}", "languageId": "mast", "version": 1, "text": ${text:k8s.mast}}}
>> textDocument/definition {"textDocument": {"uri": "${uri:k8s.mast}"}, "position": ${pos:k8s.mast:ktype}}
<< {"id": "$id", "result": [{"uri": "${uri:k8s.mast}", "range": ${range:k8s.mast:kpath:kpath2}}]}
# References of `labels`: its declaration, and uses in two files.
>> textDocument/references {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:labelsuse}, "context": {"includeDeclaration": true}}
<< {"id": "$id", "result": ["$contains",
     {"uri": "${uri:lib.mast}", "range": ${range:lib.mast:labelsdef:labelsdef2}},
     {"uri": "${uri:app.mast}", "range": {"start": ${pos:app.mast:labelsuse}}},
     {"uri": "${uri:other.mast}", "range": {"start": ${pos:other.mast:labelsuse2}}}]}
# `lib.team` and the local function `team` are different names.
>> textDocument/references {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:teamuse}, "context": {"includeDeclaration": false}}
<< {"id": "$id", "result": [{"uri": "${uri:app.mast}", "range": {"start": ${pos:app.mast:teamuse}}}]}
# Rename across the workspace.
>> textDocument/prepareRename {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:labelsuse}}
<< {"id": "$id", "result": {"placeholder": "labels"}}
>> textDocument/rename {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:labelsuse}, "newName": "standardLabels"}
<< {"id": "$id", "result": {"changes": {
     "${uri:lib.mast}": [{"range": ${range:lib.mast:labelsdef:labelsdef2}, "newText": "standardLabels"}],
     "${uri:app.mast}": [{"newText": "standardLabels"}],
     "${uri:other.mast}": [{"newText": "standardLabels"}]}}}
>> textDocument/rename {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:appuse}, "newName": "Application"}
<< {"id": "$id", "result": {"changes": {"${uri:lib.mast}": [{"newText": "Application"}, {"newText": "Application"}],
     "${uri:app.mast}": [{"newText": "Application"}], "${uri:other.mast}": [{"newText": "Application"}]}}}
# The case rule and name clashes are checked.
>> textDocument/rename {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:appuse}, "newName": "application"}
<< {"id": "$id", "error": {"code": -32803, "message": "$re:capitalized"}}
>> textDocument/rename {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:labelsuse}, "newName": "team"}
<< {"id": "$id", "error": {"code": -32803, "message": "$re:already declared in lib.mast"}}
>> textDocument/rename {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:alias}, "newName": "library"}
<< {"id": "$id", "result": {"changes": {"${uri:app.mast}": [{"range": {"start": ${pos:app.mast:alias}}}, {}, {}, {}]}}}
# Symbols.
>> textDocument/documentSymbol {"textDocument": {"uri": "${uri:app.mast}"}}
<< {"id": "$id", "result": [{"name": "lib", "kind": 2}, {"name": "web", "kind": 13}, {"name": "l", "kind": 13},
     {"name": "team", "kind": 12, "detail": "fn team(owner: string): string"}, {"name": "m", "kind": 13}]}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:d.yaml}", "languageId": "yaml", "version": 1, "text": "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n---\nkind: Pod\n"}}
>> textDocument/documentSymbol {"textDocument": {"uri": "${uri:d.yaml}"}}
<< {"id": "$id", "result": [{"name": "Service web", "detail": "v1", "kind": 19, "children": [{"name": "apiVersion"}, {"name": "kind"}, {"name": "metadata"}]},
     {"name": "Pod", "children": [{"name": "kind", "kind": 20}]}]}
>> workspace/symbol {"query": "lbl"}
<< {"id": "$id", "result": [{"name": "labels", "kind": 12, "containerName": "lib.mast", "location": {"uri": "${uri:lib.mast}"}}]}
>> workspace/symbol {"query": "App"}
<< {"id": "$id", "result": ["$contains", {"name": "App", "kind": 23}]}
# A field read goes to the schema field; hover shows it.
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:lib.mast}", "languageId": "mast", "version": 1, "text": ${text:lib.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:lib.mast}", "version": 1}}
>> textDocument/definition {"textDocument": {"uri": "${uri:lib.mast}"}, "position": ${pos:lib.mast:nameuse}}
<< {"id": "$id", "result": [{"uri": "${uri:lib.mast}", "range": ${range:lib.mast:namedef:namedef2}}]}
>> textDocument/hover {"textDocument": {"uri": "${uri:lib.mast}"}, "position": ${pos:lib.mast:nameuse}}
<< {"id": "$id", "result": {"contents": {"value": "```mast\nname: string\n```\n\nrequired · field of `App`"}}}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
