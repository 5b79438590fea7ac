#include "compiler/eval/explain_origin.h"

#include <algorithm>
#include <unordered_map>

namespace mast {

namespace {

struct RangeHash {
  size_t operator()(const SourceRange& range) const {
    return (static_cast<size_t>(range.file) * 0x9E3779B97F4A7C15ull) ^ (static_cast<size_t>(range.begin) << 20) ^
           range.end;
  }
};

// A value of the root at the place of a finding.
struct Match {
  ProvenanceId provenance = kNoProvenance;  // its own, or its nearest container's
  ProvenanceId own = kNoProvenance;         // its own
  bool by_key = false;                      // the finding is at a key of it (`key`)
  std::string_view key;
  const Value* value = nullptr;
  std::string path;  // `spec.ports[0].port`, as the checks' `at` notes write it
};

// Finds, in one walk of the root, the values at the places of the findings.
class MatchFinder {
 public:
  explicit MatchFinder(const std::vector<SourceRange>& places) {
    for (const SourceRange& place : places) matches_[place];
  }
  void Walk(const Value& value, ProvenanceId inherited, size_t depth) {
    const ProvenanceId own = value.provenance();
    const ProvenanceId mine = (own & ~kFailedTypeBit) != kNoProvenance ? own : inherited;
    Add(value.origin(), Match{mine, own, false, {}, &value, {}});
    if (depth >= kMaxDepth) return;
    if (value.IsMap()) {
      for (const MapEntry& entry : value.AsMap()) {
        path_.push_back({entry.key, 0});
        const ProvenanceId item = entry.value.provenance();
        Add(entry.key_range, Match{(item & ~kFailedTypeBit) != kNoProvenance ? item : mine, kNoProvenance, true,
                                   entry.key, &value, {}});
        Walk(entry.value, mine, depth + 1);
        path_.pop_back();
      }
    } else if (value.IsList()) {
      const ValueList& items = value.AsList();
      for (size_t i = 0; i < items.size(); ++i) {
        path_.push_back({{}, i});
        Walk(items[i], mine, depth + 1);
        path_.pop_back();
      }
    }
  }
  const std::vector<Match>& At(SourceRange place) const { return matches_.at(place); }

