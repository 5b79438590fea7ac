// The check pipeline: collect inputs, load schemas and CRDs, check each file
// (in parallel when asked), merge the findings in input order.
//
// Threads: the catalog, the CRD registry and compiled schemas are immutable
// while files are checked; the schema directory locks itself. The shared
// SourceManager is not thread-safe, so every manifest file is added to it
// before the parallel phase (workers only read it), and each .mast file is
// compiled with a SourceManager of its own whose files are added to the
// shared one when results are merged.
#include "schemas/check/check.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

#include "compiler/base/file_io.h"
#include "compiler/base/jobs.h"
#include "compiler/driver/compile.h"
#include "compiler/yaml/yaml_reader.h"
#include "schemas/catalog_choice.h"
#include "schemas/check/check_pipeline.h"
#include "schemas/check/chunks.h"
#include "schemas/check/crd_registry.h"
#include "schemas/check/crd_types.h"
#include "schemas/check/helm_output.h"
#include "schemas/check/input_roles.h"
#include "schemas/check/inputs.h"
#include "schemas/check/kustomization.h"
#include "schemas/check/object_check.h"
#include "schemas/check/program_check.h"
#include "schemas/check/schema_dir.h"
#include "schemas/kube_catalog.h"

namespace mast {

namespace {

namespace fs = std::filesystem;

using check_detail::AppendChunk;
using check_detail::MergeTask;
using check_detail::Task;

Diagnostic IoError(std::string message) {
  Diagnostic d;
  d.code = DiagnosticCode::E0901;
  d.severity = Severity::kError;
  d.message = std::move(message);
  return d;
}


// Reads one chunk of a manifest file and calls visit(documents, base); the
// reader's findings go to `stray` (in file offsets) when it is not null.
template <typename Visit>
void ReadChunk(FileId file, const std::string& text, const Chunk& chunk, const ManifestCheckOptions& options,
               std::vector<Diagnostic>* stray, Visit&& visit) {
  YamlReadOptions reader;
  reader.max_bytes = options.max_file_bytes;
  ParsedChunk parsed = ParseChunk(file, std::string_view(text).substr(chunk.begin, chunk.end - chunk.begin), reader);
  const uint32_t base = static_cast<uint32_t>(chunk.begin);
  const uint32_t length = static_cast<uint32_t>(chunk.end - chunk.begin);
  if (stray != nullptr) {
    for (Diagnostic& d : parsed.diagnostics) {
      // An error at the end of a chunk that is not the end of the file
      // points at the `---` that follows, as it would without chunks.
      if (d.range.begin == length && d.range.end == length && chunk.end < text.size()) d.range.end = length + 1;
      ShiftDiagnostic(d, base);
      stray->push_back(std::move(d));
    }
  }
  visit(parsed.documents, base);
}

template <typename Visit>
void ReadChunks(FileId file, const std::string& text, const ManifestCheckOptions& options,
                std::vector<Diagnostic>* stray, Visit&& visit) {
  for (const Chunk& chunk : SplitIntoChunks(text, options.chunk_bytes)) {
    ReadChunk(file, text, chunk, options, stray, visit);
  }
}

}  // namespace

size_t LoadCrdFiles(const ManifestCheckOptions& options, SourceManager& sources, CrdRegistry& registry,
                    std::vector<Diagnostic>& problems) {
  size_t io_errors = 0;
  const IgnoreMatcher no_ignore({});
  InputList crd_inputs = CollectInputs(options.crd_paths, no_ignore);
  for (std::string& error : crd_inputs.errors) {
    problems.push_back(IoError("--crd: " + error));
    ++io_errors;
  }
  for (const InputFile& input : crd_inputs.files) {
    std::string text;
    std::string error;
    if (input.kind == InputKind::kStdin || !ReadFileToString(input.path, &text, &error, options.max_file_bytes)) {
      problems.push_back(IoError("--crd: " + (error.empty() ? "standard input cannot hold CRDs" : error)));
      ++io_errors;
      continue;
    }
    const FileId file = sources.Add(input.path, std::move(text));
    ReadChunks(file, sources.Get(file).text(), options, &problems,
               [&](const std::vector<YamlDocument>& documents, uint32_t base) {
                 DiagnosticSink sink;
                 for (const YamlDocument& document : documents) registry.Add(document.value, sink);
                 for (Diagnostic& d : sink.mutable_diagnostics()) {
                   ShiftDiagnostic(d, base);
                   problems.push_back(std::move(d));
                 }
               });
  }
  return io_errors;
}

size_t ManifestCheckResult::CountObjects(ObjectStatus status) const {
  return static_cast<size_t>(
      std::count_if(objects.begin(), objects.end(), [&](const CheckedObject& o) { return o.status == status; }));
}

size_t ManifestCheckResult::ErrorCount() const {
  return static_cast<size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                           [](const Diagnostic& d) { return d.severity == Severity::kError; }));
}

