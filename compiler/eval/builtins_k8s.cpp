// Kubernetes helpers for policies: finding pod specs and containers in any
// workload, quantities, label selectors, image references, and `violation`.
// They are native because every policy calls them for every object.
#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <unordered_map>

#include "base/quantity.h"
#include "eval/builtin_table.h"

namespace mast {
namespace {

const Value* Path(const Value& object, std::initializer_list<std::string_view> keys) {
  const Value* current = &object;
  for (std::string_view key : keys) {
    current = current->Find(key);
    if (!current) return nullptr;
  }
  return current;
}

std::string_view KindOf(const Value& object) {
  const Value* kind = object.Find("kind");
  return kind && kind->IsString() ? std::string_view(kind->AsString()) : std::string_view();
}

// The pod template (metadata + spec) of a workload; the object itself for a Pod.
const Value* PodTemplate(const Value& object) {
  std::string_view kind = KindOf(object);
  if (kind == "Pod") return &object;
  if (kind == "CronJob") return Path(object, {"spec", "jobTemplate", "spec", "template"});
  if (kind == "PodTemplate") return object.Find("template");
  if (kind == "Deployment" || kind == "ReplicaSet" || kind == "StatefulSet" || kind == "DaemonSet" ||
      kind == "Job" || kind == "ReplicationController") {
    return Path(object, {"spec", "template"});
  }
  return nullptr;
}

const Value* PodSpec(const Value& object) {
  const Value* pod_template = PodTemplate(object);
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
// A policy runs once per object, and `context.objects` is every object of
// the run, so a rule that scans it for each object is quadratic: minutes on
// 10,000 objects. These lookups index the list once instead. The index is
// per thread and keyed by the list's shared storage; it pins that storage
// (a Value copy), so the address cannot be reused by another list while the
// index refers to it. Every run of the policy engine passes the same list to
// every rule, so the index is built once per run; each part of it is built
// on first use.

std::string_view NamespaceOf(const Value& object) {
  const Value* ns = Path(object, {"metadata", "namespace"});
  return ns && ns->IsString() ? std::string_view(ns->AsString()) : std::string_view();
}

// A namespace that is not set is the one the objects are applied to, so it
// is compatible with every namespace.
bool SameNamespace(std::string_view a, std::string_view b) { return a.empty() || b.empty() || a == b; }

// The label selector of an object that selects pods; nullptr if it has none.
// A Service's selector is a plain map, and an empty one selects nothing (the
// Service then has manually managed endpoints).
const Value* SelectorOf(const Value& object) {
  std::string_view kind = KindOf(object);
  if (kind == "Service") {
    const Value* selector = Path(object, {"spec", "selector"});
    return selector && selector->IsMap() && !selector->AsMap().empty() ? selector : nullptr;
  }
  const Value* selector = kind == "NetworkPolicy" ? Path(object, {"spec", "podSelector"}) : Path(object, {"spec", "selector"});
  return selector && selector->IsMap() ? selector : nullptr;
}

// The first `matchLabels` pair of a selector (the selector itself for a plain
// map), which every selected label set must contain; nullptr when there is
// none (only expressions, or empty).
const MapEntry* FirstRequiredLabel(const Value& selector) {
  const Value* match_labels = selector.Find("matchLabels");
  bool structured = match_labels || selector.Find("matchExpressions");
  const Value* pairs = structured ? match_labels : &selector;
  if (!pairs || !pairs->IsMap() || pairs->AsMap().empty()) return nullptr;
  return &pairs->AsMap().front();
}

std::string LabelKey(std::string_view key, const Value& value) {
  std::string out(key);
  out += '\0';
  out += value.IsString() ? value.AsString() : DisplayValue(value, std::string::npos);
  return out;
}

// The same key, built for a lookup in a buffer of the thread that is reused
// (a key of an `app.kubernetes.io/...` label is too long to build without
// allocating, and rules look keys up for every object).
const std::string& LookupKey(std::string_view key, const Value& value) {
  thread_local std::string buffer;
  buffer.assign(key);
  buffer += '\0';
  if (value.IsString()) buffer += value.AsString();
  else buffer += DisplayValue(value, std::string::npos);
  return buffer;
}

struct SelectorBuckets {
  std::unordered_map<std::string, std::vector<const Value*>> by_first_label;
  std::vector<const Value*> others;  // selectors without matchLabels: tested on every lookup
};

struct ObjectIndex {
  Value pinned;
  const ValueList* list = nullptr;
  bool kinds_built = false;
  std::unordered_map<std::string, std::vector<const Value*>> by_kind;
  std::unordered_map<std::string, std::unordered_map<std::string, std::vector<const Value*>>> by_field;
  bool workloads_built = false;
  std::vector<const Value*> workloads;  // objects with pod labels
  std::unordered_map<std::string, std::vector<const Value*>> workloads_by_label;
  std::unordered_map<std::string, SelectorBuckets> selectors;  // by kind
};

// A few indexes per thread, most recently used first, so that a policy that
// also looks things up in a small list of its own does not make the index of
// `context.objects` be rebuilt on every call.
ObjectIndex& IndexOf(const Value& objects) {
  constexpr size_t kIndexes = 4;
  thread_local std::vector<std::unique_ptr<ObjectIndex>> indexes;
  const ValueList* list = &objects.AsList();
  auto it = std::find_if(indexes.begin(), indexes.end(), [&](const auto& index) { return index->list == list; });
  if (it == indexes.end()) {
    if (indexes.size() == kIndexes) indexes.pop_back();
    auto index = std::make_unique<ObjectIndex>();
    index->pinned = objects;
    index->list = list;
    indexes.insert(indexes.begin(), std::move(index));
  } else if (it != indexes.begin()) {
    std::rotate(indexes.begin(), it, it + 1);
  }
  return *indexes.front();
}

const std::vector<const Value*>& OfKind(ObjectIndex& index, const std::string& kind) {
  if (!index.kinds_built) {
    for (const Value& object : *index.list) {
      if (object.IsMap()) index.by_kind[std::string(KindOf(object))].push_back(&object);
    }
    index.kinds_built = true;
  }
  static const std::vector<const Value*> kNone;
  auto it = index.by_kind.find(kind);
  return it == index.by_kind.end() ? kNone : it->second;
}

const Value* DottedPath(const Value& object, std::string_view path) {
  const Value* current = &object;
  while (current && !path.empty()) {
    size_t dot = path.find('.');
    current = current->Find(path.substr(0, dot));
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return current;
}

Value ObjectList(const std::vector<const Value*>& objects, SourceRange origin) {
  ValueList out;
  out.reserve(objects.size());
  for (const Value* object : objects) out.push_back(*object);
  return Value::List(std::move(out), origin);
}

const ValueList& ObjectsArg(CallContext& c) { return c.List(0); }

std::string_view NamespaceArg(CallContext& c, size_t i) {
  const Value& ns = c.args[i];
  if (ns.IsNull()) return {};
  return c.Str(i);
}

Value ObjectsWhere(CallContext& c) {
  ObjectsArg(c);
  ObjectIndex& index = IndexOf(c.args[0]);
  const std::string& kind = c.Str(1);
  const std::string& path = c.Str(2);
  const Value& wanted = c.args[3];
  if (wanted.IsList() || wanted.IsMap()) c.Fail(3, "`objectsWhere` compares with a scalar value");
  thread_local std::string field_key;  // reused: most calls find the field indexed already
  field_key.assign(kind);
  field_key += '\0';
  field_key += path;
  auto it = index.by_field.find(field_key);
  if (it == index.by_field.end()) {
    it = index.by_field.try_emplace(field_key).first;
    for (const Value* object : OfKind(index, kind)) {
      const Value* value = DottedPath(*object, path);
      if (value && !value->IsList() && !value->IsMap()) it->second[LabelKey("", *value)].push_back(object);
    }
  }
  auto found = it->second.find(LookupKey("", wanted));
  if (found == it->second.end()) return Value::List({}, c.At());
  std::vector<const Value*> matches;
  for (const Value* object : found->second) {
    const Value* value = DottedPath(*object, path);
    if (value && value->Equals(wanted)) matches.push_back(object);  // the key folds 1 and "1"
  }
  return ObjectList(matches, c.At());
}

const Value* PodLabels(const Value& object) {
  const Value* pod_template = PodTemplate(object);
  const Value* labels = pod_template ? Path(*pod_template, {"metadata", "labels"}) : nullptr;
  return labels && labels->IsMap() ? labels : nullptr;
}

Value WorkloadsMatching(CallContext& c) {
  ObjectsArg(c);
  ObjectIndex& index = IndexOf(c.args[0]);
  const Value& selector = c.args[1];
  if (!selector.IsMap()) c.Fail(1, "`workloadsMatching` needs a label selector record");
  std::string_view ns = NamespaceArg(c, 2);
  if (!index.workloads_built) {
    for (const Value& object : *index.list) {
      if (!object.IsMap() || !PodTemplate(object)) continue;
      index.workloads.push_back(&object);
      if (const Value* labels = PodLabels(object)) {
        for (const MapEntry& label : labels->AsMap()) {
          index.workloads_by_label[LabelKey(label.key, label.value)].push_back(&object);
        }
      }
    }
    index.workloads_built = true;
  }
  const std::vector<const Value*>* candidates = &index.workloads;
  if (const MapEntry* first = FirstRequiredLabel(selector)) {
    static const std::vector<const Value*> kNone;
    auto it = index.workloads_by_label.find(LookupKey(first->key, first->value));
    candidates = it == index.workloads_by_label.end() ? &kNone : &it->second;
  }
  std::vector<const Value*> matches;
  Value no_labels = Value::Map({});
  for (const Value* object : *candidates) {
    if (!SameNamespace(ns, NamespaceOf(*object))) continue;
    const Value* labels = PodLabels(*object);
    if (SelectorMatches(selector, labels ? *labels : no_labels)) matches.push_back(object);
  }
  return ObjectList(matches, c.At());
}

Value SelectorsMatching(CallContext& c) {
  ObjectsArg(c);
  ObjectIndex& index = IndexOf(c.args[0]);
  const std::string& kind = c.Str(1);
  const Value& labels = c.args[2].IsNull() ? Value::Map({}) : c.args[2];
  if (!labels.IsMap()) c.Fail(2, "`selectorsMatching` needs the labels as a record");
  std::string_view ns = NamespaceArg(c, 3);
  auto [it, inserted] = index.selectors.try_emplace(kind);
  SelectorBuckets& buckets = it->second;
  if (inserted) {
    for (const Value* object : OfKind(index, kind)) {
      const Value* selector = SelectorOf(*object);
      if (!selector) continue;
      if (const MapEntry* first = FirstRequiredLabel(*selector)) {
        buckets.by_first_label[LabelKey(first->key, first->value)].push_back(object);
      } else {
        buckets.others.push_back(object);
      }
    }
  }
  std::vector<const Value*> matches;
  auto test = [&](const Value* object) {
    if (SameNamespace(ns, NamespaceOf(*object)) && SelectorMatches(*SelectorOf(*object), labels)) {
      matches.push_back(object);
    }
  };
  for (const MapEntry& label : labels.AsMap()) {
    auto found = buckets.by_first_label.find(LookupKey(label.key, label.value));
    if (found == buckets.by_first_label.end()) continue;
    for (const Value* object : found->second) test(object);
  }
  for (const Value* object : buckets.others) test(object);
  // Keep the input order, whatever bucket each object came from.
  std::sort(matches.begin(), matches.end());
  return ObjectList(matches, c.At());
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
  table.Add("podSpec", 1, 1, "podSpec(object: any): {string: any} | null",
            "The pod spec of a Pod or of any workload's pod template (CronJob included); null otherwise.",
            [](CallContext& c) {
              const Value* spec = c.args[0].IsMap() ? PodSpec(c.args[0]) : nullptr;
              return spec ? *spec : Value::Null(c.At());
            });
  table.Add("podTemplate", 1, 1, "podTemplate(object: any): {string: any} | null",
            "The pod template (metadata and spec) of a workload; the object itself for a Pod.",
            [](CallContext& c) {
              const Value* pod_template = c.args[0].IsMap() ? PodTemplate(c.args[0]) : nullptr;
              return pod_template ? *pod_template : Value::Null(c.At());
            });
  table.Add("containers", 1, 1, "containers(object: any): [{string: any}]",
            "The regular containers of a Pod or workload.", [](CallContext& c) { return Containers(c, false); });
  table.Add("allContainers", 1, 1, "allContainers(object: any): [{string: any}]",
            "Init, regular and ephemeral containers of a Pod or workload.",
            [](CallContext& c) { return Containers(c, true); });
  table.Add("quantity", 1, 1, "quantity(q: string | int | number): number | null",
            "A resource quantity in base units (`\"500m\"` is 0.5, `\"1Ki\"` is 1024); null if invalid.",
            [](CallContext& c) {
              const Value& v = c.args[0];
              if (v.IsNumber()) return Value::Float(v.AsFloat(), c.At());
              if (!v.IsString()) return Value::Null(c.At());
              std::optional<double> parsed = ParseQuantity(v.AsString());
              return parsed ? Value::Float(*parsed, c.At()) : Value::Null(c.At());
            });
  table.Add("selectorMatches", 2, 2, "selectorMatches(selector: {string: any}, labels: {string: string}): bool",
            "Whether a label selector (matchLabels/matchExpressions, or a plain map) selects the labels.",
            [](CallContext& c) {
              if (!c.args[0].IsMap()) return Value::Bool(false, c.At());
              return Value::Bool(SelectorMatches(c.args[0], c.args[1]), c.At());
            });
  table.Add("parseImage", 1, 1, "parseImage(reference: string): {registry, repository, tag, digest: string}",
            "Splits an image reference; the registry defaults to docker.io, missing parts are \"\".",
            [](CallContext& c) { return ParseImage(c.Str(0), c.args[0].origin()); });
  table.Add("violation", 2, 2, "violation(at: any, message: string): {message: string}",
            "A policy finding located where `at` came from (a field's value, or the object that lacks it).",
            [](CallContext& c) {
              c.Str(1);  // checks that it is a string
              SourceRange at = c.args[0].origin().IsValid() ? c.args[0].origin() : c.At();
              // The message shares the argument's storage instead of copying it.
              return Value::Map({{"message", at, c.args[1].WithOrigin(at)}}, at);
            });

  table.Add("objectsOfKind", 2, 2, "objectsOfKind(objects: [any], kind: string): [any]",
            "The objects of one kind, in order. Indexed once per list: use it on `context.objects` instead of "
            "a filter.",
            [](CallContext& c) {
              ObjectsArg(c);
              return ObjectList(OfKind(IndexOf(c.args[0]), c.Str(1)), c.At());
            });
  table.Add("objectsWhere", 4, 4, "objectsWhere(objects: [any], kind: string, path: string, value: any): [any]",
            "The objects of a kind whose field at a dotted path (`\"metadata.name\"`) equals a scalar; indexed.",
            ObjectsWhere);
  table.Add("workloadsMatching", 3, 3,
            "workloadsMatching(objects: [any], selector: {string: any}, namespace: string | null): [any]",
            "The Pods and workloads whose pod labels a label selector selects, in a namespace (null or an unset "
            "namespace matches any); indexed.",
            WorkloadsMatching);
  table.Add("selectorsMatching", 4, 4,
            "selectorsMatching(objects: [any], kind: string, labels: {string: string}, namespace: string | null): [any]",
            "The objects of a kind (Service, PodDisruptionBudget, NetworkPolicy, ...) whose selector selects the "
            "labels, in a namespace (null or an unset namespace matches any); indexed.",
            SelectorsMatching);
  table.Add("isLabelValue", 1, 1, "isLabelValue(value: any): bool",
            "Whether a value is a valid label value: a string of at most 63 alphanumerics, `-`, `_` or `.`, "
            "starting and ending with an alphanumeric, or empty. False for anything that is not a string.",
            [](CallContext& c) {
              const Value& v = c.args[0];
              return Value::Bool(v.IsString() && IsLabelText(v.AsString(), 63, true), c.At());
            });
  table.Add("isQualifiedName", 1, 1, "isQualifiedName(key: string): bool",
            "Whether a string is a valid label or annotation key: an optional DNS subdomain and `/`, then a name "
            "of at most 63 alphanumerics, `-`, `_` or `.`, starting and ending with an alphanumeric.",
            [](CallContext& c) { return Value::Bool(IsQualifiedName(c.Str(0)), c.At()); });
}

}  // namespace mast
