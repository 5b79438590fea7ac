// Loaded policy engines, kept for reuse. Loading the built-in policies parses
// and checks a few thousand lines of Mast (~100 ms); an editor re-lints on
// every change, so analyses borrow an engine loaded for their settings and
// give it back. An engine is used by one analysis at a time (it evaluates
// with state); the pool grows to the number of concurrent analyses.
//
// A borrowed engine lives in its own SourceManager: its findings point at
// the linted objects' origins (the analysis's files), but errors inside
// policy code point at the engine's files, so the analysis keeps only
// findings (W1001) and problems about the objects (W1003/W1004 on
// annotations) from it.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "lsp/analysis/analyze.h"
#include "policies/engine.h"

namespace mast::lsp {

class PolicyPool {
 public:
  class Lease {
   public:
    Lease(PolicyPool* pool, std::shared_ptr<const AnalysisSettings> settings, std::unique_ptr<SourceManager> sources,
          std::unique_ptr<PolicyEngine> engine)
        : pool_(pool), settings_(std::move(settings)), sources_(std::move(sources)), engine_(std::move(engine)) {}
    Lease(Lease&&) = default;
    ~Lease();
    PolicyEngine& engine() { return *engine_; }

   private:
    PolicyPool* pool_;
    std::shared_ptr<const AnalysisSettings> settings_;
    std::unique_ptr<SourceManager> sources_;
    std::unique_ptr<PolicyEngine> engine_;
  };

  // An engine configured with `settings->policies` (loaded if none is free).
  Lease Acquire(const std::shared_ptr<const AnalysisSettings>& settings);

 private:
  struct Entry {
    std::shared_ptr<const AnalysisSettings> settings;
    std::unique_ptr<SourceManager> sources;
    std::unique_ptr<PolicyEngine> engine;
  };
  void Release(Entry entry);

  static constexpr size_t kMaxIdle = 4;
  std::mutex mutex_;
  std::vector<Entry> idle_;  // most recently released last
};

}  // namespace mast::lsp
