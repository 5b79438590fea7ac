#include <nlohmann/json.hpp>

#include "compiler/diagnostics/render.h"

namespace mast {
namespace {

nlohmann::ordered_json Position(const SourceManager& sources, SourceRange range) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  if (!range.IsValid() || !sources.Has(range.file)) return out;
  const SourceFile& file = sources.Get(range.file);
  LineColumn begin = file.ToLineColumn(range.begin);
  LineColumn end = file.ToLineColumn(range.end);
  out["file"] = file.path();
  out["line"] = begin.line;
  out["column"] = begin.column;
  out["endLine"] = end.line;
  out["endColumn"] = end.column;
  // helm template output: the template the rendered text came from.
  if (const std::string* template_path = file.RenderedFrom(range.begin)) out["renderedFrom"] = *template_path;
  return out;
}

}  // namespace

std::string RenderJson(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diagnostics) {
    nlohmann::ordered_json item;
    item["code"] = d.id();
    item["severity"] = SeverityName(d.severity);
    item["message"] = d.message;
    item.update(Position(sources, d.range));
    nlohmann::ordered_json labels = nlohmann::ordered_json::array();
    for (const Label& label : d.labels) {
      nlohmann::ordered_json entry = Position(sources, label.range);
      entry["message"] = label.message;
      labels.push_back(std::move(entry));
    }
    item["labels"] = std::move(labels);
    item["notes"] = d.notes.strings();
    if (d.fix) {
      nlohmann::ordered_json edits = nlohmann::ordered_json::array();
      for (const TextEdit& edit : d.fix->edits) {
        nlohmann::ordered_json entry = Position(sources, edit.range);
        entry["replacement"] = edit.replacement;
        edits.push_back(std::move(entry));
      }
      item["fix"] = {{"title", d.fix->title}, {"edits", std::move(edits)}};
    }
    out.push_back(std::move(item));
  }
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace mast
