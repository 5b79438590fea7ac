#include "policies/baseline.h"

#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "compiler/base/file_io.h"

namespace mast {
namespace {

using Fingerprint = std::tuple<std::string, std::string, std::string, std::string>;  // id, file, message, line

std::string Trimmed(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(" \t\r");
  return std::string(text.substr(begin, end - begin + 1));
}

Fingerprint FingerprintOf(const Diagnostic& d, const SourceManager& sources) {
  std::string file;
  std::string line;
  if (d.range.IsValid() && sources.Has(d.range.file)) {
    const SourceFile& source = sources.Get(d.range.file);
    file = source.path();
    line = Trimmed(source.LineText(source.ToLineColumn(d.range.begin).line));
  }
  return {std::string(d.id()), file, d.message, line};
}

}  // namespace

std::string WriteBaseline(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources) {
  std::vector<Fingerprint> prints;
  for (const Diagnostic& d : diagnostics) prints.push_back(FingerprintOf(d, sources));
  std::sort(prints.begin(), prints.end());
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const auto& [id, file, message, line] : prints) {
    findings.push_back({{"id", id}, {"file", file}, {"message", message}, {"line", line}});
  }
  nlohmann::ordered_json root = {{"version", 1}, {"findings", findings}};
  return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

BaselineResult ApplyBaseline(const std::string& path, std::vector<Diagnostic>& diagnostics, const SourceManager& sources) {
  BaselineResult result;
  std::string text;
  if (!ReadFileToString(path, &text, &result.error, 64u << 20)) return result;
  std::map<Fingerprint, size_t> remaining;
  try {
    nlohmann::json root = nlohmann::json::parse(text);
    if (!root.is_object() || root.value("version", 0) != 1 || !root.contains("findings") || !root["findings"].is_array()) {
      result.error = "not a mast baseline (expected {\"version\": 1, \"findings\": [...]})";
      return result;
    }
    for (const nlohmann::json& finding : root["findings"]) {
      ++remaining[{finding.value("id", ""), finding.value("file", ""), finding.value("message", ""),
                   finding.value("line", "")}];
    }
  } catch (const nlohmann::json::exception& error) {
    result.error = std::string("invalid JSON: ") + error.what();
    return result;
  }
  std::vector<Diagnostic> kept;
  for (Diagnostic& d : diagnostics) {
    auto it = remaining.find(FingerprintOf(d, sources));
    if (it != remaining.end() && it->second > 0) {
      --it->second;
      ++result.matched;
      continue;
    }
    kept.push_back(std::move(d));
  }
  diagnostics = std::move(kept);
  result.ok = true;
  return result;
}

}  // namespace mast
