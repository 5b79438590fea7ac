// E0717: volume claims have at least one known access mode (ReadWriteOncePod
// alone) and a positive storage request.
//
// Mirrors pkg/apis/core/validation.ValidatePersistentVolumeClaimSpec for
// PersistentVolumeClaims and generic ephemeral volumes (which the server
// validates on create), and for StatefulSet volumeClaimTemplates (which the
// server only validates when the StatefulSet controller creates the claims,
// so a bad template is accepted but never produces a pod). PersistentVolume
// access modes get the same enum check (ValidatePersistentVolumeSpec).
#include "schemas/rules/exact_quantity.h"
#include "schemas/rules/field_enums.h"
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

constexpr DiagnosticCode kVolumeClaimCode = DiagnosticCode::E0717;

void CheckAccessModes(const RuleContext& context, const Node& modes) {
  bool once_pod = false;
  bool others = false;
  for (const Node& mode : modes.Items()) {
    CheckEnum(context, kVolumeClaimCode, mode, "accessModes",
              EnumValues(FieldEnum::kAccessMode));
    const std::string* text = mode.String();
    if (text == nullptr) continue;
    if (*text == "ReadWriteOncePod") {
      once_pod = true;
    } else if (*text == "ReadWriteOnce" || *text == "ReadOnlyMany" || *text == "ReadWriteMany") {
      others = true;
    }
  }
  if (once_pod && others) {
    context.Report(kVolumeClaimCode, modes, "`ReadWriteOncePod` may not be combined with other access modes");
  }
}

void CheckClaimSpec(const RuleContext& context, const Node& holder, const Node& spec) {
  const Node& where = spec ? spec : holder;
  const Node modes = spec["accessModes"];
  if (modes.Items().empty()) {
    context.Report(kVolumeClaimCode, modes ? modes : where,
                   "missing `accessModes`; a volume claim needs at least one, like `ReadWriteOnce`");
  } else {
    CheckAccessModes(context, modes);
  }
  const Node storage = spec["resources"]["requests"]["storage"];
  if (!storage) {
    context.Report(kVolumeClaimCode, where,
                   "missing `resources.requests.storage`; a volume claim must request storage, like "
                   "`storage: 1Gi`");
    return;
  }
  const std::optional<ExactQuantity> amount = QuantityOf(*storage.value);
  if (amount && (amount->IsZero() || amount->IsNegative())) {
    context.Report(kVolumeClaimCode, storage,
                   "storage request " + Code(ScalarText(*storage.value)) + " must be greater than zero");
  }
}

void CheckVolumeClaims(const RuleContext& context) {
  const Node spec = context.root()["spec"];
  if (context.Is("", "PersistentVolumeClaim")) CheckClaimSpec(context, context.root(), spec);
  if (context.Is("", "PersistentVolume")) CheckAccessModes(context, spec["accessModes"]);
  if (context.Is("apps", "StatefulSet")) {
    for (const Node& claim : spec["volumeClaimTemplates"].Items()) CheckClaimSpec(context, claim, claim["spec"]);
  }
  for (const PodTemplate& pod : context.pods()) {
    for (const Node& volume : pod.spec["volumes"].Items()) {
      const Node claim = volume["ephemeral"]["volumeClaimTemplate"];
      if (claim) CheckClaimSpec(context, claim, claim["spec"]);
    }
  }
}

}  // namespace

const Rule kVolumeClaimRule = {
    DiagnosticCode::E0717, "volume claims have valid access modes and a positive storage request",
    "pkg/apis/core/validation.ValidatePersistentVolumeClaimSpec (supportedAccessModes, ReadWriteOncePod, "
    "resources[storage]); ValidatePersistentVolumeSpec (access modes)",
    &CheckVolumeClaims};

}  // namespace mast::rules
