#include "policies/anchor.h"

namespace mast {
namespace {

// Bounds the walk through an object (the readers and the evaluator bound
// nesting already; this only keeps the recursion small whatever comes in).
constexpr int kMaxDepth = 128;
// A key and its value are "written together" when at most this much space
// and punctuation separates them.
constexpr uint32_t kMaxGap = 256;

// Where a value sits in its object: the entry that holds it, or none (the
// object itself, a list item).
struct Place {
  const Value* value = nullptr;
  const MapEntry* entry = nullptr;
  // The calls that made it: its own, or (a value that remembers none, such
  // as a string literal) its nearest container's.
  ProvenanceId calls = kNoProvenance;
};

bool Contains(SourceRange outer, SourceRange inner) {
  return outer.file == inner.file && outer.begin <= inner.begin && inner.end <= outer.end;
}

// The first value, in document order, whose origin is `at`. With
// `nested_only`, the walk enters only values whose origin contains `at`:
// YAML nests its nodes so, and the search then reads one path of the tree;
// values a program assembled from parts written elsewhere need the whole walk.
bool FindOrigin(const Value& value, const MapEntry* entry, SourceRange at, bool nested_only, int depth,
                Place& out, ProvenanceId outer_calls = kNoProvenance) {
  const ProvenanceId calls = value.provenance() != kNoProvenance ? value.provenance() : outer_calls;
  if (value.origin() == at) {
    out = {&value, entry, calls};
    return true;
  }
  if (depth >= kMaxDepth || (nested_only && !Contains(value.origin(), at))) return false;
  if (value.IsMap()) {
    for (const MapEntry& child : value.AsMap()) {
      if (FindOrigin(child.value, &child, at, nested_only, depth + 1, out, calls)) return true;
    }
  } else if (value.IsList()) {
    for (const Value& item : value.AsList()) {
      if (FindOrigin(item, nullptr, at, nested_only, depth + 1, out, calls)) return true;
    }
  }
  return false;
}

// Finds spans in the object's own coordinates; reads the text where they
// are in the file (`offset` bytes later in the object's file).
class Anchor {
 public:
  Anchor(const SourceManager& sources, FileId file, uint32_t offset) : sources_(sources), file_(file), offset_(offset) {}

  // The span for a finding about the value at `place`.
  SourceRange Of(const Place& place) const {
    if (place.entry != nullptr) return OfField(*place.entry);
    return OfValue(*place.value);
  }

 private:
  bool OneLine(SourceRange range) const {
    range = ShiftedInFile(range, file_, offset_);
    if (!range.IsValid() || !sources_.Has(range.file)) return false;
    const SourceFile& file = sources_.Get(range.file);
    const uint32_t last = range.end > range.begin ? range.end - 1 : range.begin;
    return file.ToLineColumn(range.begin).line == file.ToLineColumn(last).line;
  }

  // Whether the value is written right after its key (`key: value`, or a
  // block under `key:`), not computed elsewhere and only placed here.
  bool WrittenAfterKey(const MapEntry& entry) const {
    const SourceRange key = ShiftedInFile(entry.key_range, file_, offset_);
    const SourceRange value = ShiftedInFile(entry.value.origin(), file_, offset_);
    if (!key.IsValid() || key.file != value.file || key.end > value.begin || value.begin - key.end > kMaxGap ||
        !sources_.Has(key.file)) {
      return false;
    }
    const std::string& text = sources_.Get(key.file).text();
    if (value.begin > text.size()) return false;
    for (uint32_t i = key.end; i < value.begin; ++i) {
      const char c = text[i];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ':' && c != '"' && c != '\'') return false;
    }
    return true;
  }

  // An entry as it is written: `key: value` on one line, else its key; null
  // range when its value was computed elsewhere.
  SourceRange Written(const MapEntry& entry) const {
    if (!WrittenAfterKey(entry)) return {};
    const SourceRange whole = SourceRange::Join(entry.key_range, entry.value.origin());
    return OneLine(whole) ? whole : entry.key_range;
  }

  // A finding about a field: the field as written; a value computed
  // elsewhere, where it was computed.
  SourceRange OfField(const MapEntry& entry) const {
    const SourceRange written = Written(entry);
    return written.IsValid() ? written : OfValue(entry.value);
  }

  SourceRange OfValue(const Value& value) const {
    if (value.IsMap()) return OfRecord(value);
    if (value.IsList() && !OneLine(value.origin()) && !value.AsList().empty()) return OfValue(value.AsList().front());
    return value.origin();
  }

  // A record standing alone (an object, a container, a list item): the
  // entry that names it, else the whole record when it takes one line, else
  // its first entry.
  SourceRange OfRecord(const Value& record) const {
    if (const Value* metadata = record.Find("metadata"); metadata && record.Find("kind")) {
      if (const MapEntry* name = metadata->FindEntry("name")) return OfName(*name);
    }
    if (const MapEntry* kind = record.FindEntry("kind"); kind && record.Find("apiVersion")) return OfName(*kind);
    if (const MapEntry* name = record.FindEntry("name"); name && name->value.IsString()) return OfName(*name);
    if (OneLine(record.origin()) || record.AsMap().empty()) return record.origin();
    return OfName(record.AsMap().front());
  }

  // The entry that stands for its record: as written, else its key (where
  // the record is written), else its value.
  SourceRange OfName(const MapEntry& entry) const {
    const SourceRange written = Written(entry);
    if (written.IsValid()) return written;
    if (entry.key_range.IsValid()) return entry.key_range;
    return entry.value.IsMap() ? entry.value.origin() : OfValue(entry.value);
  }

  const SourceManager& sources_;
  FileId file_;
  uint32_t offset_;
};

}  // namespace

SourceRange AnchorFinding(const Value& object, SourceRange at, const SourceManager& sources, uint32_t offset,
                          ProvenanceId* calls) {
  const FileId file = object.origin().file;
  if (!at.IsValid()) return at;
  Place place;
  if (!FindOrigin(object, nullptr, at, /*nested_only=*/true, 0, place) &&
      !FindOrigin(object, nullptr, at, /*nested_only=*/false, 0, place)) {
    return ShiftedInFile(at, file, offset);
  }
  if (calls != nullptr) *calls = place.calls;
  const SourceRange anchored = Anchor(sources, file, offset).Of(place);
  return ShiftedInFile(anchored.IsValid() ? anchored : at, file, offset);
}

}  // namespace mast
