#include "policies/suppressions.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>

namespace mast {
namespace {

// Where the next `mast:ignore` is, from `from` on. (memmem: std::string::find
// stops at every "m" of a manifest's "metadata" and "name".)
size_t FindText(const std::string& text, size_t from) {
  constexpr std::string_view kMarker = "mast:ignore";
  if (from >= text.size()) return std::string::npos;
  const void* at = memmem(text.data() + from, text.size() - from, kMarker.data(), kMarker.size());
  return at ? static_cast<size_t>(static_cast<const char*>(at) - text.data()) : std::string::npos;
}

std::string Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(" \t\r");
  return std::string(text.substr(begin, end - begin + 1));
}

std::set<std::string> SplitRules(std::string_view text) {
  std::set<std::string> rules;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string rule = Trim(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (!rule.empty()) rules.insert(rule);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return rules;
}

void ReadAnnotations(const Value* metadata, std::vector<AnnotationSuppression>& out) {
  const Value* annotations = metadata ? metadata->Find("annotations") : nullptr;
  const Value* value = annotations ? annotations->Find(kIgnoreAnnotation) : nullptr;
  if (!value || !value->IsString()) return;
  const std::string& text = value->AsString();
  size_t colon = text.find(':');
  AnnotationSuppression suppression;
  suppression.rules = SplitRules(std::string_view(text).substr(0, colon));
  suppression.reason = colon == std::string::npos ? ReasonKind::kMissing : ClassifyReason(std::string_view(text).substr(colon + 1));
  suppression.range = value->origin();
  out.push_back(std::move(suppression));
}

// A `mast:ignore` comment found in one line of source.
struct CommentSuppression {
  std::set<std::string> rules;
  ReasonKind reason = ReasonKind::kMissing;
  SourceRange range;
  bool whole_line = false;  // the line holds only the comment
  bool used = false;
};

std::optional<CommentSuppression> ParseComment(const SourceFile& file, FileId id, uint32_t line) {
  std::string_view text = file.LineText(line);
  size_t marker = text.find("mast:ignore");
  if (marker == std::string_view::npos) return std::nullopt;
  size_t comment = text.rfind('#', marker);
  size_t slashes = text.rfind("//", marker);
  size_t start = std::min(comment, slashes);
  if (start == std::string_view::npos) return std::nullopt;
  if (Trim(text.substr(start + (start == comment ? 1 : 2), marker - start - (start == comment ? 1 : 2))) != "") {
    return std::nullopt;  // "mast:ignore" must open the comment
  }
  CommentSuppression out;
  std::string_view rest = text.substr(marker + 11);
  size_t dashes = rest.find("--");
  out.rules = SplitRules(rest.substr(0, dashes));
  out.reason = dashes == std::string_view::npos ? ReasonKind::kMissing : ClassifyReason(rest.substr(dashes + 2));
  out.whole_line = Trim(text.substr(0, start)).empty();
  uint32_t begin = file.ToOffset(line, static_cast<uint32_t>(start + 1));
  out.range = {id, begin, begin + static_cast<uint32_t>(text.size() - start)};
  return out;
}

}  // namespace

ReasonKind ClassifyReason(std::string_view reason) {
  std::string text = Trim(reason);
  if (text.empty()) return ReasonKind::kMissing;
  if (text == kPlaceholderReason) return ReasonKind::kPlaceholder;
  while (!text.empty() && (text.back() == ':' || text.back() == '.')) text.pop_back();
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  for (std::string_view placeholder : {"todo", "tbd", "fixme", "xxx"}) {
    if (text == placeholder) return ReasonKind::kPlaceholder;
  }
  return ReasonKind::kGiven;
}

std::vector<AnnotationSuppression> ReadAnnotationSuppressions(const Value& object) {
  std::vector<AnnotationSuppression> out;
  ReadAnnotations(object.Find("metadata"), out);
  const Value* spec = object.Find("spec");
  const Value* pod_template = spec ? spec->Find("template") : nullptr;
  if (spec && !pod_template) {
    if (const Value* job = spec->Find("jobTemplate")) {
      if (const Value* job_spec = job->Find("spec")) pod_template = job_spec->Find("template");
    }
  }
  if (pod_template) ReadAnnotations(pod_template->Find("metadata"), out);
  return out;
}

SuppressionResult ApplyCommentSuppressions(std::vector<Diagnostic>& diagnostics, const SourceManager& sources,
                                           const std::function<bool(std::string_view)>& is_known) {
  SuppressionResult result;
  std::map<std::pair<FileId, uint32_t>, std::optional<CommentSuppression>> cache;
  // Per file: whether every `mast:ignore` in it is in the cache already (a
  // line missing from it has none, and need not be read again), and whether
  // it has any.
  enum class Scan : uint8_t { kNot, kWithComments, kWithoutComments };
  std::vector<Scan> scanned_files(sources.size(), Scan::kNot);
  auto scanned = [&](FileId file) { return file < scanned_files.size() && scanned_files[file] != Scan::kNot; };
  auto comment_at = [&](FileId file, uint32_t line) -> CommentSuppression* {
    if (line == 0) return nullptr;
    auto key = std::make_pair(file, line);
    auto it = cache.find(key);
    if (it == cache.end()) {
      if (scanned(file)) return nullptr;
      it = cache.emplace(key, ParseComment(sources.Get(file), file, line)).first;
    }
    return it->second ? &*it->second : nullptr;
  };
  // A placeholder is no reason: such a comment suppresses nothing.
  auto covers = [](const CommentSuppression* s, std::string_view id) {
    return s && s->reason != ReasonKind::kPlaceholder && s->rules.count(std::string(id)) > 0;
  };
  // Every `mast:ignore` comment is checked for a reason and known rules,
  // whether or not it suppresses anything in this run.
  std::set<std::string> scanned_paths;  // a file loaded twice (as input and as policy file) is scanned once
  for (size_t id = 0; id < sources.size(); ++id) {
    const SourceFile& file = sources.Get(static_cast<FileId>(id));
    if (file.path().rfind("<", 0) == 0 || file.path().rfind("builtin/", 0) == 0) continue;
    if (!scanned_paths.insert(file.path()).second) continue;
    bool found = false;
    for (size_t at = FindText(file.text(), 0); at != std::string::npos; at = FindText(file.text(), at + 1)) {
      comment_at(static_cast<FileId>(id), file.ToLineColumn(static_cast<uint32_t>(at)).line);
      found = true;
    }
    scanned_files[id] = found ? Scan::kWithComments : Scan::kWithoutComments;
  }
  // The kept diagnostics are moved down in place.
  size_t kept = 0;
  auto keep = [&](Diagnostic& d) {
    if (&diagnostics[kept] != &d) diagnostics[kept] = std::move(d);
    ++kept;
  };
  for (Diagnostic& d : diagnostics) {
    // Most findings are in files without a single `mast:ignore`.
    if (!d.range.IsValid() || d.range.file >= scanned_files.size() ||
        scanned_files[d.range.file] == Scan::kWithoutComments) {
      keep(d);
      continue;
    }
    if (!scanned(d.range.file) && sources.Get(d.range.file).path().rfind("<", 0) == 0) {
      keep(d);
      continue;
    }
    const SourceFile& file = sources.Get(d.range.file);
    uint32_t line = file.ToLineColumn(d.range.begin).line;
    CommentSuppression* same = comment_at(d.range.file, line);
    CommentSuppression* above = nullptr;
    for (uint32_t l = line - 1; l >= 1; --l) {  // a block of comment lines right above
      CommentSuppression* candidate = comment_at(d.range.file, l);
      if (!candidate || !candidate->whole_line) break;
      if (covers(candidate, d.id())) {
        above = candidate;
        break;
      }
    }
    CommentSuppression* match = covers(same, d.id()) ? same : above;
    if (match) {
      match->used = true;
      ++result.suppressed;
      continue;
    }
    keep(d);
  }
  diagnostics.erase(diagnostics.begin() + static_cast<std::ptrdiff_t>(kept), diagnostics.end());
  for (auto& [key, suppression] : cache) {
    if (!suppression) continue;
    if (suppression->reason != ReasonKind::kGiven) {
      result.problems.push_back(Diagnostic{DiagnosticCode::W1003, Severity::kWarning, suppression->range,
                                           suppression->reason == ReasonKind::kPlaceholder
                                               ? "`mast:ignore` gives a placeholder instead of a reason, so it "
                                                 "suppresses nothing; replace it with why the finding is acceptable: "
                                                 "`mast:ignore <rule> -- <why>`"
                                               : "`mast:ignore` needs a reason: `mast:ignore <rule> -- <why>`",
                                           {}, {}, {}, {}});
    }
    for (const std::string& rule : suppression->rules) {
      if (!is_known(rule)) {
        result.problems.push_back(Diagnostic{DiagnosticCode::W1004, Severity::kWarning, suppression->range,
                                             "`mast:ignore` names `" + rule + "`, which is no rule or code", {}, {}, {}, {}});
      }
    }
  }
  return result;
}

}  // namespace mast
