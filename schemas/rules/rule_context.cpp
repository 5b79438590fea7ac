#include "schemas/rules/rule_context.h"

#include <cmath>

#include "compiler/base/api_version.h"

namespace mast::rules {

namespace {

// API groups whose kinds are built into the API server. Rules that walk into
// fields run only for these; custom resources get the metadata rules alone.
constexpr std::string_view kBuiltinGroups[] = {
    "",
    "admissionregistration.k8s.io",
    "apiextensions.k8s.io",
    "apiregistration.k8s.io",
    "apps",
    "authentication.k8s.io",
    "authorization.k8s.io",
    "autoscaling",
    "batch",
    "certificates.k8s.io",
    "coordination.k8s.io",
    "discovery.k8s.io",
    "events.k8s.io",
    "flowcontrol.apiserver.k8s.io",
    "networking.k8s.io",
    "node.k8s.io",
    "policy",
    "rbac.authorization.k8s.io",
    "resource.k8s.io",
    "scheduling.k8s.io",
    "storage.k8s.io",
};

}  // namespace

struct FieldPath::Segment {
  const Segment* parent;
  std::string_view key;  // data() is null for a list index
  size_t index;
};

// Segments in chunks whose addresses never change; freed with the context.
class PathArena {
 public:
  const FieldPath::Segment* Add(const FieldPath::Segment* parent, std::string_view key, size_t index) {
    if (used_ == kChunk || chunks_.empty()) {
      chunks_.push_back(std::make_unique<FieldPath::Segment[]>(kChunk));
      used_ = 0;
    }
    FieldPath::Segment& segment = chunks_.back()[used_++];
    segment = FieldPath::Segment{parent, key, index};
    return &segment;
  }

 private:
  static constexpr size_t kChunk = 256;
  std::vector<std::unique_ptr<FieldPath::Segment[]>> chunks_;
  size_t used_ = 0;
};

FieldPath FieldPath::Key(std::string_view key) const {
  if (arena_ == nullptr) return *this;
  return FieldPath(arena_, arena_->Add(last_, key, 0));
}

FieldPath FieldPath::Index(size_t index) const {
  if (arena_ == nullptr) return *this;
  return FieldPath(arena_, arena_->Add(last_, std::string_view(), index));
}

std::string FieldPath::text() const {
  std::vector<const Segment*> segments;
  for (const Segment* s = last_; s != nullptr; s = s->parent) segments.push_back(s);
  std::string text;
  for (auto it = segments.rbegin(); it != segments.rend(); ++it) {
    const Segment& segment = **it;
    if (segment.key.data() == nullptr) {
      text += '[' + std::to_string(segment.index) + ']';
    } else if (segment.key.find_first_of("./") != std::string_view::npos) {
      text.append("[").append(segment.key).append("]");
    } else {
      if (!text.empty()) text += '.';
      text += segment.key;
    }
  }
  return text;
}

Node Node::Child(const Value* child, SourceRange child_key_range, FieldPath child_path) const {
  Node out;
  out.value = child;
  out.key_range = child_key_range;
  out.path = std::move(child_path);
  out.fallback = Where();
  return out;
}

Node Node::operator[](std::string_view key) const {
  if (value == nullptr || !value->IsMap()) return {};
  const MapEntry* entry = value->FindEntry(key);
  if (entry == nullptr || entry->value.IsNull()) return {};
  return Child(&entry->value, entry->key_range, path.Key(entry->key));
}

std::vector<Node> Node::Items() const {
  std::vector<Node> items;
  if (value == nullptr || !value->IsList()) return items;
  const ValueList& list = value->AsList();
  items.reserve(list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i].IsNull()) continue;
    items.push_back(Child(&list[i], {}, path.Index(i)));
  }
  return items;
}

std::vector<std::pair<std::string_view, Node>> Node::Entries() const {
  std::vector<std::pair<std::string_view, Node>> entries;
  if (value == nullptr || !value->IsMap()) return entries;
  for (const MapEntry& entry : value->AsMap()) {
    entries.emplace_back(entry.key, Child(&entry.value, entry.key_range, path.Key(entry.key)));
  }
  return entries;
}

std::optional<int64_t> Node::Integer() const {
  if (value == nullptr) return std::nullopt;
  if (value->IsInt()) return value->AsInt();
  if (value->IsFloat()) {
    const double number = value->AsFloat();
    if (std::isfinite(number) && number == std::trunc(number) && std::fabs(number) < 9.2e18) {
      return static_cast<int64_t>(number);
    }
  }
  return std::nullopt;
}

