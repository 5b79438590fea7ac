// The markers the right side of `with` uses on lists that merge by key
// (see with_merge.cpp): `delete(item)` removes the base item with the same
// keys, `replaceList(items)` replaces the whole list. They are the strategic
// merge patch directives themselves (`$patch: delete`, `$patch: replace`).
#include "compiler/eval/builtin_table.h"

namespace mast {

void AddMergeBuiltins(BuiltinTable& table) {
  table.Add("delete", [](CallContext& c) {
    ValueMap entries = c.Map(0);
    const std::string key(kPatchDirective);
    auto existing = std::find_if(entries.begin(), entries.end(), [&](const MapEntry& e) { return e.key == key; });
    if (existing != entries.end()) entries.erase(existing);
    entries.push_back({key, c.At(), Value::String("delete", c.At())});
    return Value::Map(std::move(entries), c.At());
  });
  table.Add("replaceList", [](CallContext& c) {
    const ValueList& items = c.List(0);
    c.ChargeList(items.size() + 1);
    ValueList out;
    out.reserve(items.size() + 1);
    out.push_back(Value::Map({{std::string(kPatchDirective), c.At(), Value::String("replace", c.At())}}, c.At()));
    out.insert(out.end(), items.begin(), items.end());
    return Value::List(std::move(out), c.At());
  });
}

}  // namespace mast
