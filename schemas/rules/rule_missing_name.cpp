// E0702: every object needs a name or a generateName.
//
// Mirrors k8s.io/apimachinery/pkg/api/validation.ValidateObjectMetaAccessor:
// "name or generateName is required". Review kinds of authentication.k8s.io
// and authorization.k8s.io skip ValidateObjectMeta and are not checked.
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

bool IsSet(const Node& node) {
  const std::string* text = node.String();
  return text != nullptr ? !text->empty() : static_cast<bool>(node);
}

void CheckMissingName(const RuleContext& context) {
  // Review requests (TokenReview, SubjectAccessReview, ...) are not stored and need no name.
  if (context.group() == "authentication.k8s.io" || context.group() == "authorization.k8s.io") return;
  const Node metadata = context.root()["metadata"];
  if (IsSet(metadata["name"]) || IsSet(metadata["generateName"])) return;
  const std::string message = "missing `metadata.name`; a " + std::string(context.kind()) +
                              " needs a `name` (or a `generateName` when created with `kubectl create`)";
  if (metadata) {
    context.Report(DiagnosticCode::E0702, metadata, message);
  } else {
    const MapEntry* kind = context.root().value->FindEntry("kind");
    context.ReportAt(DiagnosticCode::E0702, kind != nullptr ? kind->key_range : SourceRange{}, FieldPath(), message);
  }
}

}  // namespace

const Rule kMissingNameRule = {DiagnosticCode::E0702, "objects have a name or a generateName",
                               "k8s.io/apimachinery/pkg/api/validation.ValidateObjectMetaAccessor", &CheckMissingName};

}  // namespace mast::rules
