#include "lsp/analysis/analyze.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "compiler/base/large_stack.h"
#include "compiler/driver/compile.h"
#include "compiler/eval/test_steps.h"
#include "compiler/yaml/yaml_reader.h"
#include "lsp/analysis/checked.h"
#include "lsp/analysis/policy_pool.h"
#include "policies/findings.h"
#include "schemas/check/chunks.h"
#include "schemas/check/crd_types.h"
#include "schemas/check/input_roles.h"
#include "schemas/check/kustomization.h"
#include "schemas/check/object_check.h"
#include "schemas/check/program_check.h"
#include "schemas/kube_catalog.h"

namespace mast::lsp {

Position ToPosition(const SourceFile& file, uint32_t offset) {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(file.text().size()));
  return Position{file.ToLineColumn(offset).line - 1, file.Utf16Column(offset)};
}

Position PositionCursor::At(uint32_t offset) {
  const std::string& text = file_.text();
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text.size()));
  const uint32_t line = file_.ToLineColumn(offset).line - 1;
  if (!valid_ || offset < offset_ || line != position_.line) {
    position_ = ToPosition(file_, offset);
  } else {
    for (uint32_t i = offset_; i < offset; ++i) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      if ((c & 0xC0) != 0x80) position_.character += c >= 0xF0 ? 2 : 1;
    }
  }
  offset_ = offset;
  valid_ = true;
  return position_;
}

Range ToRange(const SourceFile& file, uint32_t begin, uint32_t end) {
  return Range{ToPosition(file, begin), ToPosition(file, std::max(begin, end))};
}

uint32_t ToOffset(const SourceFile& file, Position position) {
  return file.OffsetFromUtf16(position.line, position.character);
}

const KubeCatalog* CatalogOf(const AnalysisSettings& settings) {
  return settings.catalog != nullptr ? settings.catalog : &KubeCatalog::Embedded();
}

// What a program sees: the catalog and the custom resources it imports.
const ExternalTypes* TypesOf(const AnalysisSettings& settings) {
  return settings.types != nullptr ? settings.types.get() : CatalogOf(settings);
}

bool LooksLikeTemplate(std::string_view text) {
  return text.find("{{") != std::string_view::npos || text.find("{%") != std::string_view::npos;
}

namespace {

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void AddTiming(AnalysisResult& result, const char* phase, double ms) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s%s %.1f", result.timing.empty() ? "" : " ", phase, ms);
  result.timing += buffer;
}

DiagnosticSeverity ToLspSeverity(Severity severity) {
  switch (severity) {
    case Severity::kError: return DiagnosticSeverity::kError;
    case Severity::kWarning: return DiagnosticSeverity::kWarning;
    case Severity::kInfo: return DiagnosticSeverity::kInformation;
    case Severity::kNote: return DiagnosticSeverity::kHint;
  }
  return DiagnosticSeverity::kError;
}

bool SameFinding(const mast::Diagnostic& a, const mast::Diagnostic& b) {
  return a.code == b.code && a.range == b.range && a.message == b.message && a.rule == b.rule;
}

ManifestCheckOptions CheckOptions(const AnalysisSettings& settings) {
  ManifestCheckOptions options;
  options.server_rules = settings.server_rules;
  options.skip_unknown_kinds = settings.skip_unknown_kinds;
  options.annotate_objects = false;  // the editor shows which object it is
  options.keep_values = true;        // the policies read them
  return options;
}

// Duplicates, policies, `mast:ignore` comments and sorting: the findings
// pipeline of every command (policies/findings.h), with an engine from the
// pool when there is one.
std::vector<mast::Diagnostic> CollectAll(SourceManager& sources, const AnalysisInput& input,
                                         std::vector<mast::Diagnostic> found, const std::vector<CheckedObject>& objects) {
  const AnalysisSettings& settings = *input.settings;
  FindingsOptions options;
  options.policies = settings.run_policies;
  std::optional<PolicyPool::Lease> lease;
  if (settings.run_policies && input.policies) {
    lease.emplace(input.policies->Acquire(input.settings));
    options.engine = &lease->engine();
  }
  Findings findings = CollectFindings(sources, std::move(found), objects, settings.policies, CatalogOf(settings), options);
  return std::move(findings.diagnostics);
}

// Groups diagnostics by file and converts them.
void Collect(const SourceManager& sources, FileId main_file, std::vector<mast::Diagnostic>& diagnostics,
             const AnalysisInput& input, AnalysisResult& result) {
  SortDiagnostics(diagnostics);
  auto file_of = [&](FileId id) -> const SourceFile* { return sources.Has(id) ? &sources.Get(id) : nullptr; };
  const size_t limit = input.settings ? input.settings->max_diagnostics_per_file : 1000;
  for (const mast::Diagnostic& d : diagnostics) {
    FileId file = d.range.IsValid() && sources.Has(d.range.file) ? d.range.file : main_file;
    std::string path = NormalizePath(sources.Get(file).path());
    // Only real files (built-in policy sources have relative names); the
    // rest is shown on the document itself.
    if (path != input.document.path && (path.empty() || path.front() != '/')) {
      file = main_file;
      path = input.document.path;
    }
    std::vector<Diagnostic>& list = result.diagnostics[path];
    if (list.size() >= limit) continue;
    mast::Diagnostic located = d;
    if (file != d.range.file) located.range = SourceRange{file, 0, 0};
    list.push_back(ToLspDiagnostic(located, &sources.Get(file), file_of));
  }
}

