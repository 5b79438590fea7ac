#include "policies/rule_findings.h"

#include <algorithm>
#include <tuple>

#include "compiler/eval/explain_origin.h"
#include "policies/engine.h"

namespace mast {

void RuleFindings::Add(uint32_t rule, SourceRange range, std::string message, ProvenanceId calls) {
  constexpr size_t kBlock = 2048;
  if (blocks_.empty() || blocks_.back().size() == kBlock) blocks_.emplace_back().reserve(kBlock);
  blocks_.back().push_back({range, rule, calls, std::move(message)});
  ++size_;
}

void RuleFindings::Append(RuleFindings&& other) {
  for (std::vector<Finding>& block : other.blocks_) blocks_.push_back(std::move(block));
  size_ += other.size_;
  other.blocks_.clear();
  other.size_ = 0;
}

namespace {

// Makes findings diagnostics, with what every finding of a rule shares made
// once per rule.
class FindingMaker {
 public:
  FindingMaker(const std::vector<RuleInfo>& rules, const ProvenanceTable* provenance)
      : rules_(rules), provenance_(provenance), ids_(rules.size()), notes_(rules.size()), made_(rules.size(), false) {}

  void MoveTo(RuleFindings::Finding& finding, std::vector<Diagnostic>& out) {
    const RuleInfo& rule = rules_[finding.rule];
    if (!made_[finding.rule]) {
      ids_[finding.rule] = RuleId(rule.definition.id);
      if (!rule.definition.remediation.empty()) notes_[finding.rule] = Notes{"fix: " + rule.definition.remediation};
      made_[finding.rule] = true;
    }
    Diagnostic& d = out.emplace_back();
    d.code = DiagnosticCode::W1001;
    d.severity = rule.severity;
    d.range = finding.range;
    d.message = std::move(finding.message);
    d.rule = ids_[finding.rule];
    d.notes = notes_[finding.rule];
    if (provenance_ != nullptr && finding.calls != kNoProvenance) AddCallSites(d, *provenance_, finding.calls, d.range);
  }

 private:
  const std::vector<RuleInfo>& rules_;
  const ProvenanceTable* provenance_;
  std::vector<RuleId> ids_;
  std::vector<Notes> notes_;
  std::vector<bool> made_;
};

}  // namespace

void RuleFindings::MoveTo(std::vector<Diagnostic>& out, const std::vector<RuleInfo>& rules,
                          const ProvenanceTable* provenance) {
  FindingMaker maker(rules, provenance);
  out.reserve(out.size() + size_);  // nothing to do if the caller reserved for more
  for (std::vector<Finding>& block : blocks_) {
    for (Finding& finding : block) maker.MoveTo(finding, out);
    std::vector<Finding>().swap(block);
  }
  blocks_.clear();
  size_ = 0;
}

void RuleFindings::MoveSorted(std::vector<RuleFindings*> parts, std::vector<Diagnostic>& out,
                              const std::vector<RuleInfo>& rules, const ProvenanceTable* provenance) {
  // Every finding, in order, and where each run in report order starts.
  std::vector<Finding*> all;
  size_t total = 0;
  for (const RuleFindings* part : parts) total += part->size_;
  all.reserve(total);
  std::vector<size_t> starts;
  auto before = [&](const Finding* a, const Finding* b) { return InReportOrder(*a, *b, rules); };
  for (RuleFindings* part : parts) {
    for (std::vector<Finding>& block : part->blocks_) {
      for (Finding& finding : block) {
        if (all.empty() || before(&finding, all.back())) starts.push_back(all.size());
        all.push_back(&finding);
      }
    }
  }
  constexpr size_t kMaxRuns = 64;
  if (starts.size() > kMaxRuns) {
    for (RuleFindings* part : parts) part->MoveTo(out, rules, provenance);
    return;
  }
  // Merged, run by run: the least head first, the earlier run's on a tie
  // (a stable merge, as the sort of the diagnostics would be).
  struct Head {
    size_t at;
    size_t end;
    size_t run;
  };
  std::vector<Head> heads;
  for (size_t r = 0; r < starts.size(); ++r) heads.push_back({starts[r], r + 1 < starts.size() ? starts[r + 1] : all.size(), r});
  auto later = [&](const Head& a, const Head& b) {
    if (before(all[b.at], all[a.at])) return true;
    if (before(all[a.at], all[b.at])) return false;
    return a.run > b.run;
  };
  std::make_heap(heads.begin(), heads.end(), later);
  FindingMaker maker(rules, provenance);
  out.reserve(out.size() + total);
  while (!heads.empty()) {
    std::pop_heap(heads.begin(), heads.end(), later);
    Head& head = heads.back();
    maker.MoveTo(*all[head.at], out);
    if (++head.at == head.end) heads.pop_back();
    else std::push_heap(heads.begin(), heads.end(), later);
  }
  for (RuleFindings* part : parts) {
    part->blocks_.clear();
    part->size_ = 0;
  }
}

bool RuleFindings::InReportOrder(const Finding& a, const Finding& b, const std::vector<RuleInfo>& rules) {
  const auto place = [](const Finding& f) { return std::make_tuple(f.range.file, f.range.begin, f.range.end); };
  if (place(a) != place(b)) return place(a) < place(b);
  if (a.message != b.message) return a.message < b.message;
  return rules[a.rule].definition.id < rules[b.rule].definition.id;
}

}  // namespace mast
