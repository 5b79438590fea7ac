// A scripted session of random edits against a live `mast lsp`: 10,000
// incremental changes (inserting brackets, quotes, keywords, line breaks and
// non-ASCII text, deleting spans, so the file is broken mid-token most of the
// time) to a Mast file and a Kubernetes YAML file, with feature requests at
// random positions in between, and a full analysis every 20 edits (the
// client waits for the diagnostics of that version). The server must answer every request, publish
// diagnostics for the final versions, exit cleanly, and keep its memory
// stable (resident size after the first 2,000 edits vs. at the end).
//
// Usage: lsp_random_edits SERVER [--edits N] [--seed S] [--max-growth-mb M]
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>

#include "lsp/server/documents.h"
#include "lsp_client.h"

using mast::lsp::ContentChange;
using mast::lsp::Json;
using mast::lsp::testing::LspClient;

namespace {

constexpr const char* kMast = R"(import "k8s/apps/v1" as apps
import "k8s/core/v1" as core

type Port = int(1..65535)
/// A stateless service.
schema WebApp {
  name: string
  image: string
  tier: "web" | "worker" = "web"
  replicas: int(1..50) = 2
  port: Port = 8080
  env: {string: string} = {}
  check replicas >= 2 || tier != "web" : "a web tier needs at least 2 replicas"
}

fn labels(app: WebApp): {string: string} = { "app.kubernetes.io/name": app.name }

fn deployment(app: WebApp): apps.Deployment = {
  metadata: { name: app.name, labels: labels(app) }
  spec: {
    replicas: app.replicas
    selector: { matchLabels: labels(app) }
    template: {
      metadata: { labels: labels(app) }
      spec: {
        containers: [{
          name: app.name
          image: app.image
          ports: [{ name: "http", containerPort: app.port }]
          env: [for k, v in app.env: { name: k, value: v }]
        }]
      }
    }
  }
}

let web = WebApp { name: "web", image: "nginx:1.27.2", replicas: 3 }
emit deployment(web)
emit core.Service { metadata: { name: "web" }, spec: { selector: labels(web), ports: [{ port: 80 }] } }
)";

constexpr const char* kYaml = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: { app.kubernetes.io/name: web }
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: web
        image: nginx:1.27.2
        ports:
        - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: 8080 }]
)";

const std::vector<std::string> kSnippets = {
    "{", "}", "[", "]", "(", ")", "\"", ":", ",", ".", "\n", "  ", "let ", "fn ", "emit ", "schema ", "if ", "for ",
    "in ", "with ", "apps.", "web.", "app.", "x", "replicas", "name: ", "\"web\"", "42", "-", "- name: a\n", "é",
    "😀", "\"é😀\"", "${", "//", "/*", "\"\"\"", "true", "null", "??", "|", "---\n", "apiVersion: v1\n", "kind: Pod\n",
    "  image: ", "#", "\t", "'", "&a", "*a", "<<: *a\n",
};

struct Document {
  std::string uri;
  std::string text;
  int64_t version = 1;
  int64_t seen_version = 0;  // the last version whose diagnostics arrived
};

// Position of byte `offset` in UTF-16 units (what the client sends).
Json PositionOf(const std::string& text, size_t offset) {
  uint32_t line = 0;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  uint32_t units = 0;
  for (size_t i = line_start; i < offset && i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;
    units += c >= 0xF0 ? 2 : 1;
  }
  return Json{{"line", line}, {"character", units}};
}

