// What every rule works with: the object being checked, navigated as Nodes
// that remember their path and source range, the pod templates the object
// contains, and the sink findings go to.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/value/value.h"
#include "schemas/rules/server_rules.h"

namespace mast::rules {

class PathArena;

// The path of a value for the "at `...`" note: `spec.template.spec.containers[0].name`.
// Keys that contain '.' or '/' are written in brackets: `metadata.labels[app.kubernetes.io/name]`.
// Rules walk far more paths than they report, so a path is a link to its
// last segment in the RuleContext's arena, and its text is built only when
// a finding asks for it. A path without an arena (the default) is empty and
// stays empty when extended.
class FieldPath {
 public:
  FieldPath() = default;
  explicit FieldPath(PathArena* arena) : arena_(arena) {}

  // `key` must outlive the arena (a key of the checked object does).
  FieldPath Key(std::string_view key) const;
  FieldPath Index(size_t index) const;
  std::string text() const;

 private:
  struct Segment;
  FieldPath(PathArena* arena, const Segment* last) : arena_(arena), last_(last) {}

  PathArena* arena_ = nullptr;
  const Segment* last_ = nullptr;
  friend class PathArena;
};

// A value inside the checked object. An unset Node (absent, or null: the API
// server reads null as unset) has no value.
struct Node {
  const Value* value = nullptr;
  SourceRange key_range;  // the key that holds the value; invalid for list items and the root
  FieldPath path;
  SourceRange fallback;  // the nearest enclosing known range, for values built without origins

  explicit operator bool() const { return value != nullptr; }
  bool IsMap() const { return value != nullptr && value->IsMap(); }
  bool IsList() const { return value != nullptr && value->IsList(); }

  // The field `key` of a map; unset when this is not a map or the field is absent or null.
  Node operator[](std::string_view key) const;
  // List items (null items skipped); empty when this is not a list.
  std::vector<Node> Items() const;
  // Map entries including null ones (a null map value decodes as ""); empty when not a map.
  std::vector<std::pair<std::string_view, Node>> Entries() const;

  // The string, when this is a string.
  const std::string* String() const { return value != nullptr && value->IsString() ? &value->AsString() : nullptr; }
  // Integers, and floats with an integral value (3.0 decodes as 3).
  std::optional<int64_t> Integer() const;
  // A non-empty string; "" counts as unset for defaulted enum fields.
  const std::string* NonEmptyString() const;

  // Where a finding about this value points: a scalar's own text; a map or
  // list's key (the line the user wrote it on). Falls back to the nearest
  // enclosing value with a known range.
  SourceRange Where() const;
  // The key when there is one, else the value: for "may not be set" findings.
  SourceRange KeyOrValue() const;

 private:
  Node Child(const Value* child, SourceRange child_key_range, FieldPath child_path) const;
};

// A pod spec inside the object: a Pod's own, or a workload's template.
struct PodTemplate {
  Node holder;    // the template (or, for a Pod, the object itself)
  Node metadata;  // its metadata (unset when absent)
  Node spec;      // its PodSpec (unset when absent)
  bool is_pod = false;
};

enum class ContainerList { kContainers, kInitContainers, kEphemeralContainers };

struct ContainerRef {
  Node node;
  ContainerList list;
  const PodTemplate* pod;
};

std::string_view ListName(ContainerList list);  // "containers", "initContainers", ...

// Whether the server validates this container's probes and lifecycle hooks:
// regular containers and sidecar init containers (`restartPolicy: Always`).
// For other init containers and ephemeral containers they are only
// forbidden (E0745), not validated.
bool HasValidatedProbes(const ContainerRef& container);

class RuleContext {
 public:
  RuleContext(const Value& object, std::string_view api_version, std::string_view kind, DiagnosticSink& sink,
              const ServerRuleOptions& options);
  ~RuleContext();
  RuleContext(const RuleContext&) = delete;
  RuleContext& operator=(const RuleContext&) = delete;

  const Node& root() const { return root_; }
  std::string_view group() const { return group_; }  // "" for the core group
  std::string_view kind() const { return kind_; }
  bool Is(std::string_view group, std::string_view kind) const { return group_ == group && kind_ == kind; }
  // A kind of a built-in API group (not a custom resource), whose fields the rules know.
  bool IsBuiltin() const { return builtin_; }
  const ServerRuleOptions& options() const { return options_; }

  // Pod specs of the object, in document order.
  const std::vector<PodTemplate>& pods() const { return pods_; }
  // containers, then initContainers, then ephemeralContainers of a pod.
  // (Found once per object: most rules walk them.)
  const std::vector<ContainerRef>& Containers(const PodTemplate& pod) const;
  // Every container of every pod.
  const std::vector<ContainerRef>& AllContainers() const { return all_containers_; }

  // Reports at node.Where() (or the object's origin when that is unknown) with
  // an "at `path`" note.
  Diagnostic& Report(DiagnosticCode code, const Node& at, std::string message) const;
  Diagnostic& ReportAt(DiagnosticCode code, SourceRange range, const FieldPath& path, std::string message) const;

 private:
  void FindPods();
  void FindContainers();

  std::unique_ptr<PathArena> paths_;
  Node root_;
  std::string group_;
  std::string kind_;
  bool builtin_ = false;
  DiagnosticSink& sink_;
  const ServerRuleOptions& options_;
  std::vector<PodTemplate> pods_;
  std::vector<std::vector<ContainerRef>> containers_;  // by pod, in pods_'s order
  std::vector<ContainerRef> all_containers_;
};

}  // namespace mast::rules
