#include <catch2/catch.hpp>

#include <mutex>
#include <thread>

#include "lsp/server/server.h"

using namespace mast::lsp;

namespace {

struct Recorder {
  std::mutex mutex;
  std::vector<PublishDiagnosticsParams> published;
  Server::PublishFn Fn() {
    return [this](const PublishDiagnosticsParams& p) {
      std::lock_guard<std::mutex> lock(mutex);
      published.push_back(p);
    };
  }
  std::vector<int64_t> Versions(const std::string& uri) {
    std::lock_guard<std::mutex> lock(mutex);
    std::vector<int64_t> out;
    for (const auto& p : published) {
      if (p.uri == uri && p.version) out.push_back(*p.version);
    }
    return out;
  }
};

TextDocumentItem Item(const std::string& uri, int64_t version, const std::string& text) {
  return TextDocumentItem{uri, "mast", version, text};
}

}  // namespace

TEST_CASE("edits within the debounce delay are analysed once, at the latest version", "[server]") {
  Recorder recorder;
  ServerOptions options;
  options.scheduler.fixed_debounce = std::chrono::milliseconds(200);
  Server server(options, recorder.Fn());
  server.Initialize({});
  const std::string uri = "file:///tmp/mast-lsp-unit/a.mast";
  server.DidOpen(Item(uri, 1, "let a = 1"));
  server.DidChange(uri, 2, {ContentChange{std::nullopt, "let a = 1 +"}});
  server.DidChange(uri, 3, {ContentChange{std::nullopt, "let a = \"x\" + 1"}});
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  server.WaitIdle();
  CHECK(recorder.Versions(uri) == std::vector<int64_t>{3});
  std::lock_guard<std::mutex> lock(recorder.mutex);
  REQUIRE(recorder.published.back().diagnostics.size() == 1);
  CHECK(recorder.published.back().diagnostics[0].code == "E0307");
}

TEST_CASE("a result that became stale while it was computed is dropped", "[server]") {
  Recorder recorder;
  ServerOptions options;
  options.scheduler.fixed_debounce = std::chrono::milliseconds(0);
  Server server(options, recorder.Fn());
  server.Initialize({});
  const std::string uri = "file:///tmp/mast-lsp-unit/b.mast";
  server.DidOpen(Item(uri, 1, "let a = 1"));
  for (int version = 2; version <= 40; ++version) {
    server.DidChange(uri, version, {ContentChange{std::nullopt, "let a = " + std::to_string(version)}});
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  server.WaitIdle();
  std::vector<int64_t> versions = recorder.Versions(uri);
  REQUIRE(!versions.empty());
  CHECK(versions.back() == 40);
  // Published versions only go up.
  CHECK(std::is_sorted(versions.begin(), versions.end()));
}