// A random offset on a character boundary.
size_t RandomOffset(std::mt19937& rng, const std::string& text) {
  if (text.empty()) return 0;
  size_t offset = std::uniform_int_distribution<size_t>(0, text.size())(rng);
  while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) ++offset;
  return offset;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: lsp_random_edits SERVER [--edits N] [--seed S] [--max-growth-mb M]\n";
    return 2;
  }
  int edits = 10000;
  unsigned seed = 20261122;
  long max_growth_mb = 64;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--edits") edits = std::atoi(argv[i + 1]);
    else if (flag == "--seed") seed = static_cast<unsigned>(std::strtoul(argv[i + 1], nullptr, 10));
    else if (flag == "--max-growth-mb") max_growth_mb = std::atol(argv[i + 1]);
  }
  std::cout << "seed " << seed << ", " << edits << " edits\n";
  std::mt19937 rng(seed);
  LspClient client({argv[1], "lsp"});
  const auto timeout = std::chrono::milliseconds(60000);
  auto fail = [&](const std::string& message) {
    std::cerr << "FAIL: " << message << " (seed " << seed << ")\n";
    return 1;
  };

  int64_t id = client.Request("initialize", Json{{"rootUri", "file:///tmp/mast-random-edits"}, {"capabilities", Json::object()}});
  if (!client.WaitForResponse(id, timeout)) return fail("no reply to initialize");
  client.Notify("initialized", Json::object());
  std::vector<Document> documents = {{"file:///tmp/mast-random-edits/app.mast", kMast},
                                     {"file:///tmp/mast-random-edits/deploy.yaml", kYaml}};
  for (const Document& d : documents) {
    client.Notify("textDocument/didOpen",
                  Json{{"textDocument", Json{{"uri", d.uri}, {"languageId", d.uri.ends_with(".yaml") ? "yaml" : "mast"},
                                             {"version", d.version}, {"text", d.text}}}});
  }
  const std::vector<std::string> requests = {"textDocument/hover",          "textDocument/completion",
                                             "textDocument/definition",     "textDocument/references",
                                             "textDocument/documentSymbol", "textDocument/semanticTokens/full",
                                             "textDocument/codeAction",     "textDocument/inlayHint",
                                             "textDocument/formatting",     "textDocument/prepareRename"};
  long rss_after_warmup = -1;
  for (int n = 0; n < edits; ++n) {
    Document& d = documents[std::uniform_int_distribution<int>(0, 9)(rng) < 8 ? 0 : 1];
    ContentChange change;
    size_t begin = RandomOffset(rng, d.text);
    size_t end = begin;
    int kind = std::uniform_int_distribution<int>(0, 9)(rng);
    if (kind < 5) {
      change.text = kSnippets[std::uniform_int_distribution<size_t>(0, kSnippets.size() - 1)(rng)];
    } else if (kind < 9) {
      end = std::min(d.text.size(), begin + std::uniform_int_distribution<size_t>(1, 12)(rng));
      while (end < d.text.size() && (static_cast<unsigned char>(d.text[end]) & 0xC0) == 0x80) ++end;
      if (kind == 8) change.text = kSnippets[std::uniform_int_distribution<size_t>(0, kSnippets.size() - 1)(rng)];
    } else {
      // Occasionally a whole-document replacement (back to a valid file).
      change.text = d.uri.ends_with(".yaml") ? kYaml : kMast;
    }
    Json change_json{{"text", change.text}};
    if (kind < 9) {
      Json start = PositionOf(d.text, begin);
      Json stop = PositionOf(d.text, end);
      change_json["range"] = Json{{"start", start}, {"end", stop}};
      change.range = mast::lsp::Range{{start["line"].get<uint32_t>(), start["character"].get<uint32_t>()},
                                      {stop["line"].get<uint32_t>(), stop["character"].get<uint32_t>()}};
    }
    mast::lsp::ApplyChange(d.text, change);
    // Keep the documents from growing without bound.
    if (d.text.size() > 20000) {
      d.text = d.uri.ends_with(".yaml") ? kYaml : kMast;
      change_json = Json{{"text", d.text}};
    }
    ++d.version;
    client.Notify("textDocument/didChange", Json{{"textDocument", Json{{"uri", d.uri}, {"version", d.version}}},
                                                 {"contentChanges", Json::array({change_json})}});
    if (n % 50 == 49) {
      const std::string& method = requests[std::uniform_int_distribution<size_t>(0, requests.size() - 1)(rng)];
      Json position = PositionOf(d.text, RandomOffset(rng, d.text));
      Json params{{"textDocument", Json{{"uri", d.uri}}}, {"position", position}};
      if (method == "textDocument/references") params["context"] = Json{{"includeDeclaration", true}};
      if (method == "textDocument/codeAction" || method == "textDocument/inlayHint") {
        params["range"] = Json{{"start", position}, {"end", position}};
        params["context"] = Json{{"diagnostics", Json::array()}};
      }
      if (method == "textDocument/formatting") params["options"] = Json{{"tabSize", 2}, {"insertSpaces", true}};
      int64_t request = client.Request(method, params);
      std::optional<Json> reply = client.WaitForResponse(request, timeout);
      if (!reply) return fail("no reply to " + method + " after edit " + std::to_string(n));
      if (const Json* error = mast::lsp::Member(*reply, "error")) {
        int code = error->value("code", 0);
        if (code == -32603) return fail(method + " failed internally: " + reply->dump());
      }
    }
    if (n % 20 == 19) {
      // Let the analysis of this (usually broken) version run to the end.
      std::optional<Json> published = client.WaitFor(
          [&](const Json& m) {
            return m.value("method", "") == "textDocument/publishDiagnostics" &&
                   m["params"].value("uri", "") == d.uri && m["params"].value("version", int64_t{-1}) == d.version;
          },
          timeout);
      if (published) d.seen_version = d.version;
      if (!published) {
        std::ofstream("/tmp/lsp-random-edits-failure.txt", std::ios::binary) << d.text;
        return fail("no diagnostics for version " + std::to_string(d.version) + " of " + d.uri +
                    " (text in /tmp/lsp-random-edits-failure.txt)");
      }
      // Older versions' diagnostics are of no more interest.
      client.Discard([&](const Json& m) {
        if (m.value("method", "") != "textDocument/publishDiagnostics") return false;
        for (const Document& other : documents) {
          if (m["params"].value("uri", "") == other.uri && m["params"].value("version", int64_t{-1}) == other.version) {
            return false;
          }
        }
        return true;
      });
    }
    if (n == 1999) rss_after_warmup = client.ResidentKb();
    if (n % 1000 == 999) std::cout << "edit " << n + 1 << ": rss " << client.ResidentKb() / 1024 << " MB\n";
  }
  // The final version of each document gets its diagnostics.
  for (const Document& d : documents) {
    if (d.seen_version == d.version) continue;
    std::optional<Json> published = client.WaitFor(
        [&](const Json& m) {
          if (m.value("method", "") != "textDocument/publishDiagnostics") return false;
          const Json& params = m["params"];
          return params.value("uri", "") == d.uri && params.value("version", int64_t{-1}) == d.version;
        },
        timeout);
    if (!published) return fail("no diagnostics for the final version of " + d.uri);
  }
  long rss_end = client.ResidentKb();
  std::cout << "rss after 2000 edits: " << rss_after_warmup / 1024 << " MB, at the end: " << rss_end / 1024 << " MB\n";
  id = client.Request("shutdown", nullptr);
  if (!client.WaitForResponse(id, timeout)) return fail("no reply to shutdown");
  client.Notify("exit", nullptr);
  int status = client.Finish(timeout);
  if (status != 0) return fail("server exited with status " + std::to_string(status));
  if (rss_after_warmup > 0 && rss_end - rss_after_warmup > max_growth_mb * 1024) {
    return fail("memory grew by " + std::to_string((rss_end - rss_after_warmup) / 1024) + " MB");
  }
  std::cout << "ok\n";
  return 0;
}
