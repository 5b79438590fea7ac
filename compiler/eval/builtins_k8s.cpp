// Kubernetes helpers for policies: finding pod specs and containers in any
// workload, quantities, label selectors, image references, and `violation`.
// They are native because every policy calls them for every object.
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
              const std::string& message = c.Str(1);
              SourceRange at = c.args[0].origin().IsValid() ? c.args[0].origin() : c.At();
              return Value::Map({{"message", at, Value::String(message, at)}}, at);
            });
}

}  // namespace mast
