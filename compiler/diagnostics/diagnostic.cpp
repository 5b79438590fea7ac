#include "compiler/diagnostics/diagnostic.h"

#include <algorithm>
#include <thread>
#include <tuple>

namespace mast {

// A linter run holds tens of thousands of diagnostics, and sorts them.
static_assert(sizeof(void*) != 8 || sizeof(Diagnostic) <= 104, "keep rare parts of a Diagnostic out of line");

const std::vector<DiagnosticInfo>& AllDiagnostics() {
  static const std::vector<DiagnosticInfo> kAll = {
#define MAST_DIAGNOSTIC(code, severity, name, summary) \
  {DiagnosticCode::code, #code, Severity::k##severity, name, summary},
#include "compiler/diagnostics/codes.def"
#undef MAST_DIAGNOSTIC
  };
  return kAll;
}

const DiagnosticInfo& InfoOf(DiagnosticCode code) {
  return AllDiagnostics()[static_cast<size_t>(code)];
}

bool IsCompilerCodeText(std::string_view code) {
  return code.size() == 5 && (code[0] == 'E' || code[0] == 'W') &&
         std::all_of(code.begin() + 1, code.end(), [](char c) { return c >= '0' && c <= '9'; });
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
  // Taking the other's array is cheapest, unless room was reserved here.
  if (diagnostics_.empty() && diagnostics_.capacity() < other.diagnostics_.size()) {
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

bool ReportOrder(const Diagnostic& a, const Diagnostic& b) {
  const auto numbers = [](const Diagnostic& d) {
    return std::make_tuple(d.range.file, d.range.begin, d.range.end, static_cast<int>(d.code));
  };
  if (numbers(a) != numbers(b)) return numbers(a) < numbers(b);
  if (a.message != b.message) return a.message < b.message;
  return a.rule < b.rule;
}

namespace {

// The first eight bytes of a text as a number that orders like the text
// (shorter texts are padded with zero bytes, which sort first).
uint64_t TextPrefix(const std::string& text) {
  uint64_t prefix = 0;
  for (size_t i = 0; i < 8; ++i) {
    prefix = (prefix << 8) | (i < text.size() ? static_cast<unsigned char>(text[i]) : 0u);
  }
  return prefix;
}

// A list made of a few runs already in report order is merged in place;
// false (and nothing moved) when there are more runs than that.
bool MergeRuns(std::vector<Diagnostic>& diagnostics) {
  constexpr size_t kMaxRuns = 64;
  std::vector<size_t> starts = {0};
  for (size_t i = 1; i < diagnostics.size(); ++i) {
    if (!ReportOrder(diagnostics[i], diagnostics[i - 1])) continue;
    if (starts.size() == kMaxRuns) return false;
    starts.push_back(i);
  }
  starts.push_back(diagnostics.size());
  // Neighbouring runs pairwise, doubling the width.
  const auto at = [&](size_t run) { return diagnostics.begin() + static_cast<std::ptrdiff_t>(starts[run]); };
  const size_t runs = starts.size() - 1;
  for (size_t width = 1; width < runs; width *= 2) {
    for (size_t r = 0; r + width < runs; r += 2 * width) {
      std::inplace_merge(at(r), at(r + width), at(std::min(r + 2 * width, runs)), ReportOrder);
    }
  }
  return true;
}

// Positions are sorted, not the diagnostics themselves: a diagnostic is
// large, and a run may have tens of thousands. Each key holds the numbers
// and the start of the message; whole messages, then rule ids, are compared
// only on a tie. With `jobs` > 1, a long list is sorted on two threads.
void SortByKeys(std::vector<Diagnostic>& diagnostics, unsigned jobs) {
  struct Key {
    FileId file;
    uint32_t begin;
    uint32_t end;
    int code;
    uint64_t message_prefix;
    uint32_t index;
    auto Numbers() const { return std::make_tuple(file, begin, end, code); }
  };
  std::vector<Key> keys;
  keys.reserve(diagnostics.size());
  for (uint32_t i = 0; i < diagnostics.size(); ++i) {
    const Diagnostic& d = diagnostics[i];
    keys.push_back({d.range.file, d.range.begin, d.range.end, static_cast<int>(d.code), TextPrefix(d.message), i});
  }
  auto less = [&](const Key& a, const Key& b) {
    if (a.Numbers() != b.Numbers()) return a.Numbers() < b.Numbers();
    if (a.message_prefix != b.message_prefix) return a.message_prefix < b.message_prefix;
    const Diagnostic& x = diagnostics[a.index];
    const Diagnostic& y = diagnostics[b.index];
    if (x.message != y.message) return x.message < y.message;
    if (x.rule != y.rule) return x.rule < y.rule;
    return a.index < b.index;
  };
  // A long list: the two halves are sorted side by side, then merged.
  constexpr size_t kMinPerHalf = 8192;
  if (jobs > 1 && keys.size() >= 2 * kMinPerHalf) {
    const auto middle = keys.begin() + static_cast<std::ptrdiff_t>(keys.size() / 2);
    std::thread second([&] { std::sort(middle, keys.end(), less); });
    std::sort(keys.begin(), middle, less);
    second.join();
    std::inplace_merge(keys.begin(), middle, keys.end(), less);
  } else {
    std::sort(keys.begin(), keys.end(), less);
  }
  // Into that order in place, cycle by cycle (no second copy of them all).
  std::vector<uint32_t> order(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) order[i] = keys[i].index;
  std::vector<char> placed(order.size(), 0);
  for (size_t start = 0; start < order.size(); ++start) {
    if (placed[start] || order[start] == start) continue;
    Diagnostic held = std::move(diagnostics[start]);
    size_t at = start;
    while (true) {
      placed[at] = 1;
      const size_t from = order[at];
      if (from == start) break;
      diagnostics[at] = std::move(diagnostics[from]);
      at = from;
    }
    diagnostics[at] = std::move(held);
  }
}

}  // namespace

void SortDiagnostics(std::vector<Diagnostic>& diagnostics, unsigned jobs) {
  if (!MergeRuns(diagnostics)) SortByKeys(diagnostics, jobs);
  // A duplicate has the place, code, message and rule of the one before.
  auto duplicate = [](const Diagnostic& a, const Diagnostic& b) {
    return a.range == b.range && a.code == b.code && a.message == b.message && a.rule == b.rule;
  };
  size_t kept = 0;
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    if (kept > 0 && duplicate(diagnostics[i], diagnostics[kept - 1])) continue;
    if (kept != i) diagnostics[kept] = std::move(diagnostics[i]);
    ++kept;
  }
  diagnostics.erase(diagnostics.begin() + static_cast<std::ptrdiff_t>(kept), diagnostics.end());
}

}  // namespace mast
