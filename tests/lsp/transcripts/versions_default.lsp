# The client's initializationOptions.kubernetesVersion is the target for
# files whose .mast.yaml names none.
== file svc.yaml
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
  {|td|}trafficDistribution{|td2|}: PreferClose
== end
>> initialize {"rootUri": "${root}", "capabilities": {}, "initializationOptions": {"kubernetesVersion": "1.29", "policies": false}}
<< {"id": "$id", "result": {"capabilities": {"hoverProvider": true}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:svc.yaml}", "languageId": "yaml", "version": 1, "text": ${text:svc.yaml}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:svc.yaml}", "version": 1, "diagnostics": [
     {"code": "E0507", "range": ${range:svc.yaml:td:td2}, "message": "$re:from Kubernetes 1.30 on, but the target is 1.29"}]}}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