// The `let` and `assert` steps of the document's own `test` blocks, run by
// the same code as `mast test`, so that a failing assertion shows where it
// fails (E1101). Steps that build other programs are left to `mast test`.
void AddTestFindings(CompileResult& compiled, SourceManager& sources, std::vector<mast::Diagnostic>& diagnostics) {
  if (!compiled.program || compiled.diagnostics.HasErrors() || compiled.program->entries.empty()) return;
  ModuleInfo& module = *compiled.program->entries.front();
  DiagnosticSink sink;
  RunWithLargeStack([&] {
    for (const ast::Decl& decl : module.ast.decls) {
      if (decl.kind == ast::Decl::Kind::kTest) EvaluateTestSteps(*compiled.program, sources, module, decl, EvalLimits{}, sink);
    }
  });
  for (mast::Diagnostic& d : sink.mutable_diagnostics()) {
    if (!CheckerRepeats(diagnostics, d)) diagnostics.push_back(std::move(d));
  }
}

void AnalyzeMast(const AnalysisInput& input, AnalysisResult& result) {
  const AnalysisSettings& settings = *input.settings;
  auto document = std::make_shared<CheckedDocument>();
  document->path = input.document.path;
  document->version = input.document.version;
  document->settings = input.settings;
  SourceManager& sources = document->sources;
  CompileOptions options;
  options.external = TypesOf(*input.settings);
  options.parse_cache = input.parse_cache;
  options.semantic_index = &document->index;
  for (const SourceText& open : input.open_documents) {
    if (open.text) options.overlays.emplace_back(open.path, *open.text);
  }
  bool has_self = std::any_of(input.open_documents.begin(), input.open_documents.end(),
                              [&](const SourceText& s) { return s.path == input.document.path; });
  if (!has_self) options.overlays.emplace_back(input.document.path, *input.document.text);
  auto start = std::chrono::steady_clock::now();
  CompileResult compiled = Compile(sources, {input.document.path}, options);
  AddTiming(result, "compile", Since(start));
  start = std::chrono::steady_clock::now();

  SchemaSources schema_sources;
  schema_sources.catalog = CatalogOf(*input.settings);
  if (compiled.program) schema_sources.imported_crds = ImportedCrds(*compiled.program);
  const ManifestCheckOptions check_options = CheckOptions(settings);
  FileFindings checked;
  CheckProgramDocuments(compiled.documents, schema_sources, check_options, 0, checked, sources.provenance(), 1,
                        &compiled.fields_validated);
  std::vector<mast::Diagnostic> diagnostics = std::move(checked.diagnostics);
  AddTestFindings(compiled, sources, diagnostics);
  for (mast::Diagnostic& d : compiled.diagnostics.mutable_diagnostics()) {
    if (!CheckerRepeats(diagnostics, d)) diagnostics.push_back(std::move(d));
  }
  AddTiming(result, "objects", Since(start));
  start = std::chrono::steady_clock::now();
  diagnostics = CollectAll(sources, input, std::move(diagnostics), checked.objects);
  AddTiming(result, "policies", Since(start));

  FileId main_file = kNoFile;
  for (FileId id = 0; id < sources.size(); ++id) {
    std::string path = NormalizePath(sources.Get(id).path());
    if (path.empty() || path.front() != '/') continue;
    if (path == input.document.path && main_file == kNoFile) main_file = id;
    result.dependencies.insert(path);
    for (const SourceText& open : input.open_documents) {
      if (open.path == path) result.used_versions[path] = open.version;
    }
  }
  if (main_file == kNoFile) main_file = sources.Add(input.document.path, *input.document.text);
  Collect(sources, main_file, diagnostics, input, result);
  document->program = std::move(compiled.program);
  document->open_versions = result.used_versions;
  document->open_versions.erase(input.document.path);
  result.checked = std::move(document);
}

