#include "cli/import_comments.h"

#include <algorithm>

namespace mast::cli {

namespace {

// Whether only spaces and sequence dashes stand in [line_start, at).
bool OnlyIndentBefore(std::string_view text, uint32_t line_start, uint32_t at) {
  for (uint32_t i = line_start; i < at; ++i) {
    if (text[i] != ' ' && text[i] != '-' && text[i] != '\t') return false;
  }
  return true;
}

uint32_t LineStart(std::string_view text, uint32_t at) {
  while (at > 0 && text[at - 1] != '\n') --at;
  return at;
}

}  // namespace

std::vector<std::string> YamlComments::Above(SourceRange key) {
  if (!key.IsValid() || !sources_.Has(key.file)) return {};
  std::string_view text = sources_.Get(key.file).text();
  if (key.begin > text.size()) return {};
  uint32_t line = LineStart(text, key.begin);
  if (!OnlyIndentBefore(text, line, key.begin)) return {};
  std::vector<std::string> lines;
  while (line > 0) {
    uint32_t previous = LineStart(text, line - 1);
    std::string_view content = text.substr(previous, line - 1 - previous);
    size_t hash = content.find_first_not_of(" \t");
    if (hash == std::string_view::npos || content[hash] != '#') break;
    const uint32_t at = previous + static_cast<uint32_t>(hash);
    if (used_.count({key.file, at})) break;
    used_.insert({key.file, at});
    std::string comment(content.substr(hash + 1));
    while (!comment.empty() && (comment.back() == '\r' || comment.back() == ' ')) comment.pop_back();
    lines.push_back(std::move(comment));
    line = previous;
  }
  std::reverse(lines.begin(), lines.end());
  return lines;
}

std::string YamlComments::Trailing(SourceRange value) {
  if (!value.IsValid() || !sources_.Has(value.file)) return "";
  std::string_view text = sources_.Get(value.file).text();
  uint32_t at = value.end;
  if (at > text.size()) return "";
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  if (at >= text.size() || text[at] != '#' || at == value.end || used_.count({value.file, at})) return "";
  used_.insert({value.file, at});
  size_t end = text.find('\n', at);
  std::string comment(text.substr(at + 1, end == std::string_view::npos ? std::string_view::npos : end - at - 1));
  while (!comment.empty() && (comment.back() == '\r' || comment.back() == ' ')) comment.pop_back();
  return comment;
}

MastWriteHooks YamlComments::Hooks() {
  return MastWriteHooks{[this](SourceRange key) { return Above(key); },
                      [this](SourceRange value) { return Trailing(value); }};
}

}  // namespace mast::cli
