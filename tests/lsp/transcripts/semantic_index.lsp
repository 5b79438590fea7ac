# Navigation from the compiler's semantic index: a schema field's references
# are its declaration, the keys that set it in typed records and the field
# reads (the checker knows the record's type at each, a list literal's item
# included); names in a declaration that does not parse yet still go to
# their definitions.
== file app.mast unsaved
schema App {
  {|field|}name{|fieldend|}: string
  replicas: int = 1
}
fn {|helper|}helper{|helperend|}(app: App): string = app.{|read|}name{|readend|}
let web = App { {|key|}name{|keyend|}: "web" }
let other: App = { {|key2|}name{|key2end|}: "other", replicas: 2 }
let first = [web][0].{|listread|}name{|listreadend|}
let broken = {|call|}helper(web) +
== end
>> initialize {"rootUri": "${root}", "capabilities": {}}
<< {"id": "$id", "result": {"capabilities": {"referencesProvider": true}}}
>>! textDocument/didOpen {"textDocument": {"uri": "${uri:app.mast}", "languageId": "mast", "version": 1, "text": ${text:app.mast}}}
<< {"method": "textDocument/publishDiagnostics", "params": {"uri": "${uri:app.mast}", "version": 1}}
>> textDocument/references {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:field}, "context": {"includeDeclaration": true}}
<< {"id": "$id", "result": [{"uri": "${uri:app.mast}", "range": ${range:app.mast:field:fieldend}},
     {"uri": "${uri:app.mast}", "range": ${range:app.mast:read:readend}},
     {"uri": "${uri:app.mast}", "range": ${range:app.mast:key:keyend}},
     {"uri": "${uri:app.mast}", "range": ${range:app.mast:key2:key2end}},
     {"uri": "${uri:app.mast}", "range": ${range:app.mast:listread:listreadend}}]}
# From a key: the schema field it sets.
>> textDocument/definition {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:key2}}
<< {"id": "$id", "result": [{"uri": "${uri:app.mast}", "range": ${range:app.mast:field:fieldend}}]}
# A field read of a list literal's item: checking joins the items' types.
>> textDocument/definition {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:listread}}
<< {"id": "$id", "result": [{"uri": "${uri:app.mast}", "range": ${range:app.mast:field:fieldend}}]}
# In the declaration that does not parse: the function called.
>> textDocument/definition {"textDocument": {"uri": "${uri:app.mast}"}, "position": ${pos:app.mast:call}}
<< {"id": "$id", "result": [{"uri": "${uri:app.mast}", "range": ${range:app.mast:helper:helperend}}]}
>> shutdown
<< {"id": "$id", "result": null}
>>! exit
!exit 0
