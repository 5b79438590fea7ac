// How one input's findings join the check result (check.h): the files a
// .mast input compiled move into the shared SourceManager, findings are
// tied to their objects, sorted, and shown once.
#include <algorithm>
#include <tuple>

#include "schemas/check/check_pipeline.h"
#include "schemas/check/chunks.h"
#include "schemas/check/program_check.h"

namespace mast::check_detail {

namespace {

// Sorting key of a diagnostic within one task: the file's position in the
// result (an entry .mast file comes before its imports), then offset.
struct Ordered {
  size_t position;
  Diagnostic diagnostic;
  uint32_t object;
};

void RemapRange(SourceRange& range, const std::vector<FileId>& remap) {
  if (range.IsValid() && range.file < remap.size()) range.file = remap[range.file];
}

void RemapDiagnostic(Diagnostic& d, const std::vector<FileId>& remap) {
  RemapRange(d.range, remap);
  for (Label& label : d.labels) RemapRange(label.range, remap);
  if (d.fix) {
    for (TextEdit& edit : d.fix->edits) RemapRange(edit.range, remap);
  }
}

// The object whose text contains `range`, or kNoObject. The objects of a
// manifest file are in text order and do not nest (a List is not an object,
// its items are).
uint32_t ObjectAt(const std::vector<CheckedObject>& objects, SourceRange range) {
  auto after = std::upper_bound(objects.begin(), objects.end(), range.begin,
                                [](uint32_t begin, const CheckedObject& o) { return begin < o.range.begin; });
  if (after == objects.begin()) return kNoObject;
  const CheckedObject& candidate = *(after - 1);
  const SourceRange& r = candidate.range;
  if (r.file != range.file || range.end > r.end) return kNoObject;
  return static_cast<uint32_t>(after - 1 - objects.begin());
}


// The validator suggests dropping the quotes of a string that reads as a
// number. When the text has no quotes, the string is a number too large
// for the reader (more than 64 bits, or beyond a double), and that is what
// the message must say.
void ExplainHugeNumber(Diagnostic& d, const SourceManager& sources) {
  constexpr std::string_view kHint = "; write it without quotes";
  const std::string_view message = d.message;
  if (!d.range.IsValid() || !sources.Has(d.range.file) || message.size() < kHint.size() ||
      message.substr(message.size() - kHint.size()) != kHint) {
    return;
  }
  const std::string& text = sources.Get(d.range.file).text();
  if (d.range.begin >= text.size() || text[d.range.begin] == '"' || text[d.range.begin] == '\'') return;
  d.message.resize(message.size() - kHint.size());
  d.message += "; it is written as a number, but one too large for a 64-bit integer or a double, so it reads as a "
               "string; write a number in range";
}

}  // namespace

void AppendChunk(FileFindings& chunk, uint32_t base, FileFindings& file) {
  const uint32_t first_object = static_cast<uint32_t>(file.objects.size());
  for (CheckedObject& object : chunk.objects) {
    ShiftRange(object.range, base);  // (its value was shifted on the worker thread)
    ShiftRange(object.name_range, base);
    file.objects.push_back(std::move(object));
  }
  for (size_t i = 0; i < chunk.diagnostics.size(); ++i) {
    ShiftDiagnostic(chunk.diagnostics[i], base);
    file.diagnostics.push_back(std::move(chunk.diagnostics[i]));
    const uint32_t object = chunk.diagnostic_objects[i];
    file.diagnostic_objects.push_back(object == kNoObject ? kNoObject : first_object + object);
  }
}

void MergeTask(Task& task, const ManifestCheckOptions& options, ManifestCheckResult& result) {
  FileFindings& findings = task.findings;
  std::vector<Diagnostic> extra = std::move(task.stray);
  if (task.mast_sources) {
    // Move the compiler's files into the shared manager.
    std::vector<FileId> remap(task.mast_sources->size(), kNoFile);
    for (FileId id = 0; id < task.mast_sources->size(); ++id) {
      const SourceFile& file = task.mast_sources->Get(id);
      remap[id] = result.sources.Add(file.path(), file.text());
    }
    if (!remap.empty()) result.inputs[task.index].file = remap[0];
    for (Diagnostic& d : findings.diagnostics) RemapDiagnostic(d, remap);
    auto remap_range = [&remap](SourceRange r) {
      RemapRange(r, remap);
      return r;
    };
    // The calls that made the values come along, so that the policies'
    // findings name their call sites as `mast build`'s do.
    const std::vector<ProvenanceId> calls = result.sources.provenance().Import(task.mast_sources->provenance(), remap_range);
    auto remap_calls = [&calls](ProvenanceId id) { return ProvenanceTable::MapId(calls, id); };
    for (CheckedObject& object : findings.objects) {
      RemapRange(object.range, remap);
      RemapRange(object.name_range, remap);
      if (!object.value.IsNull()) object.value = MapOrigins(object.value, remap_range, remap_calls);
    }
    // The compiler validates emitted objects of built-in groups itself;
    // keep the checker's copy of a finding (it names the object).
    for (Diagnostic& d : task.compile_diagnostics) {
      RemapDiagnostic(d, remap);
      if (!CheckerRepeats(findings.diagnostics, d)) extra.push_back(std::move(d));
    }
    task.mast_sources.reset();
  }

  const uint32_t base = static_cast<uint32_t>(result.objects.size());
  std::vector<Ordered> ordered;
  ordered.reserve(findings.diagnostics.size() + extra.size());
  auto position = [&](const Diagnostic& d) { return d.range.IsValid() ? static_cast<size_t>(d.range.file) : 0; };
  for (size_t i = 0; i < findings.diagnostics.size(); ++i) {
    Diagnostic& d = findings.diagnostics[i];
    ordered.push_back({position(d), std::move(d), findings.diagnostic_objects[i]});
  }
  for (Diagnostic& d : extra) {
    const uint32_t object = task.input.kind == InputKind::kMast ? kNoObject : ObjectAt(findings.objects, d.range);
    if (object != kNoObject) {
      if (d.severity == Severity::kError && findings.objects[object].status != ObjectStatus::kSkipped) {
        findings.objects[object].status = ObjectStatus::kInvalid;
      }
      if (options.annotate_objects) d.notes.push_back("in " + findings.objects[object].DisplayName());
    }
    ordered.push_back({position(d), std::move(d), object});
  }
  std::stable_sort(ordered.begin(), ordered.end(), [](const Ordered& a, const Ordered& b) {
    return std::make_tuple(a.position, a.diagnostic.range.begin, a.diagnostic.range.end, a.diagnostic.code) <
           std::make_tuple(b.position, b.diagnostic.range.begin, b.diagnostic.range.end, b.diagnostic.code);
  });
  // A finding reported twice at one place (merged YAML content, a .mast
  // value validated by the compiler and by the checker) is shown once.
  std::vector<bool> duplicate(ordered.size(), false);
  for (size_t i = 0; i < ordered.size(); ++i) {
    const Diagnostic& d = ordered[i].diagnostic;
    for (size_t j = i; j-- > 0 && ordered[j].position == ordered[i].position &&
                       ordered[j].diagnostic.range.begin == d.range.begin;) {
      const Diagnostic& o = ordered[j].diagnostic;
      if (o.code == d.code && o.range == d.range && o.message == d.message) duplicate[i] = true;
    }
  }
  for (size_t i = 0; i < ordered.size(); ++i) {
    if (duplicate[i]) continue;
    ExplainHugeNumber(ordered[i].diagnostic, result.sources);
    result.diagnostics.push_back(std::move(ordered[i].diagnostic));
    result.diagnostic_objects.push_back(ordered[i].object == kNoObject ? kNoObject : base + ordered[i].object);
  }
  for (CheckedObject& object : findings.objects) result.objects.push_back(std::move(object));
  std::vector<CheckedObject>().swap(findings.objects);
}

}  // namespace mast::check_detail
