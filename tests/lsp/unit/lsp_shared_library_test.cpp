// A library that two open programs import: each program's analysis finds
// the same findings in it (what the library builds), and the library's
// publication shows each of them once, whether the library is open or not.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <unistd.h>

#include "lsp/server/server.h"

namespace mast::lsp {
namespace {

namespace fs = std::filesystem;

constexpr const char* kLibrary = R"(import "k8s/core/v1" as core
fn pod(namespace: string): core.Pod = {
  metadata: { name: "worker", namespace: namespace, labels: { "app.kubernetes.io/name": "worker" } }
  spec: { containers: [{ name: "worker", image: "registry.example.com/worker:latest" }] }
}
)";

std::string Importer(const std::string& namespace_name) {
  return "import \"lib.mast\" as lib\nemit lib.pod(\"" + namespace_name + "\")\n";
}

struct Published {
  std::mutex mutex;
  std::map<std::string, std::vector<Diagnostic>> last;  // by uri
  Server::PublishFn Fn() {
    return [this](const PublishDiagnosticsParams& p) {
      std::lock_guard<std::mutex> lock(mutex);
      last[p.uri] = p.diagnostics;
    };
  }
  std::vector<Diagnostic> Of(const std::string& uri) {
    std::lock_guard<std::mutex> lock(mutex);
    return last[uri];
  }
};

// "code line:character" of each diagnostic, to count repeats.
std::multiset<std::string> Keys(const std::vector<Diagnostic>& diagnostics) {
  std::multiset<std::string> keys;
  for (const Diagnostic& d : diagnostics) {
    keys.insert(d.code + " " + std::to_string(d.range.start.line) + ":" + std::to_string(d.range.start.character));
  }
  return keys;
}

void CheckOnce(const std::vector<Diagnostic>& diagnostics) {
  std::multiset<std::string> keys = Keys(diagnostics);
  std::string all;
  for (const std::string& key : keys) all += key + "\n";
  INFO(all);
  CHECK(keys.count("image-latest-tag 3:41") == 1);
  for (const std::string& key : keys) CHECK(keys.count(key) == 1);
}

TEST_CASE("a library two open programs import shows each finding once", "[server]") {
  const fs::path dir = fs::temp_directory_path() / ("mast-lsp-shared-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "lib.mast") << kLibrary;
  const std::string lib_uri = "file://" + (dir / "lib.mast").string();
  Published published;
  ServerOptions options;
  options.scheduler.fixed_debounce = std::chrono::milliseconds(0);
  Server server(options, published.Fn());
  server.Initialize({dir.string()});
  server.DidOpen(TextDocumentItem{"file://" + (dir / "a.mast").string(), "mast", 1, Importer("team-a")});
  server.DidOpen(TextDocumentItem{"file://" + (dir / "b.mast").string(), "mast", 1, Importer("team-b")});
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  server.WaitIdle();
  SECTION("the library is not open") { CheckOnce(published.Of(lib_uri)); }
  SECTION("the library is open too") {
    server.DidOpen(TextDocumentItem{lib_uri, "mast", 1, kLibrary});
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    server.WaitIdle();
    CheckOnce(published.Of(lib_uri));
  }
  std::error_code ignored;
  fs::remove_all(dir, ignored);
}

}  // namespace
}  // namespace mast::lsp
