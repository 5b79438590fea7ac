// `mast build`: compile Mast files to a YAML or JSON stream.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <future>
#include <set>

#include "cli/commands.h"
#include "cli/diagnostics_output.h"
#include "compiler/base/file_io.h"
#include "compiler/base/jobs.h"
#include "compiler/base/output_file.h"
#include "compiler/driver/compile.h"
#include "compiler/emit/json_writer.h"
#include "compiler/emit/yaml_writer.h"
#include "policies/config.h"
#include "policies/engine.h"
#include "policies/findings.h"
#include "schemas/catalog_choice.h"
#include "schemas/check/crd_types.h"
#include "schemas/kube_catalog.h"

namespace mast::cli {
namespace {

namespace fs = std::filesystem;

std::string Render(const std::vector<Value>& documents, const std::string& format) {
  return format == "json" ? WriteJsonStream(documents) : WriteYamlStream(documents);
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// "03-deployment-web.yaml": index (keeps the stream order), kind, name.
std::string DocumentFileName(const Value& document, size_t index, size_t count, const std::string& extension) {
  auto text_of = [&](const Value* v) { return v && v->IsString() ? v->AsString() : std::string(); };
  std::string kind = Lower(text_of(document.Find("kind")));
  std::string name;
  if (const Value* metadata = document.Find("metadata")) name = text_of(metadata->Find("name"));
  std::string digits = std::to_string(index + 1);
  size_t width = std::max<size_t>(2, std::to_string(count).size());
  std::string file = std::string(width - std::min(width, digits.size()), '0') + digits;
  for (const std::string& part : {kind, name}) {
    if (part.empty()) continue;
    file += "-";
    for (char c : part) file += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' ? c : '-';
  }
  return file + "." + extension;
}

// --kustomization: the directory's objects as a Kustomize base, so that an
// overlay can name the directory in its `resources`.
constexpr const char* kKustomizationName = "kustomization.yaml";

std::string KustomizationText(const std::vector<std::pair<std::string, std::string>>& files) {
  std::string text =
      "# Written by `mast build --kustomization`: the objects in this directory, as a Kustomize base.\n"
      "apiVersion: kustomize.config.k8s.io/v1beta1\n"
      "kind: Kustomization\n";
  text += files.empty() ? "resources: []\n" : "resources:\n";
  for (const auto& [name, contents] : files) text += "- " + name + "\n";
  return text;
}

// One file per object (and the kustomization, when asked for).
std::vector<std::pair<std::string, std::string>> DirectoryFiles(const std::vector<Value>& documents,
                                                                const BuildOptions& options) {
  std::vector<std::pair<std::string, std::string>> files;
  files.reserve(documents.size() + 1);
  for (size_t i = 0; i < documents.size(); ++i) {
    files.emplace_back(DocumentFileName(documents[i], i, documents.size(), options.format),
                       Render({documents[i]}, options.format));
  }
  if (options.kustomization) files.emplace_back(kKustomizationName, KustomizationText(files));
  return files;
}

// With --verify nothing is written: the output must already be on disk.
bool VerifyOrReport(const std::string& path, const std::string& contents) {
  std::string existing;
  std::string error;
  if (ReadFileToString(path, &existing, &error, 256u << 20) && existing == contents) return true;
  std::fprintf(stderr, "mast: %s is out of date; rebuild it with `mast build ... -o %s`\n", path.c_str(), path.c_str());
  return false;
}

bool WriteOrReport(const std::string& path, const std::string& contents) {
  std::string error;
  if (WriteOutputFile(path, contents, &error)) return true;
  std::fprintf(stderr, "mast: error[E0901]: %s\n", error.c_str());
  return false;
}

// What one build holds in memory. It is never freed: the process exits
// right after the build, and tearing down every value of a large output
// costs about a sixth of the build (the same trade as clang's -disable-free).
// A global keeps it reachable, so leak checkers do not report it.
struct BuildState {
  SourceManager sources;
  ChosenCatalog catalog;
  std::unique_ptr<CustomResourceTypes> types;  // the catalog plus `crd:` imports
  CompileResult result;
  std::unique_ptr<PolicyEngine> engine;
  // The output stream, rendered on a thread of its own while the checks run
  // (StartRendering); invalid when it is rendered at the end instead.
  std::future<std::string> rendered;
};
BuildState* kept_build_state = nullptr;

// Whether the output is one stream (standard output or a file), not a
// directory of one file per object.
bool WritesOneStream(const BuildOptions& options) {
  std::error_code ec;
  return options.output.empty() || (options.output.back() != '/' && !fs::is_directory(options.output, ec));
}

// The checks and the rendering of the output only read the documents, so
// with a second thread the output is rendered while the checks run (it is
// thrown away if they fail the build). Not with -j 1, nor when the program
// already has errors.
void StartRendering(const BuildOptions& options, const std::vector<Diagnostic>& found, BuildState& state) {
  if (!options.check || ResolveJobs(options.jobs) < 2 || !WritesOneStream(options)) return;
  const CompileResult& result = state.result;
  if (result.documents.empty() || result.has_syntax_errors) return;
  if (std::any_of(found.begin(), found.end(), [](const Diagnostic& d) { return d.severity == Severity::kError; })) {
    return;
  }
  state.rendered = std::async(std::launch::async, [&documents = result.documents, format = options.format] {
    return Render(documents, format);
  });
}

// The output stream: the one rendered while checking, else rendered now.
std::string TakeStream(const BuildOptions& options, const std::vector<Value>& documents, BuildState& state) {
  return state.rendered.valid() ? state.rendered.get() : Render(documents, options.format);
}

// Compiles the program and, unless --no-check, runs every check of `mast
// check` on the emitted objects; the findings point at the Mast expressions
// that produced the values. Leaves the sorted findings in
// `state.result.diagnostics`; returns how many a suppression hid.
size_t CompileAndCheck(const BuildOptions& options, const MastConfig& config, DiagnosticSink config_diagnostics,
                       BuildState& state) {
  CompileOptions compile_options;
  compile_options.defines = options.defines;
  compile_options.project_root = options.root;
  state.types = std::make_unique<CustomResourceTypes>(*state.catalog.catalog);
  compile_options.external = state.types.get();
  CompileResult& result = state.result;
  result = Compile(state.sources, options.files, compile_options);
  result.diagnostics.Append(std::move(config_diagnostics));
  std::vector<Diagnostic> found = std::move(result.diagnostics.mutable_diagnostics());
  Findings findings;
  if (options.check) {
    StartRendering(options, found, state);
    ProgramCheckSettings settings;
    settings.catalog = state.catalog.catalog;
    if (result.program) settings.imported_crds = ImportedCrds(*result.program);
    settings.fields_validated = &result.fields_validated;
    settings.crd_paths = options.crds;
    settings.crd_paths.insert(settings.crd_paths.end(), config.crds.begin(), config.crds.end());
    settings.policies = config.policies;
    settings.findings.suppressions = options.suppressions;
    settings.findings.jobs = options.jobs;
    findings = CheckCompiledProgram(state.sources, result.documents, std::move(found), settings);
    state.engine = std::move(findings.loaded_engine);
  } else {
    SortDiagnostics(found);
    findings.diagnostics = std::move(found);
  }
  result.diagnostics.mutable_diagnostics() = std::move(findings.diagnostics);
  return findings.suppressed;
}

// --verify: the output on disk must be what this build would write.
int VerifyOutput(const BuildOptions& options, BuildState& state, bool to_directory) {
  const std::string& out = options.output;
  const std::vector<Value>& documents = state.result.documents;
  if (!to_directory) return VerifyOrReport(out, TakeStream(options, documents, state)) ? kExitClean : kExitFindings;
  bool fresh = true;
  std::set<std::string> expected;
  for (const auto& [name, contents] : DirectoryFiles(documents, options)) {
    fresh = VerifyOrReport((fs::path(out) / name).string(), contents) && fresh;
    expected.insert(name);
  }
  // An object that is no longer emitted leaves a stale file behind.
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(out, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.' || expected.count(name)) continue;
    std::fprintf(stderr, "mast: %s is not part of the build any more; rebuild with `mast build ... -o %s`\n",
                 entry.path().string().c_str(), out.c_str());
    fresh = false;
  }
  return fresh ? kExitClean : kExitFindings;
}

// Writes (or with --verify compares) the documents: standard output, a
// file, or a directory of one file per object.
int WriteBuildOutput(const BuildOptions& options, BuildState& state) {
  const std::string& out = options.output;
  const std::vector<Value>& documents = state.result.documents;
  if (options.verify && out.empty()) {
    std::fprintf(stderr, "mast: error: --verify needs -o: the committed output to compare with\n");
    return kExitUsage;
  }
  if (out.empty()) {
    std::string text = TakeStream(options, documents, state);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kExitClean;  // main checks that standard output took it all
  }
  const bool to_directory = !WritesOneStream(options);
  if (options.kustomization && !to_directory) {
    std::fprintf(stderr, "mast: error: --kustomization needs a directory output: -o DIR/\n");
    return kExitUsage;
  }
  if (options.verify) return VerifyOutput(options, state, to_directory);
  if (!to_directory) return WriteOrReport(out, TakeStream(options, documents, state)) ? kExitClean : kExitUsage;
  // The whole directory is written beside `out` and swapped in (see
  // base/output_file.h): a failed or killed build leaves the old one whole.
  // The kustomization is part of the swapped directory, so it always lists
  // exactly the files beside it.
  std::string error;
  if (!WriteOutputDirectory(out, DirectoryFiles(documents, options), &error)) {
    std::fprintf(stderr, "mast: error[E0901]: %s\n", error.c_str());
    return kExitUsage;
  }
  return kExitClean;
}

}  // namespace

int RunBuild(const BuildOptions& options) {
  if (options.format != "yaml" && options.format != "json") {
    std::fprintf(stderr, "mast: error: --format must be yaml or json, found `%s`\n", options.format.c_str());
    return kExitUsage;
  }
  delete kept_build_state;  // only if called twice in one process (tests)
  kept_build_state = new BuildState();
  SourceManager& sources = kept_build_state->sources;
  MastConfig config;
  DiagnosticSink config_diagnostics;
  std::string config_path = options.config.empty() ? FindConfig(options.files.front()) : options.config;
  if (!config_path.empty()) {
    if (std::optional<MastConfig> loaded = LoadConfig(config_path, sources, config_diagnostics)) config = *loaded;
  }
  // The catalog: flags win over the configuration (schemas/catalog_choice.h).
  const CatalogChoice configured{config.schema, config.kubernetes_version, config.kubernetes_version_origin};
  ChosenCatalog& chosen = kept_build_state->catalog;
  chosen = ChooseCatalog(CatalogChoice::Combine({options.schema, options.kubernetes_version, {}}, configured),
                         config_diagnostics);
  if (chosen.catalog == nullptr) {
    PrintDiagnostics(sources, config_diagnostics.diagnostics(), options.output_options);
    std::fprintf(stderr, "mast: error: %s\n", chosen.error.c_str());
    return kExitUsage;
  }
  // A build that writes nothing still waits for the output it rendered
  // beside the checks: the process must not exit under a running thread.
  struct FinishRendering {
    BuildState& state;
    ~FinishRendering() {
      if (state.rendered.valid()) state.rendered.wait();
    }
  } finish_rendering{*kept_build_state};
  const size_t suppressed = CompileAndCheck(options, config, std::move(config_diagnostics), *kept_build_state);
  const CompileResult& result = kept_build_state->result;
  const std::vector<Diagnostic>& diagnostics = result.diagnostics.diagnostics();
  PrintDiagnostics(sources, diagnostics, options.output_options, suppressed, options.jobs);
  const bool io_error = std::any_of(diagnostics.begin(), diagnostics.end(),
                                    [](const Diagnostic& d) { return d.code == DiagnosticCode::E0901; });
  if (io_error) return kExitUsage;
  if (FindingsFail(diagnostics, options.fail_on.empty() ? config.fail_on : options.fail_on)) return kExitFindings;
  // The documents of a program that does not parse miss what its broken
  // declarations would emit, even when a suppression hides the error.
  if (result.has_syntax_errors) return kExitFindings;
  return WriteBuildOutput(options, *kept_build_state);
}

}  // namespace mast::cli
