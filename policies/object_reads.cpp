#include "policies/object_reads.h"

namespace mast {

FieldDemand& FieldDemand::operator=(const FieldDemand& other) {
  if (this == &other) return *this;
  whole = other.whole;
  all_entries = other.all_entries;
  anchor = other.anchor;
  fields = other.fields;
  each = other.each ? std::make_unique<FieldDemand>(*other.each) : nullptr;
  return *this;
}

void FieldDemand::Merge(const FieldDemand& other) {
  whole = whole || other.whole;
  all_entries = all_entries || other.all_entries;
  anchor = anchor || other.anchor;
  for (const auto& [name, field] : other.fields) fields[name].Merge(field);
  if (other.each) {
    if (!each) each = std::make_unique<FieldDemand>();
    each->Merge(*other.each);
  }
}

FieldDemand& FieldDemand::At(std::string_view dotted_path) {
  FieldDemand* node = this;
  while (!dotted_path.empty()) {
    const size_t dot = dotted_path.find('.');
    node = &node->fields[std::string(dotted_path.substr(0, dot))];
    dotted_path = dot == std::string_view::npos ? std::string_view() : dotted_path.substr(dot + 1);
  }
  return *node;
}

FieldDemand ObjectReads::ForKind(std::string_view kind) const {
  FieldDemand out;
  for (const RuleReads& rule : rules_) {
    bool applies = rule.kinds.empty();
    for (const std::string& name : rule.kinds) applies = applies || name == kind;
    if (applies) out.Merge(rule.own);
  }
  if (auto any = of_looked_up_.find(""); any != of_looked_up_.end()) out.Merge(any->second);
  if (auto of_kind = of_looked_up_.find(kind); of_kind != of_looked_up_.end()) out.Merge(of_kind->second);
  return out;
}

}  // namespace mast