 private:
  static constexpr size_t kMaxDepth = 512;  // deeper values are left unexplained
  struct Segment {
    std::string_view key;  // null for a list index
    size_t index;
  };
  void Add(SourceRange place, Match match) {
    if (!place.IsValid()) return;
    auto found = matches_.find(place);
    if (found == matches_.end()) return;
    match.path = PathText();
    found->second.push_back(std::move(match));
  }
  std::string PathText() const {
    std::string text;
    for (const Segment& segment : path_) {
      if (segment.key.data() == nullptr) {
        text += "[" + std::to_string(segment.index) + "]";
      } else {
        if (!text.empty()) text += '.';
        text += segment.key;
      }
    }
    return text;
  }
  std::unordered_map<SourceRange, std::vector<Match>, RangeHash> matches_;
  std::vector<Segment> path_;
};

// The path of the finding's `at` note, or "".
std::string_view AtNote(const Diagnostic& d) {
  for (const std::string& note : d.notes) {
    if (note.size() > 5 && note.rfind("at `", 0) == 0 && note.back() == '`') {
      return std::string_view(note).substr(4, note.size() - 5);
    }
  }
  return {};
}

// The field a "missing required field `name` ..." message names, or "".
std::string_view MissingField(const Diagnostic& d) {
  constexpr std::string_view kPrefix = "missing required field `";
  if (d.message.rfind(kPrefix, 0) != 0) return {};
  const size_t end = d.message.find('`', kPrefix.size());
  return end == std::string::npos ? std::string_view()
                                  : std::string_view(d.message).substr(kPrefix.size(), end - kPrefix.size());
}

// The matches that explain `d`: all of them when they agree on the calls,
// else those at the path of its `at` note, else none.
std::vector<const Match*> Deciding(const Diagnostic& d, const std::vector<Match>& matches,
                                   const ProvenanceTable& table) {
  std::vector<const Match*> all;
  for (const Match& match : matches) all.push_back(&match);
  auto sites = [&](const Match* match) {
    std::vector<SourceRange> out;
    for (const CallFrame& frame : table.CallsTo(match->provenance, d.range)) out.push_back(frame.site);
    return out;
  };
  const std::vector<SourceRange> first = all.empty() ? std::vector<SourceRange>() : sites(all.front());
  if (std::all_of(all.begin(), all.end(), [&](const Match* m) { return sites(m) == first; })) return all;
  const std::string_view path = AtNote(d);
  std::vector<const Match*> at_path;
  for (const Match* match : all) {
    if (!path.empty() && match->path == path) at_path.push_back(match);
  }
  if (at_path.empty()) return {};
  const std::vector<SourceRange> chosen = sites(at_path.front());
  for (const Match* match : at_path) {
    if (sites(match) != chosen) return {};
  }
  return at_path;
}

}  // namespace

void AddCallSites(Diagnostic& d, const ProvenanceTable& table, ProvenanceId calls, SourceRange range) {
  if ((calls & ~kFailedTypeBit) == kNoProvenance) return;
  const std::vector<CallFrame> frames = table.CallsTo(calls, range);
  size_t shown = 0;
  for (const CallFrame& frame : frames) {
    if (shown == kMaxCallSites) break;
    ++shown;
    std::string message = "`" + frame.name + "` is called here";
    if (frame.recursive) message += " (the recursive calls in between are left out)";
    d.labels.push_back(Label{frame.site, std::move(message)});
  }
  if (frames.size() > shown) {
    const size_t rest = frames.size() - shown;
    d.notes.push_back(std::to_string(rest) + " more call" + (rest == 1 ? "" : "s") + " further out lead here");
  }
}

void MoveToRemoval(Diagnostic& d, const ProvenanceTable::Removal& removal, const ProvenanceTable& table) {
  const SourceRange record = d.range;
  d.range = removal.where;
  d.message += "; `with` removes it here";
  d.labels.insert(d.labels.begin(), Label{record, "the record it is removed from"});
  AddCallSites(d, table, removal.calls, removal.where);
}

namespace {

// What a `with` removed that a finding is about.
struct RemovalCause {
  ProvenanceTable::Removal removal;
  SourceRange emptied_list;  // the list whose last item it removed; invalid for a removed field
};

// A required field missing from a record (E0503), or a list whose key the
// finding points at, emptied by the `delete(...)` of a `with`.
std::optional<RemovalCause> FindRemovalCause(const Diagnostic& d, const std::vector<const Match*>& matches,
                                             const ProvenanceTable& table) {
  const std::string_view field = d.code == DiagnosticCode::E0503 ? MissingField(d) : std::string_view();
  for (const Match* match : matches) {
    if (!match->value->IsMap()) continue;
    if (!match->by_key && !field.empty()) {
      if (auto removal = table.FindRemoval(match->value->provenance(), field)) return RemovalCause{*removal, {}};
    }
    const MapEntry* entry = match->by_key ? match->value->FindEntry(match->key) : nullptr;
    if (entry != nullptr && entry->value.IsList() && entry->value.AsList().empty()) {
      if (auto removal = table.FindRemoval(match->value->provenance(), match->key)) {
        return RemovalCause{*removal, entry->value.origin()};
      }
    }
  }
  return std::nullopt;
}

}  // namespace

void ExplainFindings(std::vector<Diagnostic>& diagnostics, size_t from, const Value& root,
                     const ProvenanceTable& table, ProvenanceId live_calls, std::vector<uint32_t>* companions) {
  if (from >= diagnostics.size()) return;
  std::vector<SourceRange> places;
  for (size_t i = from; i < diagnostics.size(); ++i) places.push_back(diagnostics[i].range);
  MatchFinder finder(places);
  finder.Walk(root, kNoProvenance, 0);
  size_t kept = from;
  for (size_t i = from; i < diagnostics.size(); ++i) {
    Diagnostic& d = diagnostics[i];
    const std::vector<const Match*> matches = Deciding(d, finder.At(d.range), table);
    const bool repeats_failed_type =
        !matches.empty() && std::all_of(matches.begin(), matches.end(), [](const Match* m) {
          return !m->by_key && FailedType(m->own);
        });
    if (repeats_failed_type) continue;
    if (std::optional<RemovalCause> cause = FindRemovalCause(d, matches, table)) {
      if (!cause->emptied_list.IsValid()) {
        MoveToRemoval(d, cause->removal, table);
      } else {
        d.range = cause->removal.where;
        d.message += "; `with` removes its last item here";
        d.labels.insert(d.labels.begin(), Label{cause->emptied_list, "the list it is removed from"});
        AddCallSites(d, table, cause->removal.calls, cause->removal.where);
      }
    } else if (!matches.empty() || finder.At(d.range).empty()) {
      const ProvenanceId calls = matches.empty() || (matches.front()->provenance & ~kFailedTypeBit) == kNoProvenance
                                     ? live_calls
                                     : matches.front()->provenance;
      AddCallSites(d, table, calls, d.range);
    }
    if (kept != i) {
      diagnostics[kept] = std::move(d);
      if (companions) (*companions)[kept] = (*companions)[i];
    }
    ++kept;
  }
  diagnostics.erase(diagnostics.begin() + static_cast<std::ptrdiff_t>(kept), diagnostics.end());
  if (companions) companions->resize(kept);
}

}  // namespace mast
