#include "schemas/rules/selectors.h"

namespace mast::rules {

namespace {

void AddIfMap(std::vector<Node>& out, const Node& node) {
  if (node.IsMap()) out.push_back(node);
}

void AddPodSelectors(const PodTemplate& pod, std::vector<Node>& out) {
  const Node affinity = pod.spec["affinity"];
  for (std::string_view kind : {"podAffinity", "podAntiAffinity"}) {
    const Node terms = affinity[kind];
    for (const Node& term : terms["requiredDuringSchedulingIgnoredDuringExecution"].Items()) {
      AddIfMap(out, term["labelSelector"]);
      AddIfMap(out, term["namespaceSelector"]);
    }
    for (const Node& weighted : terms["preferredDuringSchedulingIgnoredDuringExecution"].Items()) {
      AddIfMap(out, weighted["podAffinityTerm"]["labelSelector"]);
      AddIfMap(out, weighted["podAffinityTerm"]["namespaceSelector"]);
    }
  }
  for (const Node& constraint : pod.spec["topologySpreadConstraints"].Items()) {
    AddIfMap(out, constraint["labelSelector"]);
  }
}

}  // namespace

std::vector<Node> LabelMaps(const RuleContext& context) {
  std::vector<Node> out;
  AddIfMap(out, context.root()["metadata"]["labels"]);
  if (!context.IsBuiltin()) return out;
  for (const PodTemplate& pod : context.pods()) {
    if (!pod.is_pod) AddIfMap(out, pod.metadata["labels"]);
    AddIfMap(out, pod.spec["nodeSelector"]);
  }
  if (context.Is("", "Service") || context.Is("", "ReplicationController")) {
    AddIfMap(out, context.root()["spec"]["selector"]);
  }
  return out;
}

std::vector<Node> LabelSelectors(const RuleContext& context) {
  std::vector<Node> out;
  if (!context.IsBuiltin()) return out;
  const Node spec = context.root()["spec"];
  if (context.Is("apps", "Deployment") || context.Is("apps", "ReplicaSet") || context.Is("apps", "StatefulSet") ||
      context.Is("apps", "DaemonSet") || context.Is("batch", "Job") || context.Is("policy", "PodDisruptionBudget") ||
      context.Is("", "PersistentVolumeClaim")) {
    AddIfMap(out, spec["selector"]);
  }
  if (context.Is("networking.k8s.io", "NetworkPolicy")) {
    AddIfMap(out, spec["podSelector"]);
    for (const auto& [rules_key, peers_key] : {std::pair{"ingress", "from"}, std::pair{"egress", "to"}}) {
      for (const Node& rule : spec[rules_key].Items()) {
        for (const Node& peer : rule[peers_key].Items()) {
          AddIfMap(out, peer["podSelector"]);
          AddIfMap(out, peer["namespaceSelector"]);
        }
      }
    }
  }
  for (const PodTemplate& pod : context.pods()) AddPodSelectors(pod, out);
  return out;
}

std::vector<NodeSelectorExpressions> NodeSelectorRequirements(const RuleContext& context) {
  std::vector<NodeSelectorExpressions> out;
  if (!context.IsBuiltin()) return out;
  auto add_required = [&](const Node& node_selector) {
    for (const Node& term : node_selector["nodeSelectorTerms"].Items()) {
      if (term["matchExpressions"].IsList()) out.push_back({term["matchExpressions"], true});
    }
  };
  for (const PodTemplate& pod : context.pods()) {
    const Node node_affinity = pod.spec["affinity"]["nodeAffinity"];
    add_required(node_affinity["requiredDuringSchedulingIgnoredDuringExecution"]);
    for (const Node& preferred : node_affinity["preferredDuringSchedulingIgnoredDuringExecution"].Items()) {
      const Node expressions = preferred["preference"]["matchExpressions"];
      if (expressions.IsList()) out.push_back({expressions, false});
    }
  }
  if (context.Is("", "PersistentVolume")) add_required(context.root()["spec"]["nodeAffinity"]["required"]);
  return out;
}

}  // namespace mast::rules
