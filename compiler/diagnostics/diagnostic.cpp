#include "diagnostics/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace mast {

const std::vector<DiagnosticInfo>& AllDiagnostics() {
  static const std::vector<DiagnosticInfo> kAll = {
#define MAST_DIAGNOSTIC(code, severity, name, summary) \
  {DiagnosticCode::code, #code, Severity::k##severity, name, summary},
#include "diagnostics/codes.def"
#undef MAST_DIAGNOSTIC
  };
  return kAll;
}

const DiagnosticInfo& InfoOf(DiagnosticCode code) {
  return AllDiagnostics()[static_cast<size_t>(code)];
}

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
    case Severity::kNote: return "note";
  }
  return "error";
}

Diagnostic& DiagnosticSink::Report(DiagnosticCode code, SourceRange range, std::string message) {
  Diagnostic diagnostic;
  diagnostic.code = code;
  diagnostic.severity = InfoOf(code).default_severity;
  diagnostic.range = range;
  diagnostic.message = std::move(message);
  diagnostics_.push_back(std::move(diagnostic));
  return diagnostics_.back();
}

void DiagnosticSink::Add(Diagnostic diagnostic) { diagnostics_.push_back(std::move(diagnostic)); }

void DiagnosticSink::Append(const DiagnosticSink& other) {
  diagnostics_.insert(diagnostics_.end(), other.diagnostics_.begin(), other.diagnostics_.end());
}

size_t DiagnosticSink::ErrorCount() const {
  return static_cast<size_t>(std::count_if(diagnostics_.begin(), diagnostics_.end(),
                                           [](const Diagnostic& d) { return d.severity == Severity::kError; }));
}

void SortDiagnostics(std::vector<Diagnostic>& diagnostics) {
  auto key = [](const Diagnostic& d) {
    return std::make_tuple(d.range.file, d.range.begin, d.range.end, static_cast<int>(d.code), std::cref(d.message));
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  diagnostics.erase(std::unique(diagnostics.begin(), diagnostics.end(),
                                [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
                    diagnostics.end());
}

}  // namespace mast