const std::string* Node::NonEmptyString() const {
  const std::string* text = String();
  return text != nullptr && !text->empty() ? text : nullptr;
}

SourceRange Node::Where() const {
  if (value == nullptr) return key_range.IsValid() ? key_range : fallback;
  const bool collection = value->IsMap() || value->IsList();
  if (collection && key_range.IsValid()) return key_range;
  if (value->origin().IsValid()) return value->origin();
  return key_range.IsValid() ? key_range : fallback;
}

SourceRange Node::KeyOrValue() const {
  if (key_range.IsValid()) return key_range;
  if (value != nullptr && value->origin().IsValid()) return value->origin();
  return fallback;
}

std::string_view ListName(ContainerList list) {
  switch (list) {
    case ContainerList::kContainers: return "containers";
    case ContainerList::kInitContainers: return "initContainers";
    case ContainerList::kEphemeralContainers: return "ephemeralContainers";
  }
  return "containers";
}

bool HasValidatedProbes(const ContainerRef& container) {
  if (container.list == ContainerList::kContainers) return true;
  if (container.list == ContainerList::kEphemeralContainers) return false;
  const std::string* policy = container.node["restartPolicy"].String();
  return policy != nullptr && *policy == "Always";
}

RuleContext::~RuleContext() = default;

RuleContext::RuleContext(const Value& object, std::string_view api_version, std::string_view kind, DiagnosticSink& sink,
                         const ServerRuleOptions& options)
    : paths_(std::make_unique<PathArena>()), kind_(kind), sink_(sink), options_(options) {
  root_.value = &object;
  root_.path = FieldPath(paths_.get());
  group_ = std::string(ApiGroupOf(api_version));
  for (std::string_view builtin : kBuiltinGroups) builtin_ = builtin_ || builtin == group_;
  FindPods();
  FindContainers();
}

void RuleContext::FindPods() {
  if (!builtin_) return;
  auto add_template = [&](const Node& holder) {
    if (holder.IsMap()) pods_.push_back(PodTemplate{holder, holder["metadata"], holder["spec"], false});
  };
  if (Is("", "Pod")) {
    pods_.push_back(PodTemplate{root_, root_["metadata"], root_["spec"], true});
  } else if (Is("", "PodTemplate")) {
    add_template(root_["template"]);
  } else if (Is("", "ReplicationController") || Is("apps", "Deployment") || Is("apps", "ReplicaSet") ||
             Is("apps", "StatefulSet") || Is("apps", "DaemonSet") || Is("batch", "Job")) {
    add_template(root_["spec"]["template"]);
  } else if (Is("batch", "CronJob")) {
    add_template(root_["spec"]["jobTemplate"]["spec"]["template"]);
  }
}

void RuleContext::FindContainers() {
  containers_.resize(pods_.size());
  for (size_t p = 0; p < pods_.size(); ++p) {
    const PodTemplate& pod = pods_[p];
    for (ContainerList list :
         {ContainerList::kContainers, ContainerList::kInitContainers, ContainerList::kEphemeralContainers}) {
      for (const Node& node : pod.spec[ListName(list)].Items()) {
        if (node.IsMap()) containers_[p].push_back(ContainerRef{node, list, &pod});
      }
    }
    all_containers_.insert(all_containers_.end(), containers_[p].begin(), containers_[p].end());
  }
}

const std::vector<ContainerRef>& RuleContext::Containers(const PodTemplate& pod) const {
  static const std::vector<ContainerRef> kNone;
  for (size_t p = 0; p < pods_.size(); ++p) {
    if (&pods_[p] == &pod) return containers_[p];
  }
  return kNone;  // not one of this object's pods
}

Diagnostic& RuleContext::Report(DiagnosticCode code, const Node& at, std::string message) const {
  return ReportAt(code, at.Where(), at.path, std::move(message));
}

Diagnostic& RuleContext::ReportAt(DiagnosticCode code, SourceRange range, const FieldPath& path,
                                  std::string message) const {
  if (!range.IsValid()) range = root_.value->origin();
  Diagnostic& diagnostic = sink_.Report(code, range, std::move(message));
  if (!path.text().empty()) diagnostic.notes.push_back("at `" + path.text() + "`");
  return diagnostic;
}

}  // namespace mast::rules
