// E0744: Service fields that depend on the type: a Service needs ports unless
// it is headless (`clusterIP: None`) or ExternalName; `nodePort` is not
// allowed on ClusterIP Services; an ExternalName Service needs an
// `externalName` DNS name and no `clusterIP`; NodePort and LoadBalancer
// Services cannot be headless; `loadBalancerSourceRanges` and
// `allocateLoadBalancerNodePorts` only apply to LoadBalancer Services.
//
// Mirrors pkg/apis/core/validation.ValidateService.
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

constexpr DiagnosticCode kServiceTypeFieldsCode = DiagnosticCode::E0744;

void CheckServiceTypeFields(const RuleContext& context) {
  if (!context.Is("", "Service")) return;
  const Node spec = context.root()["spec"];
  const std::string* type_text = spec["type"].NonEmptyString();
  const std::string type = type_text != nullptr ? *type_text : "ClusterIP";
  const Node cluster_ip = spec["clusterIP"];
  const std::string* ip = cluster_ip.String();
  const std::vector<Node> cluster_ips = spec["clusterIPs"].Items();
  const std::string* first_ip = cluster_ips.empty() ? nullptr : cluster_ips.front().String();
  const bool headless =
      (ip != nullptr && *ip == "None") || (ip == nullptr && first_ip != nullptr && *first_ip == "None");
  const std::vector<Node> ports = spec["ports"].Items();
  if (type != "ClusterIP" && type != "NodePort" && type != "LoadBalancer" && type != "ExternalName") return;  // E0710
  if (ports.empty() && !headless && type != "ExternalName") {
    context.Report(kServiceTypeFieldsCode, spec["ports"] ? spec["ports"] : (spec ? spec : context.root()),
                   "a " + type +
                       " Service needs at least one port in `ports` (only headless and ExternalName "
                       "Services may have none)");
  }
  if (type == "ClusterIP") {
    for (const Node& port : ports) {
      const Node node_port = port["nodePort"];
      if (std::optional<int64_t> number = node_port.Integer(); number && *number != 0) {
        context.Report(kServiceTypeFieldsCode, node_port,
                       "`nodePort` may not be set on a ClusterIP Service; set `type: NodePort` or remove it");
      }
    }
  }
  if (type == "ExternalName") {
    const Node external_name = spec["externalName"];
    const std::string* name = external_name.String();
    std::string cname = name != nullptr ? *name : "";
    if (!cname.empty() && cname.back() == '.') cname.pop_back();
    if (cname.empty()) {
      context.Report(kServiceTypeFieldsCode, external_name ? external_name : (spec ? spec : context.root()),
                     "an ExternalName Service needs an `externalName`, like `db.example.com`");
    } else {
      const std::string problem = NameProblem(cname, NameSyntax::kDnsSubdomain);
      if (!problem.empty()) context.Report(kServiceTypeFieldsCode, external_name, InvalidMessage("externalName", *name, problem, ""));
    }
    if (ip != nullptr && !ip->empty()) {
      context.Report(kServiceTypeFieldsCode, cluster_ip, "`clusterIP` may not be set on an ExternalName Service");
    }
  }
  if ((type == "NodePort" || type == "LoadBalancer") && headless) {
    context.Report(kServiceTypeFieldsCode, cluster_ip, "a " + type + " Service cannot be headless (`clusterIP: None`)");
  }
  if (type != "LoadBalancer") {
    for (std::string_view field : {"loadBalancerSourceRanges", "allocateLoadBalancerNodePorts"}) {
      const Node node = spec[field];
      if (!node || (node.IsList() && node.Items().empty())) continue;
      context.ReportAt(
          kServiceTypeFieldsCode, node.KeyOrValue(), node.path,
          "`" + std::string(field) + "` only applies to LoadBalancer Services; this one has type `" + type + "`");
    }
  }
}

}  // namespace

const Rule kServiceTypeFieldsRule = {DiagnosticCode::E0744, "Service fields fit the Service type",
                                     "pkg/apis/core/validation.ValidateService", &CheckServiceTypeFields};

}  // namespace mast::rules
