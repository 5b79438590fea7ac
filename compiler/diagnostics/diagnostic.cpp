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

void DiagnosticSink::Append(DiagnosticSink&& other) {
  if (diagnostics_.empty()) {
    diagnostics_ = std::move(other.diagnostics_);
  } else {
    diagnostics_.insert(diagnostics_.end(), std::make_move_iterator(other.diagnostics_.begin()),
                        std::make_move_iterator(other.diagnostics_.end()));
  }
  other.diagnostics_.clear();
}

size_t DiagnosticSink::ErrorCount() const {
  return static_cast<size_t>(std::count_if(diagnostics_.begin(), diagnostics_.end(),
                                           [](const Diagnostic& d) { return d.severity == Severity::kError; }));
}

void SortDiagnostics(std::vector<Diagnostic>& diagnostics) {
  // Positions are sorted, not the diagnostics themselves: a diagnostic is
  // large, and a run may have tens of thousands. The numeric part of each
  // key sits next to its position; messages are compared only on a tie.
  struct Key {
    FileId file;
    uint32_t begin;
    uint32_t end;
    int code;
    uint32_t index;
    auto Numbers() const { return std::make_tuple(file, begin, end, code); }
  };
  std::vector<Key> keys;
  keys.reserve(diagnostics.size());
  for (uint32_t i = 0; i < diagnostics.size(); ++i) {
    const Diagnostic& d = diagnostics[i];
    keys.push_back({d.range.file, d.range.begin, d.range.end, static_cast<int>(d.code), i});
  }
  auto same_numbers = [](const Key& a, const Key& b) { return a.Numbers() == b.Numbers(); };
  std::stable_sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
    if (!same_numbers(a, b)) return a.Numbers() < b.Numbers();
    return diagnostics[a.index].message < diagnostics[b.index].message;
  });
  std::vector<Diagnostic> sorted;
  sorted.reserve(diagnostics.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    // A duplicate: the same place, code and message as the one before.
    if (i > 0 && same_numbers(keys[i], keys[i - 1]) && diagnostics[keys[i].index].message == sorted.back().message) {
      continue;
    }
    sorted.push_back(std::move(diagnostics[keys[i].index]));
  }
  diagnostics = std::move(sorted);
}

}  // namespace mast
