# Cross-file: editing an imported file re-checks the files that import it,
# and findings that an importer's analysis makes in the imported file are
# published for that file.
== file lib.mast
import "k8s/apps/v1" as apps
schema App { name: string, image: string }
fn labels(app: App): {string: string} = { app: app.name }
fn deployment(app: App): apps.Deployment = {
  metadata: { name: app.name }
  spec: {
    selector: { matchLabels: labels(app) }
    template: {
      metadata: { labels: labels(app) }
      spec: { containers: [{ {|c|}name{|c2|}: app.name, image: app.image, resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "128Mi" } } }] }
    }
  }
}
== file app.mast
import "lib.mast" as lib
let web = lib.App { name: "web", image: "nginx:1.27.2" }
let l = lib.{|a|}labels{|b|}(web)
emit lib.deployment(web)
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"hoverProvider": true}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:lib.mast}", "languageId": "mast", "version": 1, "text": ${text:lib.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:lib.mast}", "version": 1, "diagnostics": []}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:app.mast}", "languageId": "mast", "version": 1, "text": ${text:app.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:app.mast}", "version": 1, "diagnostics": []}}
# The policy findings about the container that lib.mast builds show in lib.mast,
# on the key of the container's `name` (its value is computed from the argument).
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:lib.mast}", "version": 1, "diagnostics": ["$contains",
     {"code": "probe-liveness-missing", "range": ${range:lib.mast:c:c2}}]}}
# Rename the function in lib.mast (unsaved): app.mast is checked again against the buffer.
>>! textDocument/didChange {"textDocument": {"uri": "${uri:lib.mast}", "version": 2}, "contentChanges": [{"text": "schema App { name: string, image: string }\nfn labelz(app: App): {string: string} = { app: app.name }\nfn deployment(app: App): {string: string} = labelz(app)\n"}]}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:app.mast}", "version": 1, "diagnostics": [
     {"code": "E0205", "range": ${range:app.mast:a:b}, "message": "module `lib` has no function `labels`; did you mean `labelz`?"}]}}
# The finding that was contributed for version 1 no longer shows.
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:lib.mast}", "version": 2, "diagnostics": []}}
# Closing lib.mast: app.mast reads it from disk again, where `labels` exists.
>>! textDocument/didClose {"textDocument": {"uri": "${uri:lib.mast}"}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:app.mast}", "version": 1, "diagnostics": []}}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
