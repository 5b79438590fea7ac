#include "cli/import_factor.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "compiler/sema/builtins.h"
#include "compiler/syntax/keywords.h"

namespace mast::cli {

namespace {

constexpr int kMaxRounds = 8;

std::string Text(const Value& value) {
  std::string text;
  WriteMastValue(value, 0, text);
  return text;
}

size_t FieldCount(const Value& record) {
  return static_cast<size_t>(std::count_if(record.AsMap().begin(), record.AsMap().end(),
                                           [](const MapEntry& entry) { return !entry.value.IsNull(); }));
}

bool IsLabelMap(const Value& record, const std::string& hint) {
  if (hint != "labels" && hint != "matchLabels" && hint != "selector") return false;
  return std::all_of(record.AsMap().begin(), record.AsMap().end(),
                     [](const MapEntry& entry) { return entry.value.IsString(); });
}

bool Eligible(const Value& record, const std::string& hint) {
  size_t fields = FieldCount(record);
  return fields >= 2 || (fields == 1 && IsLabelMap(record, hint));
}

// "my-web_app" -> "myWebApp"; "" when no letter or digit is left.
std::string Camel(std::string_view text) {
  std::string out;
  bool upper = false;
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = !out.empty();
      continue;
    }
    char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : (out.empty() ? lower : c);
    upper = false;
  }
  if (!out.empty() && std::isdigit(static_cast<unsigned char>(out[0]))) out = "v" + out;
  return out;
}

std::string Capitalized(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

// `webLabels` for a label map naming an app, `webContainer` for a named
// list item, else the key it sits under.
std::string NameFor(const Value& record, const std::string& hint) {
  if (IsLabelMap(record, hint)) {
    for (std::string_view key : {"app.kubernetes.io/name", "app", "name"}) {
      if (const std::string* app = record.FindString(key); app != nullptr && !Camel(*app).empty()) {
        return Camel(*app) + "Labels";
      }
    }
    return "labels";
  }
  const std::string* name = record.FindString("name");
  if (name != nullptr && !Camel(*name).empty()) return Camel(*name) + Capitalized(Camel(hint));
  std::string base = Camel(hint);
  return base.empty() ? "shared" : base;
}

// A list's items are named by its key in the singular: containers -> container.
std::string Singular(const std::string& key) {
  if (key.size() > 3 && key.back() == 's') return key.substr(0, key.size() - 1);
  return key + "Item";
}

}  // namespace

Factoring::Factoring(const std::vector<Value>& objects) {
  for (const Value& object : objects) Collect(object, "", true);
  for (const std::string& text : order_) {
    const Candidate& candidate = candidates_.at(text);
    if (candidate.count >= 2 && Eligible(candidate.value, candidate.hint)) selected_[text] = "";
  }
  // Records inside a factored record are written once, in its let: count
  // again what the objects and the lets still write, until nothing changes.
  for (int round = 0; round < kMaxRounds && !selected_.empty(); ++round) {
    std::map<std::string, size_t> uses;
    for (const Value& object : objects) CountUses(object, true, uses);
    for (const auto& [text, name] : selected_) CountUses(candidates_.at(text).value, true, uses);
    size_t before = selected_.size();
    for (auto it = selected_.begin(); it != selected_.end();) it = uses[it->first] < 2 ? selected_.erase(it) : std::next(it);
    if (selected_.size() == before) break;
  }
  std::set<std::string> taken;
  for (const BuiltinSignature& builtin : AllBuiltins()) taken.insert(std::string(builtin.name));
  for (const std::string& text : order_) {
    auto it = selected_.find(text);
    if (it == selected_.end()) continue;
    std::string base = NameFor(candidates_.at(text).value, candidates_.at(text).hint);
    std::string name = base;
    for (int n = 2; taken.count(name) || IsMastKeyword(name); ++n) name = base + std::to_string(n);
    taken.insert(name);
    it->second = name;
    lets_.emplace_back(name, text);
  }
  // Smaller records first, so a let is declared before the lets that use it.
  std::stable_sort(lets_.begin(), lets_.end(),
                   [](const auto& a, const auto& b) { return a.second.size() < b.second.size(); });
}

void Factoring::Collect(const Value& value, const std::string& hint, bool root) {
  if (value.IsMap()) {
    if (!root) {
      std::string text = Text(value);
      auto [it, added] = candidates_.try_emplace(text, Candidate{value, hint, 0});
      if (added) order_.push_back(text);
      ++it->second.count;
    }
    for (const MapEntry& entry : value.AsMap()) Collect(entry.value, entry.key, false);
  } else if (value.IsList()) {
    for (const Value& item : value.AsList()) Collect(item, Singular(hint), false);
  }
}

void Factoring::CountUses(const Value& value, bool root, std::map<std::string, size_t>& uses) const {
  if (value.IsMap()) {
    if (!root) {
      std::string text = Text(value);
      if (selected_.count(text)) {
        ++uses[text];
        return;
      }
    }
    for (const MapEntry& entry : value.AsMap()) CountUses(entry.value, false, uses);
  } else if (value.IsList()) {
    for (const Value& item : value.AsList()) CountUses(item, false, uses);
  }
}

std::string Factoring::NameOf(const Value& record) const {
  if (selected_.empty()) return "";
  auto it = selected_.find(Text(record));
  return it == selected_.end() ? "" : it->second;
}

std::string Factoring::Declarations(MastWriteHooks hooks) const {
  std::string out;
  for (const auto& [name, text] : lets_) {
    // The let's own record is written out; the lets inside it by name.
    hooks.name_of = [this, own = &text](const Value& record) {
      std::string record_text = Text(record);
      if (record_text == *own) return std::string();
      auto it = selected_.find(record_text);
      return it == selected_.end() ? std::string() : it->second;
    };
    out += "let " + name + " = ";
    WriteMastValue(candidates_.at(text).value, 0, out, &hooks);
    out += "\n";
  }
  return out;
}

}  // namespace mast::cli
