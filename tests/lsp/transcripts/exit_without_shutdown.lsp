# `exit` without `shutdown` ends the server with status 1.
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"hoverProvider": true}}}
>>! exit
!exit 1
