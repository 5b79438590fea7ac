// E0706: annotation keys are qualified names (compared in lowercase).
//
// Mirrors k8s.io/apimachinery/pkg/api/validation.ValidateAnnotations, which
// checks IsQualifiedName(strings.ToLower(key)) for metadata.annotations and
// (core ValidatePodTemplateSpec) pod template annotations.
#include <cctype>

#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

void CheckAnnotationKeys(const RuleContext& context, const Node& annotations) {
  for (const auto& [key, node] : annotations.Entries()) {
    std::string lowered(key);
    for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string problem = QualifiedNameProblem(lowered);
    if (problem.empty()) continue;
    context.ReportAt(DiagnosticCode::E0706, node.key_range.IsValid() ? node.key_range : node.Where(), node.path,
                     InvalidMessage("annotation key", key, problem, ""));
  }
}

void CheckAnnotationKeyRule(const RuleContext& context) {
  CheckAnnotationKeys(context, context.root()["metadata"]["annotations"]);
  for (const PodTemplate& pod : context.pods()) {
    if (!pod.is_pod) CheckAnnotationKeys(context, pod.metadata["annotations"]);
  }
}

}  // namespace

const Rule kAnnotationKeyRule = {DiagnosticCode::E0706, "annotation keys are qualified names",
                                 "k8s.io/apimachinery/pkg/api/validation.ValidateAnnotations", &CheckAnnotationKeyRule};

}  // namespace mast::rules
