// The closed value sets that the API server enforces on string fields whose
// OpenAPI schema says only `string` (imagePullPolicy, a Service's type, port
// protocols, ...). One table for the server-side rules, which report a value
// outside its set (E07xx, "did you mean"), and for the editor, which offers
// the set as completions after the field in YAML and in Mast.
#pragma once

#include <string_view>
#include <vector>

namespace mast::rules {

enum class FieldEnum {
  kImagePullPolicy,
  kRestartPolicy,
  kServiceType,
  kProtocol,
  kDnsPolicy,
  kConcurrencyPolicy,
  kPodManagementPolicy,
  kPathType,
  kPodReplacementPolicy,
  kSubjectKind,
  kRoleRefKind,
  kSessionAffinity,
  kTrafficPolicy,
  kTolerationOperator,
  kTaintEffect,
  kDeploymentStrategyType,
  kRollingOrOnDelete,  // StatefulSet and DaemonSet update strategies
  kAccessMode,
};

// The values of one set, in the order messages list them.
const std::vector<std::string_view>& EnumValues(FieldEnum set);

// A field that takes one of a set's values: `owner_type` is the catalog's
// type name (`io.k8s.api.core.v1.Container`). For a list field
// (`accessModes`), each item takes one.
struct EnumField {
  std::string_view owner_type;
  std::string_view field;
  FieldEnum set;
};
const std::vector<EnumField>& EnumFields();

// The values of `field` of the catalog type `owner_type`, or null.
const std::vector<std::string_view>* EnumValuesOf(std::string_view owner_type, std::string_view field);

}  // namespace mast::rules
