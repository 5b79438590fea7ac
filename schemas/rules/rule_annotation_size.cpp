// E0707: the keys and values of an object's annotations add up to at most
// 256 KiB.
//
// Mirrors k8s.io/apimachinery/pkg/api/validation.ValidateAnnotationsSize
// (TotalAnnotationSizeLimitB = 256 * 1024), for metadata.annotations and pod
// template annotations.
#include "schemas/rules/messages.h"
#include "schemas/rules/rules.h"

namespace mast::rules {

namespace {

constexpr size_t kAnnotationSizeLimit = 256 * 1024;

void CheckSize(const RuleContext& context, const Node& annotations) {
  size_t total = 0;
  for (const auto& [key, value] : annotations.Entries()) {
    total += key.size();
    if (const std::string* text = value.String()) total += text->size();
  }
  if (total <= kAnnotationSizeLimit) return;
  context.Report(DiagnosticCode::E0707, annotations,
                 "annotations take " + std::to_string(total) +
                     " bytes of keys and values; the limit is 262144 (256 KiB), so keep large data in a ConfigMap");
}

void CheckAnnotationSize(const RuleContext& context) {
  CheckSize(context, context.root()["metadata"]["annotations"]);
  for (const PodTemplate& pod : context.pods()) {
    if (!pod.is_pod) CheckSize(context, pod.metadata["annotations"]);
  }
}

}  // namespace

const Rule kAnnotationSizeRule = {DiagnosticCode::E0707, "annotations add up to at most 256 KiB",
                                  "k8s.io/apimachinery/pkg/api/validation.ValidateAnnotationsSize",
                                  &CheckAnnotationSize};

}  // namespace mast::rules
