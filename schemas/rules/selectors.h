// Where the label maps and selectors of built-in kinds live, so that the
// label, selector and operator rules look at the same places.
#pragma once

#include <vector>

#include "schemas/rules/rule_context.h"

namespace mast::rules {

// Plain label maps (key -> value): metadata.labels of the object and of its pod
// templates, Service and ReplicationController selectors, pod nodeSelectors.
std::vector<Node> LabelMaps(const RuleContext& context);

// metav1.LabelSelector values: workload, PDB, PVC and NetworkPolicy selectors,
// pod (anti-)affinity terms and topology spread constraints.
std::vector<Node> LabelSelectors(const RuleContext& context);

// core NodeSelectorRequirement lists (`matchExpressions` of node selector
// terms), which also allow Gt and Lt. `values_checked` is false for preferred
// terms, whose values the server does not check.
struct NodeSelectorExpressions {
  Node list;
  bool values_checked = true;
};
std::vector<NodeSelectorExpressions> NodeSelectorRequirements(const RuleContext& context);

}  // namespace mast::rules
