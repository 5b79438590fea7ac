#include "compiler/eval/object_index.h"

#include <algorithm>

#include "compiler/eval/evaluator_impl.h"
#include "compiler/eval/policy_eval.h"

namespace mast {

const Value* ValueAt(const Value& object, std::initializer_list<std::string_view> keys) {
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

const Value* PodTemplateOf(const Value& object) {
  std::string_view kind = KindOf(object);
  if (kind == "Pod") return &object;
  if (kind == "CronJob") return ValueAt(object, {"spec", "jobTemplate", "spec", "template"});
  if (kind == "PodTemplate") return object.Find("template");
  if (kind == "Deployment" || kind == "ReplicaSet" || kind == "StatefulSet" || kind == "DaemonSet" ||
      kind == "Job" || kind == "ReplicationController") {
    return ValueAt(object, {"spec", "template"});
  }
  return nullptr;
}

namespace {

std::string_view NamespaceOf(const Value& object) {
  const Value* ns = ValueAt(object, {"metadata", "namespace"});
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
    const Value* selector = ValueAt(object, {"spec", "selector"});
    return selector && selector->IsMap() && !selector->AsMap().empty() ? selector : nullptr;
  }
  const Value* selector =
      kind == "NetworkPolicy" ? ValueAt(object, {"spec", "podSelector"}) : ValueAt(object, {"spec", "selector"});
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

// The hash of a label (or of a field's value, with an empty key): of its
// key and its value as text, so that 1 and "1" share a bucket.
uint64_t LabelHash(std::string_view key, const Value& value) {
  thread_local std::string buffer;  // reused: keys of `app.kubernetes.io/...` labels are long
  buffer.assign(key);
  buffer += '\0';
  if (value.IsString()) buffer += value.AsString();
  else buffer += DisplayValue(value, std::string::npos);
  return std::hash<std::string_view>()(buffer);
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

const Value* PodLabels(const Value& object) {
  const Value* pod_template = PodTemplateOf(object);
  const Value* labels = pod_template ? ValueAt(*pod_template, {"metadata", "labels"}) : nullptr;
  return labels && labels->IsMap() ? labels : nullptr;
}

// The key of a field of the objects of a kind, in a buffer of the thread.
std::string_view FieldKey(std::string_view kind, std::string_view path) {
  thread_local std::string key;
  key.assign(kind);
  key += '\0';
  key += path;
  return key;
}

void SortBuckets(std::vector<std::pair<uint64_t, ObjectIndex::Id>>& buckets) { std::sort(buckets.begin(), buckets.end()); }

}  // namespace

ObjectIndex::ObjectIndex(std::vector<WhereField> fields) : fields_(std::move(fields)) {}

void ObjectIndex::AddField(const WhereField& field, Id id, const Value& object) {
  const std::string_view kind = KindOf(object);
  if (!field.kind.empty() && field.kind != kind) return;
  const Value* value = DottedPath(object, field.path);
  if (value && !value->IsList() && !value->IsMap()) {
    Slot(by_field_, FieldKey(kind, field.path)).emplace_back(LabelHash("", *value), id);
  }
}

void ObjectIndex::Add(Id id, const Value& object) {
  if (!object.IsMap()) return;
  Slot(by_kind_, KindOf(object)).push_back(id);
  for (const WhereField& field : fields_) AddField(field, id, object);
  if (PodTemplateOf(object)) {
    workloads_.push_back(id);
    if (const Value* labels = PodLabels(object)) {
      for (const MapEntry& label : labels->AsMap()) workloads_by_label_.emplace_back(LabelHash(label.key, label.value), id);
    }
  }
  if (const Value* selector = SelectorOf(object)) {
    const std::string_view kind = KindOf(object);
    if (const MapEntry* first = FirstRequiredLabel(*selector)) {
      Slot(selectors_by_label_, kind).emplace_back(LabelHash(first->key, first->value), id);
    } else {
      Slot(selectors_without_label_, kind).push_back(id);
    }
  }
}

void ObjectIndex::Merge(ObjectIndex&& other, const std::vector<Id>& ids) {
  auto merge_ids = [&](std::vector<Id>& into, const std::vector<Id>& from) {
    for (Id id : from) into.push_back(ids[id]);
  };
  auto merge_buckets = [&](Buckets& into, const Buckets& from) {
    for (const auto& [hash, id] : from) into.emplace_back(hash, ids[id]);
  };
  for (const auto& [kind, of_kind] : other.by_kind_) merge_ids(Slot(by_kind_, kind), of_kind);
  for (const auto& [key, buckets] : other.by_field_) merge_buckets(Slot(by_field_, key), buckets);
  merge_ids(workloads_, other.workloads_);
  merge_buckets(workloads_by_label_, other.workloads_by_label_);
  for (const auto& [kind, buckets] : other.selectors_by_label_) merge_buckets(Slot(selectors_by_label_, kind), buckets);
  for (const auto& [kind, without] : other.selectors_without_label_) {
    merge_ids(Slot(selectors_without_label_, kind), without);
  }
  other = ObjectIndex(other.fields_);
}

void ObjectIndex::Seal() {
  for (auto& [kind, ids] : by_kind_) std::sort(ids.begin(), ids.end());
  for (auto& [key, buckets] : by_field_) SortBuckets(buckets);
  std::sort(workloads_.begin(), workloads_.end());
  SortBuckets(workloads_by_label_);
  for (auto& [kind, buckets] : selectors_by_label_) SortBuckets(buckets);
  for (auto& [kind, ids] : selectors_without_label_) std::sort(ids.begin(), ids.end());
}

std::vector<ObjectIndex::Id> ObjectIndex::Candidates(const Buckets& buckets, uint64_t hash) {
  auto first = std::lower_bound(buckets.begin(), buckets.end(), std::make_pair(hash, Id{0}));
  std::vector<Id> ids;
  for (auto it = first; it != buckets.end() && it->first == hash; ++it) {
    if (ids.empty() || ids.back() != it->second) ids.push_back(it->second);  // two labels of one object, one hash
  }
  return ids;
}

std::vector<ObjectIndex::Id> ObjectIndex::OfKind(std::string_view kind) const {
  const std::vector<Id>* of_kind = Find(by_kind_, kind);
  return of_kind ? *of_kind : std::vector<Id>();
}

std::vector<ObjectIndex::Id> ObjectIndex::Where(std::string_view kind, std::string_view path, const Value& wanted,
                                                const Resolve& resolve, bool may_grow) {
  const bool indexed = std::any_of(fields_.begin(), fields_.end(), [&](const WhereField& field) {
    return field.path == path && (field.kind.empty() || field.kind == kind);
  });
  if (!indexed && may_grow) {
    fields_.push_back({std::string(kind), std::string(path)});
    for (Id id : OfKind(kind)) AddField(fields_.back(), id, resolve(id));
    if (auto added = by_field_.find(FieldKey(kind, path)); added != by_field_.end()) SortBuckets(added->second);
  }
  std::vector<Id> candidates;
  if (indexed || may_grow) {
    if (const Buckets* field = Find(by_field_, FieldKey(kind, path))) candidates = Candidates(*field, LabelHash("", wanted));
  } else {
    candidates = OfKind(kind);  // a field the index does not hold: every object of the kind is tested
  }
  std::vector<Id> matches;
  for (Id id : candidates) {
    const Value object = resolve(id);
    const Value* value = DottedPath(object, path);
    if (value && value->Equals(wanted)) matches.push_back(id);  // the hash folds 1 and "1"
  }
  return matches;
}

std::vector<ObjectIndex::Id> ObjectIndex::WorkloadsMatching(const Value& selector, std::string_view ns,
                                                            const Resolve& resolve) const {
  const MapEntry* first = FirstRequiredLabel(selector);
  const std::vector<Id> candidates =
      first ? Candidates(workloads_by_label_, LabelHash(first->key, first->value)) : workloads_;
  std::vector<Id> matches;
  const Value no_labels = Value::Map({});
  for (Id id : candidates) {
    const Value object = resolve(id);
    if (!SameNamespace(ns, NamespaceOf(object))) continue;
    const Value* labels = PodLabels(object);
    if (SelectorMatches(selector, labels ? *labels : no_labels)) matches.push_back(id);
  }
  return matches;
}

std::vector<ObjectIndex::Id> ObjectIndex::SelectorsMatching(std::string_view kind, const Value& labels,
                                                            std::string_view ns, const Resolve& resolve) const {
  std::vector<Id> candidates;
  if (const Buckets* buckets = Find(selectors_by_label_, kind)) {
    for (const MapEntry& label : labels.AsMap()) {
      for (Id id : Candidates(*buckets, LabelHash(label.key, label.value))) candidates.push_back(id);
    }
  }
  if (const std::vector<Id>* others = Find(selectors_without_label_, kind)) {
    candidates.insert(candidates.end(), others->begin(), others->end());
  }
  // Input order, whatever bucket each object came from (and once, should
  // two labels share a hash).
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<Id> matches;
  for (Id id : candidates) {
    const Value object = resolve(id);
    if (SameNamespace(ns, NamespaceOf(object)) && SelectorMatches(*SelectorOf(object), labels)) matches.push_back(id);
  }
  return matches;
}

namespace {

struct Binding {
  const void* list = nullptr;
  ObjectIndex* index = nullptr;
  ObjectIndex::Resolve resolve;
};
thread_local Binding bound;

}  // namespace

BindObjectIndex::BindObjectIndex(const Value& objects, ObjectIndex& index, ObjectIndex::Resolve resolve)
    : previous_list_(bound.list), previous_index_(bound.index), previous_resolve_(std::move(bound.resolve)) {
  bound.list = objects.storage();
  bound.index = &index;
  bound.resolve = std::move(resolve);
}

BindObjectIndex::~BindObjectIndex() {
  bound.list = previous_list_;
  bound.index = previous_index_;
  bound.resolve = std::move(previous_resolve_);
}

BoundObjectIndex BoundIndexOf(const Value& objects) {
  if (bound.index == nullptr || objects.storage() == nullptr || objects.storage() != bound.list) return {};
  return {bound.index, &bound.resolve};
}

}  // namespace mast