ManifestCheckResult CheckManifests(const ManifestCheckOptions& options) {
  ManifestCheckResult result;
  CheckManifests(options, result);
  return result;
}

namespace {

// The schemas every input is checked against: the catalog (embedded, or
// --schema), --schema-dir, and the CRDs of --crd and of the inputs.
struct ChosenSchemas {
  std::unique_ptr<KubeCatalog> custom_catalog;
  const KubeCatalog* catalog = nullptr;
  std::unique_ptr<SchemaDirectory> schema_dir;
  CrdRegistry crds;
};

// Fills `schemas`; false when checking cannot start (the reason is in `setup`).
bool LoadSchemas(const ManifestCheckOptions& options, ManifestCheckResult& result, std::vector<Diagnostic>& setup,
                 ChosenSchemas& schemas) {
  CatalogChoice choice{options.schema_file, options.kubernetes_version, options.kubernetes_version_origin};
  DiagnosticSink choice_problems;
  ChosenCatalog chosen;
  if (options.catalog != nullptr) {
    chosen.catalog = options.catalog;
  } else {
    chosen = ChooseCatalog(choice, choice_problems);
  }
  for (Diagnostic& problem : choice_problems.mutable_diagnostics()) setup.push_back(std::move(problem));
  if (chosen.catalog == nullptr) {
    setup.push_back(IoError(chosen.error));
    ++result.io_errors;
    return false;
  }
  schemas.custom_catalog = std::move(chosen.owned);
  schemas.catalog = chosen.catalog;
  if (!options.schema_dir.empty()) {
    std::error_code ec;
    if (!fs::is_directory(options.schema_dir, ec)) {
      setup.push_back(IoError("--schema-dir: `" + options.schema_dir + "` is not a directory"));
      ++result.io_errors;
      return false;
    }
    schemas.schema_dir = std::make_unique<SchemaDirectory>(options.schema_dir);
  }
  result.io_errors += LoadCrdFiles(options, result.sources, schemas.crds, setup);
  return true;
}

// Collects the inputs into one task each, in input order.
std::vector<Task> MakeTasks(const ManifestCheckOptions& options, ManifestCheckResult& result,
                            std::vector<Diagnostic>& setup) {
  const IgnoreMatcher ignore(options.ignore);
  const IgnoreMatcher config_ignore(options.config_ignore);
  CollectOptions collect;
  collect.recognise_roles = !options.strict_inputs;
  InputList inputs = CollectInputs(options.paths, ignore, config_ignore, collect);
  result.skipped_inputs = std::move(inputs.skipped);
  result.skipped_files = result.skipped_inputs.size();
  result.ignored = inputs.ignored;
  result.ignored_by_config = inputs.ignored_by_config;
  for (std::string& error : inputs.errors) {
    setup.push_back(IoError(std::move(error)));
    ++result.io_errors;
  }
  std::vector<Task> tasks(inputs.files.size());
  for (size_t i = 0; i < tasks.size(); ++i) {
    tasks[i].input = std::move(inputs.files[i]);
    tasks[i].index = static_cast<uint32_t>(i);
    const bool is_stdin = tasks[i].input.kind == InputKind::kStdin;
    result.inputs.push_back({is_stdin ? options.stdin_name : tasks[i].input.path, kNoFile,
                             tasks[i].input.kind == InputKind::kMast});
  }
  return tasks;
}

// Reads manifest texts (in parallel), then registers them in input order.
void ReadManifestTexts(const ManifestCheckOptions& options, unsigned jobs, std::vector<Task>& tasks,
                       ManifestCheckResult& result, std::vector<Diagnostic>& setup) {
  ParallelFor(tasks.size(), jobs, [&](size_t i, unsigned) {
    Task& task = tasks[i];
    if (task.input.kind == InputKind::kMast) return;
    if (task.input.kind == InputKind::kStdin) {
      if (options.stdin_text) task.text = *options.stdin_text;
      else ReadDescriptorToString(STDIN_FILENO, options.stdin_name, &task.text, &task.read_error, options.max_file_bytes);
      if (task.text.size() > options.max_file_bytes) task.read_error = TooLargeError(options.stdin_name, options.max_file_bytes);
      return;
    }
    // A path named on the command line may be a pipe (`<(...)`, /dev/stdin).
    ReadInputToString(task.input.path, &task.text, &task.read_error, options.max_file_bytes);
  });
  for (Task& task : tasks) {
    if (task.input.kind == InputKind::kMast) continue;
    if (!task.read_error.empty()) {
      Diagnostic d = IoError(task.read_error);
      if (IsTooLargeError(task.read_error)) {
        // Shown at the start of the input, as the reader reports its limits.
        d.code = DiagnosticCode::E0603;
        d.range = {result.sources.Add(result.inputs[task.index].path, ""), 0, 0};
        d.message += "; split the input into smaller files";
      }
      setup.push_back(std::move(d));
      ++result.io_errors;
      continue;
    }
    task.file = result.sources.Add(result.inputs[task.index].path, std::move(task.text));
    task.text.clear();
    // helm template output: findings are shown on their templates.
    std::vector<SourceFile::RenderedPart> parts = FindHelmSources(result.sources.Get(task.file).text());
    if (!parts.empty()) result.sources.SetRenderedParts(task.file, std::move(parts));
    result.inputs[task.index].file = task.file;
  }
}

// CRDs among the inputs apply to every input, so they are found first.
// Only files that mention the kind are read early; their reader findings
// are reported by the main pass, their schema findings are kept here.
void AddCrdsFromInputs(const ManifestCheckOptions& options, unsigned jobs, const SourceManager& manager,
                       std::vector<Task>& tasks, CrdRegistry& crds) {
  std::vector<size_t> crd_tasks;
  for (size_t i = 0; i < tasks.size(); ++i) {
    if (tasks[i].file != kNoFile && manager.Get(tasks[i].file).text().find("CustomResourceDefinition") != std::string::npos) {
      crd_tasks.push_back(i);
    }
  }
  std::vector<std::vector<std::pair<Value, uint32_t>>> found_crds(crd_tasks.size());  // (CRD, chunk base)
  ParallelFor(crd_tasks.size(), jobs, [&](size_t k, unsigned) {
    const Task& task = tasks[crd_tasks[k]];
    ReadChunks(task.file, manager.Get(task.file).text(), options, nullptr,
               [&](const std::vector<YamlDocument>& documents, uint32_t base) {
                 for (const YamlDocument& document : documents) {
                   if (IsCustomResourceDefinition(document.value) || IsListDocument(document.value)) {
                     found_crds[k].emplace_back(document.value, base);
                   }
                 }
               });
  });
  for (size_t k = 0; k < crd_tasks.size(); ++k) {
    for (const auto& [document, base] : found_crds[k]) {
      DiagnosticSink sink;
      crds.Add(document, sink);
      for (Diagnostic& d : sink.mutable_diagnostics()) {
        ShiftDiagnostic(d, base);
        tasks[crd_tasks[k]].stray.push_back(std::move(d));
      }
    }
  }
}

// Work items: a .mast file, or one chunk of a manifest file, so that -j
// also spreads one big file over the threads.
struct WorkItem {
  size_t task = 0;
  Chunk chunk;
  FileFindings findings;  // chunk offsets
  std::vector<Diagnostic> stray;
  size_t skipped_documents = 0;  // not Kubernetes objects
};

std::vector<WorkItem> PlanWorkItems(const ManifestCheckOptions& options, const std::vector<Task>& tasks,
                                    const SourceManager& manager) {
  std::vector<WorkItem> items;
  for (size_t i = 0; i < tasks.size(); ++i) {
    if (tasks[i].input.kind == InputKind::kMast) {
      items.push_back({i, {}, {}, {}});
    } else if (tasks[i].input.kind == InputKind::kKustomization && tasks[i].file != kNoFile) {
      items.push_back({i, Chunk{0, manager.Get(tasks[i].file).text().size()}, {}, {}});
    } else if (tasks[i].file != kNoFile) {
      for (const Chunk& chunk : SplitIntoChunks(manager.Get(tasks[i].file).text(), options.chunk_bytes)) {
        items.push_back({i, chunk, {}, {}});
      }
    }
  }
  return items;
}

// What the workers share while checking: all read-only but the observer,
// which keeps one state per worker.
struct CheckContext {
  const ManifestCheckOptions& options;
  const SourceManager& manager;
  const SchemaSources& sources;
  const ObjectChecker& checker;
  const CustomResourceTypes& program_types;  // what .mast inputs see: the catalog plus `crd:` imports
  ObjectObserver* observer;
  // Threads for one program's objects: all of them when the program is the
  // only work item, else one (the work items already share the threads).
  unsigned program_jobs;
};

void CheckMastTask(const CheckContext& context, Task& task) {
  task.mast_sources = std::make_unique<SourceManager>();
  CompileOptions compile_options;
  compile_options.external = &context.program_types;
  CompileResult compiled = Compile(*task.mast_sources, {task.input.path}, compile_options);
  task.compile_diagnostics = std::move(compiled.diagnostics.mutable_diagnostics());
  SchemaSources with_imports = context.sources;
  if (compiled.program) with_imports.imported_crds = ImportedCrds(*compiled.program);
  CheckProgramDocuments(compiled.documents, with_imports, context.options, task.index, task.findings,
                        task.mast_sources->provenance(), context.program_jobs, &compiled.fields_validated);
}

void CheckKustomizationChunk(const CheckContext& context, const Task& task, WorkItem& item) {
  ReadChunk(task.file, context.manager.Get(task.file).text(), item.chunk, context.options, &item.stray,
            [&](const std::vector<YamlDocument>& documents, uint32_t) {
              DiagnosticSink sink;
              for (const YamlDocument& document : documents) ValidateKustomization(document.value, task.input.path, sink);
              for (Diagnostic& d : sink.mutable_diagnostics()) item.stray.push_back(std::move(d));
            });
}

void CheckManifestChunk(const CheckContext& context, const Task& task, WorkItem& item, unsigned worker) {
  ReadChunk(task.file, context.manager.Get(task.file).text(), item.chunk, context.options, &item.stray,
            [&](const std::vector<YamlDocument>& documents, uint32_t) {
              for (const YamlDocument& document : documents) {
                if (document.empty || document.value.IsNull()) continue;
                // Some other tool's YAML (input_roles.h) passes in silence.
                if (!context.options.strict_inputs && !LooksLikeKubernetesObject(document.value)) {
                  ++item.skipped_documents;
                  continue;
                }
                context.checker.CheckDocument(document.value, task.index, item.findings);
              }
            });
  if (context.observer != nullptr && !item.findings.objects.empty()) {
    context.observer->Observe(worker, item.findings.objects, static_cast<uint32_t>(item.chunk.begin));
    for (CheckedObject& object : item.findings.objects) object.observed = true;
  }
  // The values still kept hold their storage alone: move their origins to
  // file offsets in place, on this worker thread.
  for (CheckedObject& object : item.findings.objects) ShiftOrigins(object.value, static_cast<uint32_t>(item.chunk.begin));
}

void CheckWorkItems(const ManifestCheckOptions& options, unsigned jobs, const ChosenSchemas& schemas,
                    std::vector<Task>& tasks, std::vector<WorkItem>& items, ManifestCheckResult& result) {
  SchemaSources sources;
  sources.catalog = schemas.catalog;
  sources.crds = schemas.crds.empty() ? nullptr : &schemas.crds;
  sources.schema_dir = schemas.schema_dir.get();
  const ObjectChecker checker(sources, options);
  const CustomResourceTypes program_types(*schemas.catalog);
  ObjectObserver* observer = options.keep_values ? options.observer : nullptr;
  if (std::any_of(tasks.begin(), tasks.end(), [](const Task& t) { return t.input.kind == InputKind::kMast; })) {
    observer = nullptr;
  }
  if (observer != nullptr) observer->Start(result.sources, jobs == 0 ? 1 : jobs);
  const unsigned program_jobs = items.size() == 1 ? jobs : 1;
  const CheckContext context{options, result.sources, sources, checker, program_types, observer, program_jobs};
  ParallelFor(items.size(), jobs, [&](size_t k, unsigned worker) {
    WorkItem& item = items[k];
    Task& task = tasks[item.task];
    if (task.input.kind == InputKind::kMast) {
      CheckMastTask(context, task);
    } else if (task.input.kind == InputKind::kKustomization) {
      CheckKustomizationChunk(context, task, item);
    } else {
      CheckManifestChunk(context, task, item, worker);
    }
  });
}

// Objects move from chunks to files to the result: each array is sized
// once and freed once emptied, so that 100,000 objects are not in three
// arrays (some twice their size) at once.
void GatherChunkFindings(std::vector<WorkItem>& items, std::vector<Task>& tasks, ManifestCheckResult& result) {
  std::vector<size_t> file_objects(tasks.size(), 0);
  for (const WorkItem& item : items) file_objects[item.task] += item.findings.objects.size();
  for (size_t i = 0; i < tasks.size(); ++i) {
    if (tasks[i].input.kind != InputKind::kMast) tasks[i].findings.objects.reserve(file_objects[i]);
  }
  std::vector<size_t> skipped_documents(tasks.size(), 0);
  for (WorkItem& item : items) {
    Task& task = tasks[item.task];
    if (task.input.kind == InputKind::kMast) continue;
    AppendChunk(item.findings, static_cast<uint32_t>(item.chunk.begin), task.findings);
    std::vector<CheckedObject>().swap(item.findings.objects);
    for (Diagnostic& d : item.stray) task.stray.push_back(std::move(d));
    skipped_documents[item.task] += item.skipped_documents;
  }
  for (size_t i = 0; i < tasks.size(); ++i) {
    if (skipped_documents[i] == 0) continue;
    const size_t count = skipped_documents[i];
    result.skipped_inputs.push_back(
        {result.inputs[i].path, std::to_string(count) + (count == 1 ? " document that is" : " documents that are") +
                                    " not a Kubernetes object (no apiVersion, kind or metadata)"});
  }
}

}  // namespace

