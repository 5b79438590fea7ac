// Suppressions with a reason, in three forms:
//   an annotation on the object or its pod template:
//       mast.dev/ignore: "image-latest-tag,probe-liveness-missing: pinned by digest upstream"
//   a YAML comment on the finding's line or the line above:
//       # mast:ignore image-latest-tag -- pinned by digest upstream
//   a Mast comment, likewise:
//       // mast:ignore image-latest-tag -- pinned by digest upstream
// Comments may name rule ids or diagnostic codes (E0501). A suppression
// without a reason is itself a warning (W1003). One whose reason is a
// placeholder (`TODO`, or the text the editor's "ignore" action inserts) is
// a W1003 too, and suppresses nothing: the finding stays until the reason is
// written. One that names no known rule or code is W1004. Suppressed
// findings are counted for the summary.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/value/value.h"

namespace mast {

inline constexpr std::string_view kIgnoreAnnotation = "mast.dev/ignore";

// The reason the language server's "ignore" code action inserts for the user
// to replace. It is a placeholder, not a reason.
inline constexpr std::string_view kPlaceholderReason = "TODO: why this is acceptable";

// How a suppression's reason reads: missing (or blank), a placeholder
// (`TODO`, `TBD`, `FIXME`, `XXX`, with or without a trailing `:` or `.`, or
// kPlaceholderReason), or a real reason.
enum class ReasonKind : uint8_t { kMissing, kPlaceholder, kGiven };
ReasonKind ClassifyReason(std::string_view reason);

struct AnnotationSuppression {
  std::set<std::string> rules;
  ReasonKind reason = ReasonKind::kMissing;
  SourceRange range;  // the annotation's value
};

// The `mast.dev/ignore` annotations of an object and of its pod template.
std::vector<AnnotationSuppression> ReadAnnotationSuppressions(const Value& object);

struct SuppressionResult {
  size_t suppressed = 0;
  std::vector<Diagnostic> problems;  // W1003 / W1004 about the suppressions themselves
};

// Removes the diagnostics that a `mast:ignore` comment covers.
// `is_known(id)` says whether a rule id or diagnostic code exists.
SuppressionResult ApplyCommentSuppressions(std::vector<Diagnostic>& diagnostics, const SourceManager& sources,
                                           const std::function<bool(std::string_view)>& is_known);

}  // namespace mast
