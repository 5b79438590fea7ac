// Diagnostics are values. Phases append them to a DiagnosticSink; renderers
// (text, JSON, SARIF, LSP) are separate consumers of the same values.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/source.h"
#include "compiler/diagnostics/shared_text.h"

namespace mast {

enum class Severity : uint8_t { kError, kWarning, kInfo, kNote };

enum class DiagnosticCode : uint16_t {
#define MAST_DIAGNOSTIC(code, severity, name, summary) code,
#include "compiler/diagnostics/codes.def"
#undef MAST_DIAGNOSTIC
};

struct DiagnosticInfo {
  DiagnosticCode code;
  std::string_view id;  // "E0201"
  Severity default_severity;
  std::string_view name;
  std::string_view summary;
};

const DiagnosticInfo& InfoOf(DiagnosticCode code);
const std::vector<DiagnosticInfo>& AllDiagnostics();
// Whether `code` has the shape of a compiler diagnostic code ("E0201",
// "W1003") rather than of a policy rule id.
bool IsCompilerCodeText(std::string_view code);
std::string_view SeverityName(Severity severity);

struct Label {
  SourceRange range;
  std::string message;
};

struct TextEdit {
  SourceRange range;
  std::string replacement;
};

struct Fix {
  std::string title;  // "replace with `replicas`"
  std::vector<TextEdit> edits;
};

// An optional fix, boxed: few diagnostics carry one, and a run of the
// linter holds tens of thousands of diagnostics (an inline optional made
// each 56 bytes larger). Reads like a std::optional.
class OptionalFix {
 public:
  OptionalFix() = default;
  OptionalFix(Fix fix) : fix_(std::make_unique<Fix>(std::move(fix))) {}  // NOLINT: implicit, like optional
  OptionalFix(const OptionalFix& other) : fix_(other.fix_ ? std::make_unique<Fix>(*other.fix_) : nullptr) {}
  OptionalFix(OptionalFix&&) noexcept = default;
  OptionalFix& operator=(const OptionalFix& other) {
    if (this != &other) fix_ = other.fix_ ? std::make_unique<Fix>(*other.fix_) : nullptr;
    return *this;
  }
  OptionalFix& operator=(OptionalFix&&) noexcept = default;
  OptionalFix& operator=(Fix fix) {
    fix_ = std::make_unique<Fix>(std::move(fix));
    return *this;
  }

  bool has_value() const { return fix_ != nullptr; }
  explicit operator bool() const { return has_value(); }
  const Fix& operator*() const { return *fix_; }
  Fix& operator*() { return *fix_; }
  const Fix* operator->() const { return fix_.get(); }
  Fix* operator->() { return fix_.get(); }
  void reset() { fix_.reset(); }

 private:
  std::unique_ptr<Fix> fix_;
};

struct Diagnostic {
  DiagnosticCode code;
  Severity severity = Severity::kError;
  SourceRange range;
  std::string message;  // lowercase, no trailing period; "observed; hint"
  std::vector<Label> labels;
  Notes notes;  // shared between copies (shared_text.h)
  OptionalFix fix;
  // Policy findings carry their rule id ("image-latest-tag"), shown in
  // place of the code. Interned (shared_text.h).
  RuleId rule;

  std::string_view id() const { return rule.empty() ? InfoOf(code).id : std::string_view(rule); }
};

// Collects diagnostics for one run, in the order they were found.
class DiagnosticSink {
 public:
  Diagnostic& Report(DiagnosticCode code, SourceRange range, std::string message);
  void Add(Diagnostic diagnostic);
  void Append(const DiagnosticSink& other);
  // Moves the other sink's diagnostics here, leaving it empty.
  void Append(DiagnosticSink&& other);
  // Room for `count` diagnostics in all, so that appending up to that many
  // does not move the ones already here.
  void Reserve(size_t count) { diagnostics_.reserve(count); }

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  std::vector<Diagnostic>& mutable_diagnostics() { return diagnostics_; }
  size_t ErrorCount() const;
  bool HasErrors() const { return ErrorCount() > 0; }
  bool empty() const { return diagnostics_.empty(); }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// The order of a report: by file, position and code, then message, then
// rule id.
bool ReportOrder(const Diagnostic& a, const Diagnostic& b);

// Sorts into report order; removes exact duplicates. A list made of a few
// runs already in order (the findings of threads that each add theirs in
// order) is merged rather than sorted. With `jobs` > 1, a long list is
// sorted on two threads.
void SortDiagnostics(std::vector<Diagnostic>& diagnostics, unsigned jobs = 1);

}  // namespace mast
