# Inlay hints take the types checking inferred (the compiler's semantic
# index): a test's `let` step is typed from the function's declared result,
# printed the way the file names the type (`apps.Deployment`); a list of
# records by the join of its items' types.
== file web_test.mast
import "k8s/apps/v1" as apps
schema App { name: string, image: string }
fn deployment(app: App): apps.Deployment = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: app.name } }
let web{|w|} = App { name: "web", image: "nginx:1.27.2" }
let apps_list{|l|} = [web]
test "deployment" {
  let d{|d|} = deployment(web)
  assert d.metadata.name == "web"
}
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"inlayHintProvider": true}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:web_test.mast}", "languageId": "mast", "version": 1, "text": ${text:web_test.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:web_test.mast}", "version": 1, "diagnostics": []}}
>> textDocument/inlayHint {"textDocument": {"uri": "${uri:web_test.mast}"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}}}
<< {"id": "$id", "result": [{"position": ${pos:web_test.mast:w}, "label": ": App", "kind": 1},
     {"position": ${pos:web_test.mast:l}, "label": ": [App]", "kind": 1},
     {"position": ${pos:web_test.mast:d}, "label": ": apps.Deployment", "kind": 1}]}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
