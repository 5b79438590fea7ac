#include "lsp/features/placeholders.h"

#include <algorithm>
#include <cctype>

#include "schemas/kube_catalog.h"

namespace mast::lsp {

namespace {

bool EndsWithPort(std::string_view name) {
  if (name.size() < 4) return false;
  std::string tail(name.substr(name.size() - 4));
  std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char c) { return std::tolower(c); });
  return tail == "port";
}

bool IsWorkloadSpec(std::string_view owner) {
  return owner == "DeploymentSpec" || owner == "StatefulSetSpec" || owner == "DaemonSetSpec" ||
         owner == "ReplicaSetSpec";
}

// `int(1..65535)` -> "1": the low end of a range refinement.
std::optional<std::string> RangeLow(std::string_view written) {
  size_t open = written.find('(');
  size_t dots = written.find("..", open == std::string_view::npos ? 0 : open);
  if (open == std::string_view::npos || dots == std::string_view::npos) return std::nullopt;
  std::string low(written.substr(open + 1, dots - open - 1));
  if (low.empty() || !std::all_of(low.begin(), low.end(), [](unsigned char c) { return std::isdigit(c) || c == '-'; })) {
    return std::nullopt;
  }
  return low;
}

std::string Quoted(const std::string& text, bool yaml) { return yaml ? text : "\"" + text + "\""; }

// By the field's name and its record: names, ports, selectors, paths.
std::optional<std::string> ByName(const FieldInfo& field, const RecordFacts& facts, bool yaml, bool is_string) {
  if (field.name == "selector" && IsWorkloadSpec(facts.owner)) {
    if (!facts.template_labels) return std::nullopt;
    return yaml ? "{matchLabels: " + *facts.template_labels + "}" : "{ matchLabels: " + *facts.template_labels + " }";
  }
  if (!is_string) return std::nullopt;
  if (field.name == "name") {
    std::string label = facts.image ? DnsLabelFrom(*facts.image) : "";
    if (label.empty()) label = DnsLabelFrom(facts.owner);
    return Quoted(label.empty() ? "main" : label, yaml);
  }
  if (field.name == "topologyKey") return Quoted("kubernetes.io/hostname", yaml);
  if (field.name == "mountPath") return Quoted("/data", yaml);
  return std::nullopt;
}

}  // namespace

std::string DnsLabelFrom(std::string_view text) {
  size_t slash = text.rfind('/');
  if (slash != std::string_view::npos) text = text.substr(slash + 1);
  text = text.substr(0, std::min(text.find(':'), text.find('@')));
  std::string label;
  for (unsigned char c : text) {
    if (std::isalnum(c)) label += static_cast<char>(std::tolower(c));
    else if (!label.empty() && label.back() != '-') label += '-';
  }
  while (!label.empty() && (label.back() == '-' || label.size() > 63)) label.pop_back();
  while (!label.empty() && !std::isalpha(static_cast<unsigned char>(label.front()))) label.erase(0, 1);
  return label;
}

std::optional<std::string> MissingFieldValue(EditorTypes& types, const FieldInfo& field, const RecordFacts& facts,
                                             bool yaml) {
  LTypeRef type = EditorTypes::Unwrap(field.type);
  if (!type) return std::nullopt;
  std::vector<std::string> literals = types.LiteralValues(type);
  if (!literals.empty() && type->kind != LType::Kind::kBool) {
    const std::string& first = literals.front();
    bool quoted = first.size() >= 2 && first.front() == '"';
    return yaml && quoted ? first.substr(1, first.size() - 2) : first;
  }
  ExternalKind external = type->kind == LType::Kind::kExternal ? types.catalog().KindOf(type->external) : ExternalKind::kAny;
  bool is_string = type->kind == LType::Kind::kString || (type->kind == LType::Kind::kExternal && external == ExternalKind::kString);
  bool is_int = type->kind == LType::Kind::kInt || type->kind == LType::Kind::kFloat ||
                (type->kind == LType::Kind::kExternal &&
                 (external == ExternalKind::kInteger || external == ExternalKind::kNumber ||
                  external == ExternalKind::kIntOrString));
  if (std::optional<std::string> value = ByName(field, facts, yaml, is_string)) return value;
  if (field.name == "selector" && IsWorkloadSpec(facts.owner)) return std::nullopt;
  if (is_int) {
    if (EndsWithPort(field.name)) return "8080";
    if (std::optional<std::string> low = RangeLow(type->written)) return *low;
    return "1";
  }
  if (is_string) {
    if (field.name == "name") return std::nullopt;
    if (!type->written.empty() && type->written != "string") return std::nullopt;  // a refined string
    return "\"\"";
  }
  switch (type->kind) {
    case LType::Kind::kBool: return "false";
    case LType::Kind::kList: return "[]";
    case LType::Kind::kMap:
    case LType::Kind::kSchema: return "{}";
    case LType::Kind::kExternal:
      switch (external) {
        case ExternalKind::kBoolean: return "false";
        case ExternalKind::kQuantity: return "\"1\"";
        case ExternalKind::kList: return "[]";
        case ExternalKind::kMap: return "{}";
        case ExternalKind::kObject: {
          // `{}` only where it is a whole value: an object with required
          // fields of its own would trade this error for theirs.
          std::vector<FieldInfo> fields = types.Fields(type);
          bool has_required = std::any_of(fields.begin(), fields.end(), [](const FieldInfo& f) { return f.required; });
          return has_required ? std::nullopt : std::optional<std::string>("{}");
        }
        default: return std::nullopt;
      }
    default: return std::nullopt;
  }
}

}  // namespace mast::lsp