void AnalyzeYaml(const AnalysisInput& input, AnalysisResult& result) {
  const AnalysisSettings& settings = *input.settings;
  SourceManager sources;
  FileId file = sources.Add(input.document.path, *input.document.text);
  result.dependencies.insert(input.document.path);
  const std::string& text = sources.Get(file).text();
  if (LooksLikeTemplate(text)) return;
  // Workflows, compose files, chart files: not manifests, as in `mast check`
  // (schemas/check/input_roles.h); a kustomization has a schema of its own.
  const InputRole role = ClassifyInputPath(input.document.path);
  if (role != InputRole::kManifest && role != InputRole::kKustomization) return;

  auto start = std::chrono::steady_clock::now();
  // Read as `mast check` reads one chunk: a broken document does not hide
  // the ones after it (reading resumes at the next `---`).
  ParsedChunk parsed = ParseChunk(file, text, YamlReadOptions{});
  std::vector<YamlDocument>& documents = parsed.documents;
  AddTiming(result, "read", Since(start));
  start = std::chrono::steady_clock::now();
  std::vector<mast::Diagnostic> diagnostics = std::move(parsed.diagnostics);
  SchemaSources schema_sources;
  schema_sources.catalog = CatalogOf(*input.settings);
  ManifestCheckOptions check_options = CheckOptions(settings);
  ObjectChecker checker(schema_sources, check_options);
  FileFindings findings;
  if (role == InputRole::kKustomization) {
    DiagnosticSink sink;
    for (const YamlDocument& document : documents) ValidateKustomization(document.value, input.document.path, sink);
    for (mast::Diagnostic& d : sink.mutable_diagnostics()) diagnostics.push_back(std::move(d));
    Collect(sources, file, diagnostics, input, result);
    return;
  }
  for (const YamlDocument& document : documents) {
    if (document.empty || !LooksLikeKubernetesObject(document.value)) continue;
    checker.CheckDocument(document.value, 0, findings);
  }
  // A finding repeated at one place (content merged with `<<`) is shown
  // once, as `mast check` shows it.
  std::vector<mast::Diagnostic> unique;
  for (mast::Diagnostic& d : findings.diagnostics) {
    if (std::none_of(unique.begin(), unique.end(), [&](const mast::Diagnostic& o) { return SameFinding(o, d); })) {
      unique.push_back(std::move(d));
    }
  }
  for (mast::Diagnostic& d : diagnostics) unique.push_back(std::move(d));
  AddTiming(result, "objects", Since(start));
  start = std::chrono::steady_clock::now();
  unique = CollectAll(sources, input, std::move(unique), findings.objects);
  AddTiming(result, "policies", Since(start));
  Collect(sources, file, unique, input, result);
}

}  // namespace

Diagnostic ToLspDiagnostic(const mast::Diagnostic& d, const SourceFile* file,
                           const std::function<const SourceFile*(FileId)>& file_of) {
  Diagnostic out;
  if (file) out.range = ToRange(*file, d.range.begin, d.range.end);
  out.severity = ToLspSeverity(d.severity);
  out.code = std::string(d.id());
  out.source = "mast";
  out.message = d.message;
  for (const std::string& note : d.notes) {
    out.message += note.rfind("fix: ", 0) == 0 ? "\n" + note : "\nnote: " + note;
  }
  for (const Label& label : d.labels) {
    const SourceFile* label_file = label.range.IsValid() ? file_of(label.range.file) : nullptr;
    if (!label_file) {
      out.message += "\nnote: " + label.message;
      continue;
    }
    DiagnosticRelatedInformation info;
    info.location.uri = PathToUri(NormalizePath(label_file->path()));
    info.location.range = ToRange(*label_file, label.range.begin, label.range.end);
    info.message = label.message;
    out.related.push_back(std::move(info));
  }
  if (d.fix && file) {
    std::vector<TextEdit> edits;
    bool same_file = true;
    for (const mast::TextEdit& edit : d.fix->edits) {
      if (edit.range.file != d.range.file) same_file = false;
      edits.push_back(TextEdit{ToRange(*file, edit.range.begin, edit.range.end), edit.replacement});
    }
    if (same_file && !edits.empty()) {
      out.fix_edits = std::move(edits);
      out.fix_title = d.fix->title;
    }
  }
  return out;
}

AnalysisResult Analyze(const AnalysisInput& input) {
  auto start = std::chrono::steady_clock::now();
  AnalysisResult result;
  result.path = input.document.path;
  result.version = input.document.version;
  result.diagnostics[input.document.path];
  static const std::shared_ptr<const AnalysisSettings> kDefaults = std::make_shared<AnalysisSettings>();
  AnalysisInput effective = input;
  if (!effective.settings) effective.settings = kDefaults;
  if (!effective.document.text) effective.document.text = std::make_shared<const std::string>();
  try {
    if (input.language == Language::kMast) AnalyzeMast(effective, result);
    else if (input.language == Language::kYaml) AnalyzeYaml(effective, result);
  } catch (...) {
    // Our own bug; keep the server alive and say so where the user looks.
    Diagnostic d;
    d.severity = DiagnosticSeverity::kError;
    d.source = "mast";
    d.message = "internal error while checking this file";
    try {
      throw;
    } catch (const std::exception& error) {
      d.message += std::string(": ") + error.what();
    } catch (...) {
    }
    result.diagnostics[input.document.path] = {d};
  }
  result.milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace mast::lsp
