// The findings of policy rules as a lint collects them, compact: a finding
// is its rule's number in the engine (whose id, severity and fix note all
// of the rule's findings share), its place and its message, 56 bytes. As a
// Diagnostic it takes 104, and a run holds hundreds of thousands of
// findings until they are sorted; they become diagnostics then, once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/base/provenance.h"
#include "compiler/diagnostics/diagnostic.h"

namespace mast {

struct RuleInfo;

class RuleFindings {
 public:
  struct Finding {
    SourceRange range;
    uint32_t rule = 0;  // into the engine's rules()
    ProvenanceId calls = kNoProvenance;  // the calls that made the value, in a compiled program
    std::string message;
  };

  void Add(uint32_t rule, SourceRange range, std::string message, ProvenanceId calls = kNoProvenance);
  // Appends the findings of `other`, emptying it.
  void Append(RuleFindings&& other);
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // Appends them to `out` as diagnostics (W1001 with the rule's id,
  // severity and `fix:` note), in order, and empties this. `rules`: the
  // engine's rules(). With `provenance` (the run's table), a finding on a
  // value that a function of a compiled program made gets a label at each
  // call that led there, as the compiler's own findings do.
  void MoveTo(std::vector<Diagnostic>& out, const std::vector<RuleInfo>& rules,
              const ProvenanceTable* provenance = nullptr);

  // Appends the findings of all `parts` to `out` as MoveTo does, in report
  // order (ReportOrder): the parts are runs in order, or a few of them
  // (each thread's findings), which are merged as they become diagnostics,
  // so that sorting the run's findings later needs no second array of
  // them. More runs than that are appended as they are. Empties the parts.
  static void MoveSorted(std::vector<RuleFindings*> parts, std::vector<Diagnostic>& out,
                         const std::vector<RuleInfo>& rules, const ProvenanceTable* provenance = nullptr);

  // The order of a report (ReportOrder) among findings of the same object.
  static bool InReportOrder(const Finding& a, const Finding& b, const std::vector<RuleInfo>& rules);

 private:
  // Blocks of a fixed size: growing never moves the findings already here.
  std::vector<std::vector<Finding>> blocks_;
  size_t size_ = 0;
};

}  // namespace mast
