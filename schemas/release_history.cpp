#include "schemas/release_history.h"

#include <algorithm>

#include "compiler/base/spelling.h"

namespace mast::schemas {

namespace {

struct Run {
  uint32_t first;
  uint32_t last;
};

std::vector<Run> Runs(ReleaseMask releases, uint32_t count) {
  std::vector<Run> runs;
  for (uint32_t r = 0; r < count; ++r) {
    if ((releases >> r & 1) == 0) continue;
    if (!runs.empty() && runs.back().last + 1 == r) {
      runs.back().last = r;
    } else {
      runs.push_back({r, r});
    }
  }
  return runs;
}

uint32_t Lowest(ReleaseMask mask) { return OldestRelease(mask); }
uint32_t Highest(ReleaseMask mask) { return NewestRelease(mask); }

std::string Name(const CatalogView& view, uint32_t release) { return std::string(view.ReleaseName(release)); }

}  // namespace

std::string TargetText(const CatalogView& view, ReleaseMask target) {
  if (target == 0) return {};
  const uint32_t low = Lowest(target);
  const uint32_t high = Highest(target);
  return low == high ? Name(view, low) : Name(view, low) + ".." + Name(view, high);
}

std::string ReleaseList(const CatalogView& view, ReleaseMask releases) {
  std::string text;
  for (const Run& run : Runs(releases, view.release_count())) {
    if (!text.empty()) text += ", ";
    text += Name(view, run.first);
    if (run.last != run.first) text += " to " + Name(view, run.last);
  }
  return text;
}

std::string ReleasePhrase(const CatalogView& view, ReleaseMask releases) {
  const std::vector<Run> runs = Runs(releases, view.release_count());
  if (runs.size() != 1) return "in Kubernetes " + ReleaseList(view, releases);
  const uint32_t newest = view.release_count() - 1;
  const Run run = runs.front();
  if (run.first == 0 && run.last == newest) return "in every built-in release";
  if (run.last == newest) return "from Kubernetes " + Name(view, run.first) + " on";
  const std::string removed = " (removed in " + Name(view, run.last + 1) + ")";
  if (run.first == 0) return "up to Kubernetes " + Name(view, run.last) + removed;
  if (run.first == run.last) return "only in Kubernetes " + Name(view, run.first) + removed;
  return "in Kubernetes " + Name(view, run.first) + " to " + Name(view, run.last) + removed;
}

std::string TargetClause(const CatalogView& view, ReleaseMask releases, ReleaseMask target, ReleaseMask scope) {
  if (Lowest(target) == Highest(target)) return ", but the target is " + TargetText(view, target);
  return ", but the target " + TargetText(view, target) + " includes " + ReleaseList(view, scope & ~releases);
}


std::string RaiseTargetHint(const CatalogView& view, ReleaseMask releases, ReleaseMask target) {
  const ReleaseMask missing = target & ~releases;
  if (missing == 0 || releases == 0) return {};
  const bool single = Lowest(target) == Highest(target);
  const ReleaseMask newer = releases & ~((ReleaseMask{2} << Highest(missing)) - 1);  // above every missing one
  const ReleaseMask older = releases & ((ReleaseMask{1} << Lowest(missing)) - 1);    // below every missing one
  if (single) {
    if (newer != 0) return "; raise the target to " + Name(view, Lowest(newer)) + " or later";
    return "; lower the target to " + Name(view, Highest(older));
  }
  // A range: only an end of it can move.
  const ReleaseMask inside = releases & target;
  if (inside != 0 && Highest(missing) < Lowest(inside)) {
    return "; start the target range at " + Name(view, Lowest(inside));
  }
  if (inside != 0 && Lowest(missing) > Highest(inside)) {
    return "; end the target range at " + Name(view, Highest(inside));
  }
  return {};
}

int VersionRank(std::string_view api_version) {
  const size_t slash = api_version.rfind('/');
  std::string_view version = slash == std::string_view::npos ? api_version : api_version.substr(slash + 1);
  if (!version.empty() && version[0] == 'v') version.remove_prefix(1);
  int major = 0;
  size_t i = 0;
  for (; i < version.size() && version[i] >= '0' && version[i] <= '9'; ++i) major = major * 10 + (version[i] - '0');
  std::string_view rest = version.substr(i);
  int stage = 3;
  if (rest.rfind("alpha", 0) == 0) stage = 1, rest.remove_prefix(5);
  else if (rest.rfind("beta", 0) == 0) stage = 2, rest.remove_prefix(4);
  int minor = 0;
  for (char c : rest) minor = c >= '0' && c <= '9' ? minor * 10 + (c - '0') : minor;
  return std::min(major, 99) * 10000 + stage * 1000 + std::min(minor, 999);
}

Diagnostic& ReportFieldNotInTarget(const CatalogView& view, ReleaseMask target, uint32_t type, std::string_view key,
                                   SourceRange key_range, const std::vector<std::string_view>& siblings,
                                   DiagnosticSink& sink) {
  const std::string type_name(view.ShortName(type));
  const uint32_t elsewhere = view.FindFieldInAnyRelease(type, key);
  if (elsewhere != kNone && view.release_count() > 1) {
    const ReleaseMask releases = view.FieldReleasesByName(type, key);
    std::string hint = RaiseTargetHint(view, releases, target);
    hint += hint.empty() ? "; remove the field" : ", or remove the field";
    return sink.Report(DiagnosticCode::E0507, key_range,
                       "`" + std::string(key) + "` is a field of `" + type_name + "` " +
                           ReleasePhrase(view, releases) + TargetClause(view, releases, target, target) + hint);
  }

  // A suggestion must be a field of the target's newest release that the
  // object does not set already: a name the user wrote next to it is not
  // the one they meant.
  const ReleaseMask lookup = ReleaseMask{1} << Highest(target);
  std::vector<std::string_view> candidates;
  const uint32_t first = view.FirstField(type);
  for (uint32_t f = first; f < first + view.FieldCount(type); ++f) {
    if ((view.FieldReleases(f) & lookup) == 0) continue;
    const std::string_view name = view.FieldName(f);
    bool set = false;
    for (std::string_view sibling : siblings) set = set || sibling == name;
    if (!set) candidates.push_back(name);
  }
  const std::optional<std::string> suggestion = ClosestMatch(key, candidates);
  std::string message = "unknown field `" + std::string(key) + "` in `" + type_name + "`";
  if (suggestion) message += "; did you mean `" + *suggestion + "`?";
  Diagnostic& diagnostic = sink.Report(DiagnosticCode::E0501, key_range, std::move(message));
  if (suggestion && key_range.IsValid()) {
    diagnostic.fix = Fix{"replace with `" + *suggestion + "`", {TextEdit{key_range, *suggestion}}};
  }
  return diagnostic;
}

bool ReportFieldPartlyInTarget(const CatalogView& view, ReleaseMask target, uint32_t type, uint32_t field,
                               SourceRange key_range, DiagnosticSink& sink) {
  const std::string_view key = view.FieldName(field);
  const ReleaseMask releases = view.FieldReleasesByName(type, key);
  const ReleaseMask scope = target & view.TypeReleases(type);
  if ((releases & scope) == scope) return false;
  std::string hint = RaiseTargetHint(view, releases, scope);
  hint += hint.empty() ? "; remove the field" : ", or remove the field";
  Diagnostic& diagnostic =
      sink.Report(DiagnosticCode::E0507, key_range,
                  "`" + std::string(key) + "` is a field of `" + std::string(view.ShortName(type)) + "` " +
                      ReleasePhrase(view, releases) + TargetClause(view, releases, target, scope) + hint);
  diagnostic.notes.push_back("valid on " + ReleaseList(view, releases & target));
  return true;
}

}  // namespace mast::schemas
