// Kubernetes helpers for policies: finding pod specs and containers in any
// workload, quantities, label selectors, image references, and `violation`.
// They are native because every policy calls them for every object.
#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <unordered_map>

#include "compiler/base/quantity.h"
#include "compiler/eval/builtin_table.h"
#include "compiler/eval/object_index.h"

namespace mast {
namespace {

const Value* PodSpec(const Value& object) {
  const Value* pod_template = PodTemplateOf(object);
  return pod_template ? pod_template->Find("spec") : nullptr;
}

Value Containers(CallContext& c, bool include_init) {
  ValueList out;
  if (const Value* spec = c.args[0].IsMap() ? PodSpec(c.args[0]) : nullptr) {
    std::vector<std::string_view> fields = {"containers"};
    if (include_init) {
      fields.insert(fields.begin(), "initContainers");
      fields.push_back("ephemeralContainers");
    }
    for (std::string_view field : fields) {
      const Value* list = spec->Find(field);
      if (!list || !list->IsList()) continue;
      for (const Value& container : list->AsList()) {
        if (container.IsMap()) out.push_back(container);
      }
    }
  }
  return Value::List(std::move(out), c.At());
}

}  // namespace

// LabelSelector semantics (matchLabels and matchExpressions); a plain map
// is treated as matchLabels, as Service selectors are.
bool SelectorMatches(const Value& selector, const Value& labels) {
  auto label = [&](const std::string& key) -> const Value* { return labels.IsMap() ? labels.Find(key) : nullptr; };
  const Value* match_labels = selector.Find("matchLabels");
  const Value* expressions = selector.Find("matchExpressions");
  bool structured = match_labels || expressions;
  const Value& pairs = structured ? (match_labels ? *match_labels : Value()) : selector;
  for (const MapEntry& entry : pairs.AsMap()) {
    const Value* value = label(entry.key);
    if (!value || !value->Equals(entry.value)) return false;
  }
  if (!expressions || !expressions->IsList()) return true;
  for (const Value& expression : expressions->AsList()) {
    const Value* key = expression.Find("key");
    const Value* op = expression.Find("operator");
    if (!key || !key->IsString() || !op || !op->IsString()) return false;
    const Value* value = label(key->AsString());
    const Value* values = expression.Find("values");
    auto in_values = [&] {
      if (!value || !values || !values->IsList()) return false;
      for (const Value& candidate : values->AsList()) {
        if (candidate.Equals(*value)) return true;
      }
      return false;
    };
    const std::string& name = op->AsString();
    bool ok = name == "In"             ? in_values()
              : name == "NotIn"        ? !in_values()
              : name == "Exists"       ? value != nullptr
              : name == "DoesNotExist" ? value == nullptr
                                       : false;
    if (!ok) return false;
  }
  return true;
}

namespace {

Value ParseImage(const std::string& reference, SourceRange origin) {
  std::string rest = reference;
  std::string digest;
  if (size_t at = rest.find('@'); at != std::string::npos) {
    digest = rest.substr(at + 1);
    rest = rest.substr(0, at);
  }
  std::string tag;
  size_t last_slash = rest.rfind('/');
  size_t colon = rest.rfind(':');
  if (colon != std::string::npos && (last_slash == std::string::npos || colon > last_slash)) {
    tag = rest.substr(colon + 1);
    rest = rest.substr(0, colon);
  }
  std::string registry = "docker.io";
  size_t first_slash = rest.find('/');
  if (first_slash != std::string::npos) {
    std::string first = rest.substr(0, first_slash);
    if (first.find('.') != std::string::npos || first.find(':') != std::string::npos || first == "localhost") {
      registry = first;
      rest = rest.substr(first_slash + 1);
    }
  }
  ValueMap out;
  out.push_back({"registry", origin, Value::String(registry, origin)});
  out.push_back({"repository", origin, Value::String(rest, origin)});
  out.push_back({"tag", origin, Value::String(tag, origin)});
  out.push_back({"digest", origin, Value::String(digest, origin)});
  return Value::Map(std::move(out), origin);
}


// ---------------------------------------------------------------- cross-object lookups
//
// They read an ObjectIndex (object_index.h): the one the policy linter
// bound to its `context.objects`, or else one of the list's own, built on
// first use, per thread and keyed by the list's storage. It pins that
// storage (a Value copy), so the address cannot be reused by another list
// while the index refers to it.

struct ListIndex {
  Value pinned;
  const ValueList* list = nullptr;
  ObjectIndex index;
  ObjectIndex::Resolve resolve;
};

// A few indexes per thread, most recently used first, so that a policy that
// also looks things up in a small list of its own does not make the index of
// `context.objects` be rebuilt on every call.
ListIndex& ListIndexOf(const Value& objects) {
  constexpr size_t kIndexes = 4;
  thread_local std::vector<std::unique_ptr<ListIndex>> indexes;
  const ValueList* list = &objects.AsList();
  auto it = std::find_if(indexes.begin(), indexes.end(), [&](const auto& index) { return index->list == list; });
  if (it == indexes.end()) {
    if (indexes.size() == kIndexes) indexes.pop_back();
    auto index = std::make_unique<ListIndex>();
    index->pinned = objects;
    index->list = list;
    for (size_t i = 0; i < list->size(); ++i) index->index.Add(static_cast<ObjectIndex::Id>(i), (*list)[i]);
    index->index.Seal();
    index->resolve = [list](ObjectIndex::Id id) { return (*list)[id]; };
    indexes.insert(indexes.begin(), std::move(index));
  } else if (it != indexes.begin()) {
    std::rotate(indexes.begin(), it, it + 1);
  }
  return *indexes.front();
}

// The index of a lookup's objects (argument 0), and whether it may grow
// (one of the list's own, on this thread).
struct LookupIndex {
  ObjectIndex& index;
  const ObjectIndex::Resolve& resolve;
  bool own;
};

LookupIndex IndexOf(CallContext& c) {
  if (BoundObjectIndex bound = BoundIndexOf(c.args[0]); bound.index != nullptr) {
    return {*bound.index, *bound.resolve, false};
  }
  c.List(0);
  ListIndex& list = ListIndexOf(c.args[0]);
  return {list.index, list.resolve, true};
}

Value ObjectList(const std::vector<ObjectIndex::Id>& ids, const ObjectIndex::Resolve& resolve, SourceRange origin) {
  ValueList out;
  out.reserve(ids.size());
  for (ObjectIndex::Id id : ids) out.push_back(resolve(id));
  return Value::List(std::move(out), origin);
}

std::string_view NamespaceArg(CallContext& c, size_t i) {
  const Value& ns = c.args[i];
  if (ns.IsNull()) return {};
  return c.Str(i);
}

Value ObjectsWhere(CallContext& c) {
  LookupIndex index = IndexOf(c);
  const std::string& kind = c.Str(1);
  const std::string& path = c.Str(2);
  const Value& wanted = c.args[3];
  if (wanted.IsList() || wanted.IsMap()) c.Fail(3, "`objectsWhere` compares with a scalar value");
  return ObjectList(index.index.Where(kind, path, wanted, index.resolve, index.own), index.resolve, c.At());
}

Value WorkloadsMatching(CallContext& c) {
  LookupIndex index = IndexOf(c);
  const Value& selector = c.args[1];
  if (!selector.IsMap()) c.Fail(1, "`workloadsMatching` needs a label selector record");
  std::string_view ns = NamespaceArg(c, 2);
  return ObjectList(index.index.WorkloadsMatching(selector, ns, index.resolve), index.resolve, c.At());
}

Value SelectorsMatching(CallContext& c) {
  LookupIndex index = IndexOf(c);
  const std::string& kind = c.Str(1);
  const Value& labels = c.args[2].IsNull() ? Value::Map({}) : c.args[2];
  if (!labels.IsMap()) c.Fail(2, "`selectorsMatching` needs the labels as a record");
  std::string_view ns = NamespaceArg(c, 3);
  return ObjectList(index.index.SelectorsMatching(kind, labels, ns, index.resolve), index.resolve, c.At());
}

// ---------------------------------------------------------------- label syntax
//
// As k8s.io/apimachinery/pkg/util/validation checks it. Native because a
// label rule checks every label of every object.

bool IsAlphanumeric(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// At most `max` characters of [A-Za-z0-9_.-], starting and ending with an
// alphanumeric; empty only if `allow_empty`.
bool IsLabelText(std::string_view text, size_t max, bool allow_empty) {
  if (text.empty()) return allow_empty;
  if (text.size() > max || !IsAlphanumeric(text.front()) || !IsAlphanumeric(text.back())) return false;
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return IsAlphanumeric(c) || c == '-' || c == '_' || c == '.'; });
}

// A lower-case RFC 1123 subdomain: dot-separated labels of [a-z0-9-] that
// start and end with an alphanumeric, at most 253 characters.
bool IsDnsSubdomain(std::string_view text) {
  if (text.empty() || text.size() > 253) return false;
  size_t start = 0;
  while (true) {
    size_t dot = text.find('.', start);
    std::string_view part = text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (part.empty() || !IsAlphanumeric(part.front()) || !IsAlphanumeric(part.back())) return false;
    for (char c : part) {
      if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-')) {
        return false;
      }
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool IsQualifiedName(std::string_view key) {
  size_t slash = key.find('/');
  if (slash == std::string_view::npos) return IsLabelText(key, 63, false);
  return IsDnsSubdomain(key.substr(0, slash)) && IsLabelText(key.substr(slash + 1), 63, false);
}
}  // namespace

void AddKubernetesBuiltins(BuiltinTable& table) {
  table.Add("podSpec", [](CallContext& c) {
    const Value* spec = c.args[0].IsMap() ? PodSpec(c.args[0]) : nullptr;
    return spec ? *spec : Value::Null(c.At());
  });
  table.Add("podTemplate", [](CallContext& c) {
    const Value* pod_template = c.args[0].IsMap() ? PodTemplateOf(c.args[0]) : nullptr;
    return pod_template ? *pod_template : Value::Null(c.At());
  });
  table.Add("containers", [](CallContext& c) { return Containers(c, false); });
  table.Add("allContainers", [](CallContext& c) { return Containers(c, true); });
  table.Add("quantity", [](CallContext& c) {
    const Value& v = c.args[0];
    if (v.IsNumber()) return Value::Float(v.AsFloat(), c.At());
    if (!v.IsString()) return Value::Null(c.At());
    std::optional<double> parsed = ParseQuantity(v.AsString());
    return parsed ? Value::Float(*parsed, c.At()) : Value::Null(c.At());
  });
  table.Add("selectorMatches", [](CallContext& c) {
    if (!c.args[0].IsMap()) return Value::Bool(false, c.At());
    return Value::Bool(SelectorMatches(c.args[0], c.args[1]), c.At());
  });
  table.Add("parseImage", [](CallContext& c) { return ParseImage(c.Str(0), c.args[0].origin()); });
  table.Add("violation", [](CallContext& c) {
    c.Str(1);  // checks that it is a string
    SourceRange at = c.args[0].origin().IsValid() ? c.args[0].origin() : c.At();
    // The message shares the argument's storage instead of copying it.
    return Value::Map({{"message", at, c.args[1].WithOrigin(at)}}, at);
  });

  table.Add("objectsOfKind", [](CallContext& c) {
    LookupIndex index = IndexOf(c);
    return ObjectList(index.index.OfKind(c.Str(1)), index.resolve, c.At());
  });
  table.Add("objectsWhere", ObjectsWhere);
  table.Add("workloadsMatching", WorkloadsMatching);
  table.Add("selectorsMatching", SelectorsMatching);
  table.Add("isLabelValue", [](CallContext& c) {
    const Value& v = c.args[0];
    return Value::Bool(v.IsString() && IsLabelText(v.AsString(), 63, true), c.At());
  });
  table.Add("isQualifiedName", [](CallContext& c) { return Value::Bool(IsQualifiedName(c.Str(0)), c.At()); });
}

}  // namespace mast