void CheckManifests(const ManifestCheckOptions& options, ManifestCheckResult& result) {
  std::vector<Diagnostic> setup;  // findings outside the inputs, reported first
  auto finish = [&] {
    result.diagnostics.insert(result.diagnostics.begin(), setup.begin(), setup.end());
    result.diagnostic_objects.insert(result.diagnostic_objects.begin(), setup.size(), kNoObject);
  };
  ChosenSchemas schemas;
  if (!LoadSchemas(options, result, setup, schemas)) return finish();
  std::vector<Task> tasks = MakeTasks(options, result, setup);
  const unsigned jobs = ResolveJobs(options.jobs);
  ReadManifestTexts(options, jobs, tasks, result, setup);
  AddCrdsFromInputs(options, jobs, result.sources, tasks, schemas.crds);

  std::vector<WorkItem> items = PlanWorkItems(options, tasks, result.sources);
  CheckWorkItems(options, jobs, schemas, tasks, items, result);
  GatherChunkFindings(items, tasks, result);
  items.clear();

  size_t object_count = result.objects.size();
  for (const Task& task : tasks) object_count += task.findings.objects.size();
  result.objects.reserve(object_count);
  for (Task& task : tasks) MergeTask(task, options, result);
  if (schemas.schema_dir) {
    for (std::string& error : schemas.schema_dir->errors()) {
      setup.push_back(IoError("--schema-dir: " + error));
      ++result.io_errors;
    }
  }
  return finish();
}

}  // namespace mast
