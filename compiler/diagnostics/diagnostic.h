// Diagnostics are values. Phases append them to a DiagnosticSink; renderers
// (text, JSON, SARIF, LSP) are separate consumers of the same values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/source.h"

namespace mast {

enum class Severity { kError, kWarning, kInfo, kNote };

enum class DiagnosticCode {
#define MAST_DIAGNOSTIC(code, severity, name, summary) code,
#include "diagnostics/codes.def"
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

struct Diagnostic {
  DiagnosticCode code;
  Severity severity = Severity::kError;
  SourceRange range;
  std::string message;  // lowercase, no trailing period; "observed; hint"
  std::vector<Label> labels;
  std::vector<std::string> notes;
  std::optional<Fix> fix;
  // Policy findings carry their rule id ("image-latest-tag"), shown in
  // place of the code.
  std::string rule;

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

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  std::vector<Diagnostic>& mutable_diagnostics() { return diagnostics_; }
  size_t ErrorCount() const;
  bool HasErrors() const { return ErrorCount() > 0; }
  bool empty() const { return diagnostics_.empty(); }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// Sorts by file, then position, then code; removes exact duplicates.
// With `jobs` > 1, a long list is sorted on two threads.
void SortDiagnostics(std::vector<Diagnostic>& diagnostics, unsigned jobs = 1);

}  // namespace mast
