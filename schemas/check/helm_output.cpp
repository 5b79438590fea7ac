#include "schemas/check/helm_output.h"

namespace mast {

namespace {

constexpr std::string_view kSourceComment = "# Source: ";

bool IsDocumentStart(std::string_view line) {
  return line.substr(0, 3) == "---" && (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r');
}

}  // namespace

std::vector<SourceFile::RenderedPart> FindHelmSources(std::string_view text) {
  if (text.find(kSourceComment) == std::string_view::npos) return {};
  std::vector<SourceFile::RenderedPart> parts{{0, ""}};
  bool found = false;
  for (size_t begin = 0; begin < text.size();) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(begin, end - begin);
    if (IsDocumentStart(line)) {
      if (begin == 0) parts.clear();  // the first document's own `---`
      parts.push_back({static_cast<uint32_t>(begin), ""});
    } else if (line.substr(0, kSourceComment.size()) == kSourceComment && parts.back().source.empty()) {
      std::string_view source = line.substr(kSourceComment.size());
      while (!source.empty() && (source.back() == '\r' || source.back() == ' ')) source.remove_suffix(1);
      parts.back().source = std::string(source);
      found = found || !source.empty();
    }
    begin = end + 1;
  }
  if (!found) return {};
  return parts;
}

}  // namespace mast
