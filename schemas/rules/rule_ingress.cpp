// E0716: Ingress rules: hosts are DNS names (optionally with a leading "*."),
// and rule hosts are not IP addresses; HTTP rules have paths; `pathType` is Exact, Prefix or ImplementationSpecific;
// Exact and Prefix paths are absolute and free of "//", "/./", "/../", "%2f"
// and a trailing "/." or "/.."; an Ingress has rules or a defaultBackend.
//
// Mirrors pkg/apis/networking/validation.ValidateIngressSpec,
// validateIngressRules and validateHTTPIngressPath.
#include "schemas/rules/field_enums.h"
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

constexpr DiagnosticCode kIngressCode = DiagnosticCode::E0716;

// An address net.ParseIP would accept: dotted IPv4, or hex digits, ':' and
// '.' with at least one ':' (IPv6). Either is rejected as a host.
bool LooksLikeIp(std::string_view host) {
  if (host.find(':') != std::string_view::npos) {
    return host.find_first_not_of("0123456789abcdefABCDEF:.") == std::string_view::npos;
  }
  int parts = 0;
  size_t start = 0;
  while (true) {
    const size_t dot = host.find('.', start);
    const std::string_view part = host.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (part.empty() || part.size() > 3) return false;
    int value = 0;
    for (char c : part) {
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    if (value > 255) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts == 4;
}

// `rule_host`: a rule's host, which may not be an IP address (TLS hosts may).
void CheckHost(const RuleContext& context, const Node& host, bool rule_host) {
  const std::string* text = host.NonEmptyString();
  if (text == nullptr) return;
  if (rule_host && LooksLikeIp(*text)) {
    context.Report(kIngressCode, host,
                   "invalid host " + Code(*text) + ": an Ingress host must be a DNS name, not an IP address");
    return;
  }
  if (text->find('*') != std::string::npos) {
    const std::string_view rest = std::string_view(*text).substr(text->substr(0, 2) == "*." ? 2 : 0);
    if (text->substr(0, 2) != "*." || !IsDnsSubdomain(rest) || text->size() > kDnsSubdomainMaxLength) {
      context.Report(
          kIngressCode, host,
          "invalid host " + Code(*text) + ": a wildcard host is `*.` followed by a DNS name, like `*.example.com`");
    }
    return;
  }
  const std::string problem = NameProblem(*text, NameSyntax::kDnsSubdomain);
  if (!problem.empty()) {
    context.Report(kIngressCode, host, InvalidMessage("host", *text, problem, SuggestName(*text, NameSyntax::kDnsSubdomain)));
  }
}

void CheckPath(const RuleContext& context, const Node& http_path) {
  const Node type = http_path["pathType"];
  CheckEnum(context, kIngressCode, type, "pathType", EnumValues(FieldEnum::kPathType));
  const std::string* type_text = type.String();
  if (type_text == nullptr) return;
  const Node path = http_path["path"];
  const std::string* path_text = path.String();
  const std::string text = path_text != nullptr ? *path_text : std::string();
  const bool strict = *type_text == "Exact" || *type_text == "Prefix";
  if (!strict && *type_text != "ImplementationSpecific") return;
  const Node at = path ? path : type;
  if ((strict || !text.empty()) && text.substr(0, 1) != "/") {
    context.Report(kIngressCode, at,
                   text.empty() ? "missing `path`; a `pathType: " + *type_text + "` path must start with '/'"
                                : "path " + Code(text) + " must start with '/'");
    return;
  }
  if (!strict) return;
  for (std::string_view sequence : {"//", "/./", "/../", "%2f", "%2F"}) {
    if (text.find(sequence) != std::string::npos) {
      context.Report(kIngressCode, at, "path " + Code(text) + " may not contain `" + std::string(sequence) + "`");
      return;
    }
  }
  for (std::string_view suffix : {"/..", "/."}) {
    if (text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0) {
      context.Report(kIngressCode, at, "path " + Code(text) + " may not end with `" + std::string(suffix) + "`");
      return;
    }
  }
}

void CheckIngress(const RuleContext& context) {
  if (!context.Is("networking.k8s.io", "Ingress")) return;
  const Node spec = context.root()["spec"];
  const std::vector<Node> rules = spec["rules"].Items();
  if (rules.empty() && !spec["defaultBackend"]) {
    context.Report(kIngressCode, spec ? spec : context.root(),
                   "an Ingress needs `rules` or a `defaultBackend`; it has neither");
  }
  for (const Node& rule : rules) {
    CheckHost(context, rule["host"], true);
    const Node paths = rule["http"]["paths"];
    if (paths.IsList() && paths.value->AsList().empty()) {
      context.Report(kIngressCode, paths, "`http.paths` is empty; an HTTP rule needs at least one path");
    }
    for (const Node& http_path : paths.Items()) CheckPath(context, http_path);
  }
  for (const Node& tls : spec["tls"].Items()) {
    for (const Node& host : tls["hosts"].Items()) CheckHost(context, host, false);
  }
}

}  // namespace

const Rule kIngressRule = {DiagnosticCode::E0716, "Ingress hosts, paths and path types are valid",
                           "pkg/apis/networking/validation.ValidateIngressSpec, validateIngressRules, "
                           "validateIngressTLS, validateHTTPIngressPath",
                           &CheckIngress};

}  // namespace mast::rules
