#include "lsp/analysis/policy_pool.h"

#include "schemas/kube_catalog.h"

namespace mast::lsp {

PolicyPool::Lease::~Lease() {
  if (pool_ && engine_) pool_->Release(Entry{std::move(settings_), std::move(sources_), std::move(engine_)});
}

PolicyPool::Lease PolicyPool::Acquire(const std::shared_ptr<const AnalysisSettings>& settings) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = idle_.rbegin(); it != idle_.rend(); ++it) {
      if (it->settings == settings) {
        Entry entry = std::move(*it);
        idle_.erase(std::next(it).base());
        return Lease(this, std::move(entry.settings), std::move(entry.sources), std::move(entry.engine));
      }
    }
  }
  auto sources = std::make_unique<SourceManager>();
  DiagnosticSink sink;  // problems in policy files show when those files are open
  std::unique_ptr<PolicyEngine> engine =
      PolicyEngine::Load(*sources, settings->policies,
                         settings->catalog != nullptr ? settings->catalog : &KubeCatalog::Embedded(), sink);
  return Lease(this, settings, std::move(sources), std::move(engine));
}

void PolicyPool::Release(Entry entry) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Engines for settings that are no longer current are not worth keeping.
  idle_.push_back(std::move(entry));
  if (idle_.size() > kMaxIdle) idle_.erase(idle_.begin());
}

}  // namespace mast::lsp
