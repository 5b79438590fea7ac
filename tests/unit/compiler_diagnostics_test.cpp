// SortDiagnostics: the order depends only on the diagnostics, not on the
// order they were found in, and sorting on two threads changes nothing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>

#include "compiler/diagnostics/diagnostic.h"

using namespace mast;

namespace {

std::vector<Diagnostic> ManyFindings() {
  std::vector<Diagnostic> out;
  for (uint32_t i = 0; i < 20000; ++i) {
    Diagnostic d;
    d.code = i % 7 == 0 ? DiagnosticCode::E0301 : DiagnosticCode::W1001;
    d.range = SourceRange{i % 3, (i * 7919) % 5000, (i * 7919) % 5000 + 4};
    // Ties on place and code, broken by message, then by rule.
    d.message = "finding " + std::to_string(i % 11);
    d.rule = "rule-" + std::to_string(i % 5);
    out.push_back(d);
  }
  for (size_t i = 0; i < 20000; i += 10) out.push_back(out[i]);  // 2,000 exact duplicates
  return out;
}

std::vector<std::string> Signature(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics) {
    out.push_back(std::to_string(d.range.file) + ":" + std::to_string(d.range.begin) + " " + d.message + " " + d.rule);
  }
  return out;
}

}  // namespace

TEST_CASE("sorted findings do not depend on the order they came in or the threads", "[diagnostics][sort]") {
  std::vector<Diagnostic> one = ManyFindings();
  SortDiagnostics(one, 1);
  REQUIRE(one.size() == 20000);  // exact duplicates (same place, code, message and rule) are dropped
  REQUIRE(std::is_sorted(one.begin(), one.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::make_tuple(a.range.file, a.range.begin) < std::make_tuple(b.range.file, b.range.begin);
  }));
  std::vector<Diagnostic> shuffled = ManyFindings();
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(7));
  SortDiagnostics(shuffled, 2);
  CHECK(Signature(shuffled) == Signature(one));
}

TEST_CASE("a list of a few runs in order is merged into the same order a sort gives", "[diagnostics][sort]") {
  std::vector<Diagnostic> reference = ManyFindings();
  SortDiagnostics(reference, 1);
  // Three runs, each in report order (as the linter's threads add theirs),
  // with duplicates inside and across runs.
  std::vector<Diagnostic> all = ManyFindings();
  std::shuffle(all.begin(), all.end(), std::mt19937(11));
  std::vector<Diagnostic> runs;
  for (size_t run = 0; run < 3; ++run) {
    std::vector<Diagnostic> part;
    for (size_t i = run; i < all.size(); i += 3) part.push_back(all[i]);
    std::sort(part.begin(), part.end(), ReportOrder);
    runs.insert(runs.end(), part.begin(), part.end());
  }
  SortDiagnostics(runs, 2);
  CHECK(Signature(runs) == Signature(reference));
  // Already in order: nothing moves, duplicates still go.
  std::vector<Diagnostic> sorted = ManyFindings();
  std::sort(sorted.begin(), sorted.end(), ReportOrder);
  SortDiagnostics(sorted, 1);
  CHECK(Signature(sorted) == Signature(reference));
}
