// Golden tests for the compiler. Each `.mast` case carries its expected
// diagnostics inline, under the offending line:
//
//   let web = WebApp { replicas: 60 }
//   //~^ E0401@30: value 60 is out of range for `int(1..50)`; it must be between 1 and 50
//
// `//~^` refers to the nearest line above that is not itself an expectation;
// `//~ CODE@COL: message` at the end of a code line refers to that line, and
// `//~<NAME>:LINE CODE@COL: message` to a line of a synthetic source such as
// `<command line>` (-D values) or `<fromYaml>` (text parsed by fromYaml). The YAML
// output is compared with `<case>.golden.yaml` (absent when the case fails).
//
// Directives in `// golden: ...` comments: `library` (not a case by itself),
// `args -D name=value ...`, `max-steps N`, `max-call-depth N`,
// `max-bytes N`, `max-nesting N`, `kubernetes-version V` (a release like
// 1.29, or a range like 1.29..1.36; default the newest), `notes`.
//
// With `// golden: notes`, each diagnostic's labels and notes are expected
// too, in its order, one `//~|` line each right after its expectation:
//
//   //~^ E0401@23: value 80000 is out of range for `Port`; it must be between 1 and 65535
//   //~| note lib.mast:3:13: constraint declared here
//   //~| note app.mast:5:8: `service` is called here
//   //~| = note: 2 more calls further out lead here
//
// (label paths are relative to the folder of the file the expectation is
// in). Without the directive, `//~|` lines are ignored, so a library's
// expectations serve cases of both kinds.
//
// Manifest cases (`.yaml`, `.yml`, `.json`) run through the `mast check`
// pipeline (schemas/check) instead, with the same semantics written as YAML
// comments: `# ~^ E0501@7: message` under the offending line, or
// `# ~ CODE@COL: message` at the end of it. Directives are `# golden: ...`
// lines: `crd PATH` (repeatable), `schema FILE`, `schema-dir DIR`,
// `skip-unknown-kinds`, `no-server-rules`, `kubernetes-version V`, `library`
// (not a case by itself);
// paths are relative to the working directory (the source root). They have
// no golden output. A diagnostic with no file is written `# ~<no file>:0 CODE: message`.
//
// Usage: golden_runner CASE.mast...           check
//        golden_runner --update CASE.mast...  rewrite expectations and goldens
//        golden_runner --coverage DIR...      every diagnostic code has a test
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "compiler/base/file_io.h"
#include "compiler/driver/compile.h"
#include "compiler/emit/yaml_writer.h"
#include "policies/config.h"
#include "policies/engine.h"
#include "policies/findings.h"
#include "policies/suppressions.h"
#include "schemas/catalog_choice.h"
#include "schemas/check/check.h"
#include "schemas/check/crd_types.h"
#include "schemas/kube_catalog.h"

namespace fs = std::filesystem;
using namespace mast;

namespace {

struct Expectation {
  std::string file;  // path, or "<command line>"
  uint32_t line = 0;
  std::string text;  // "E0401@30: message"
  bool operator<(const Expectation& o) const { return std::tie(file, line, text) < std::tie(o.file, o.line, o.text); }
  bool operator==(const Expectation& o) const { return file == o.file && line == o.line && text == o.text; }
};

std::string ReadText(const std::string& path) {
  std::string text, error;
  ReadFileToString(path, &text, &error, 64u << 20);
  return text;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

// The expectation marker: `//~` in .mast cases, `# ~` in manifest cases.
std::string_view MarkerFor(const std::string& path) {
  const std::string extension = fs::path(path).extension().string();
  return extension == ".yaml" || extension == ".yml" || extension == ".json" ? "# ~" : "//~";
}

bool IsManifestCase(const std::string& path) { return MarkerFor(path) == "# ~"; }

bool IsExpectationLine(const std::string& line, std::string_view marker = "//~") {
  size_t start = line.find_first_not_of(" \t");
  return start != std::string::npos && line.compare(start, marker.size(), marker) == 0;
}

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\r");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// Reads the expectations written in one file; with `notes`, their `//~|`
// lines too (see the top of this file).
void ParseExpectations(const std::string& path, const std::string& text, std::vector<Expectation>& out,
                       bool notes = false) {
  const std::string_view marker_text = MarkerFor(path);
  std::vector<std::string> lines = SplitLines(text);
  uint32_t anchor = 0;
  const size_t first = out.size();  // this file's expectations start here
  for (uint32_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    size_t marker = line.find(marker_text);
    if (marker == std::string::npos) {
      anchor = i + 1;
      continue;
    }
    std::string rest = line.substr(marker + marker_text.size());
    if (IsExpectationLine(line, marker_text)) {
      if (!rest.empty() && rest[0] == '|') {
        if (notes && out.size() > first) out.back().text += "\n" + Trim(rest.substr(1));
      } else if (!rest.empty() && rest[0] == '<') {
        size_t close = rest.find(">:");
        if (close == std::string::npos) continue;
        size_t space = rest.find(' ', close);
        uint32_t synthetic_line = static_cast<uint32_t>(std::atoi(rest.substr(close + 2, space - close - 2).c_str()));
        out.push_back({rest.substr(0, close + 1), synthetic_line, Trim(rest.substr(space))});
      } else if (!rest.empty() && rest[0] == '^') {
        out.push_back({path, anchor, Trim(rest.substr(1))});
      }
    } else {
      anchor = i + 1;
      out.push_back({path, i + 1, Trim(rest)});
    }
  }
}

struct CaseConfig {
  bool library = false;
  bool notes = false;       // `// golden: notes`: labels and notes are expected too
  bool lint = false;        // `// golden: lint`: run the policy linter like `mast build`
  bool builtin_policies = true;  // `// golden: own-policies-only`: only the case's own policies
  std::string config_file;  // `// golden: config FILE`: a .mast.yaml, relative to the case
  std::string kubernetes_version;  // `// golden: kubernetes-version 1.29`
  CompileOptions options;
};

CaseConfig ReadDirectives(const std::string& text) {
  CaseConfig config;
  for (const std::string& line : SplitLines(text)) {
    size_t at = line.find("// golden:");
    if (at == std::string::npos) continue;
    std::istringstream words(line.substr(at + 10));
    std::string word;
    words >> word;
    if (word == "library") config.library = true;
    else if (word == "notes") config.notes = true;
    else if (word == "lint") config.lint = true;
    else if (word == "own-policies-only") config.lint = true, config.builtin_policies = false;
    else if (word == "config") words >> config.config_file, config.lint = true;
    else if (word == "args") {
      std::string flag, value;
      while (words >> flag >> value) {
        if (flag == "-D") config.options.defines.push_back(value);
      }
    } else if (word == "max-steps") words >> config.options.limits.max_steps;
    else if (word == "max-call-depth") words >> config.options.limits.max_call_depth;
    else if (word == "max-bytes") words >> config.options.parse.max_bytes;
    else if (word == "max-nesting") words >> config.options.parse.max_nesting;
    else if (word == "kubernetes-version") words >> config.kubernetes_version;
  }
  return config;
}

std::string OneLine(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

// The expectation lines `--update` inserts after each line of each file,
// by path: a label's line in the updated file is its line in the stripped
// one plus those inserted above it.
using InsertedLines = std::map<std::string, std::map<uint32_t, uint32_t>>;

uint32_t ShiftedLine(const InsertedLines* inserted, const std::string& path, uint32_t line) {
  if (inserted == nullptr) return line;
  auto file = inserted->find(path);
  if (file == inserted->end()) return line;
  uint32_t shifted = line;
  for (auto it = file->second.begin(); it != file->second.end() && it->first < line; ++it) shifted += it->second;
  return shifted;
}

// `lib.mast:3:13`: where a label is, from the folder of `from` (the file of
// the diagnostic, whose expectation names it).
std::string LabelPlace(const SourceManager& sources, SourceRange range, const std::string& from,
                       const InsertedLines* inserted) {
  if (!range.IsValid() || !sources.Has(range.file)) return "<no file>:0:0";
  const SourceFile& file = sources.Get(range.file);
  LineColumn lc = file.ToLineColumn(range.begin);
  std::string path = file.path();
  const uint32_t line = ShiftedLine(inserted, path, lc.line);
  if (path.rfind("<", 0) != 0) path = fs::path(path).lexically_relative(fs::path(from).parent_path()).string();
  return path + ":" + std::to_string(line) + ":" + std::to_string(lc.column);
}

// "E0401@30: message", and with `notes` a line per label and note.
std::string FormatExpectation(const SourceManager& sources, const Diagnostic& d, bool notes = false,
                              const InsertedLines* inserted = nullptr) {
  const SourceFile& file = sources.Get(d.range.file);
  LineColumn lc = file.ToLineColumn(d.range.begin);
  std::string text = std::string(d.id()) + "@" + std::to_string(lc.column) + ": " + OneLine(d.message);
  if (!notes) return text;
  // Label paths are relative to the diagnostic's file, or for text with no
  // file (`<fromYaml>`) to the case, the first file the compile loaded.
  std::string from = file.path();
  if (from.rfind("<", 0) == 0 && sources.size() > 0) from = sources.Get(0).path();
  for (const Label& label : d.labels) {
    text += "\nnote " + LabelPlace(sources, label.range, from, inserted) + ": " + OneLine(label.message);
  }
  for (const std::string& note : d.notes) text += "\n= note: " + OneLine(note);
  return text;
}

struct CaseRun {
  CompileResult result;
  SourceManager sources;
  std::vector<Expectation> actual;
};

// The run's diagnostics as expectations (label lines shifted by `inserted`).
void CollectActual(const CaseConfig& config, CaseRun& run, const InsertedLines* inserted) {
  run.actual.clear();
  for (const Diagnostic& d : run.result.diagnostics.diagnostics()) {
    if (!d.range.IsValid()) {
      run.actual.push_back({"<no file>", 0, std::string(d.id()) + ": " + d.message});
      continue;
    }
    const SourceFile& file = run.sources.Get(d.range.file);
    run.actual.push_back({file.path(), file.ToLineColumn(d.range.begin).line,
                          FormatExpectation(run.sources, d, config.notes, inserted)});
  }
}

void RunCase(const std::string& path, const CaseConfig& config, CaseRun& run) {
  CompileOptions options = config.options;
  DiagnosticSink target_problems;
  const ChosenCatalog chosen = ChooseCatalog({"", config.kubernetes_version, {}}, target_problems);
  if (chosen.catalog == nullptr) {
    std::cerr << path << ": " << chosen.error << "\n";
    std::exit(2);
  }
  const CustomResourceTypes types(*chosen.catalog);  // the catalog plus `crd:` imports
  options.external = &types;
  run.result = Compile(run.sources, {path}, options);
  if (config.lint) {
    // What `mast build` runs (policies/findings.h): the object checks, the
    // built-in policies plus the case's own, suppressions.
    ProgramCheckSettings settings;
    settings.catalog = chosen.catalog;
    if (run.result.program) settings.imported_crds = ImportedCrds(*run.result.program);
    settings.fields_validated = &run.result.fields_validated;
    if (!config.config_file.empty()) {
      std::string config_path = (fs::path(path).parent_path() / config.config_file).string();
      if (std::optional<MastConfig> loaded = LoadConfig(config_path, run.sources, run.result.diagnostics)) {
        settings.policies = loaded->policies;
      }
    }
    settings.policies.policy_files.push_back(path);
    settings.policies.builtin = config.builtin_policies;
    Findings findings = CheckCompiledProgram(run.sources, run.result.documents,
                                             std::move(run.result.diagnostics.mutable_diagnostics()), settings);
    run.result.diagnostics.mutable_diagnostics() = std::move(findings.diagnostics);
  }
  CollectActual(config, run, nullptr);
}

// Prints every expectation without a matching diagnostic and every
// diagnostic without an expectation; returns how many there were.
int CompareExpectations(const std::string& path, std::vector<Expectation> expected, std::vector<Expectation> actual) {
  std::sort(expected.begin(), expected.end());
  std::sort(actual.begin(), actual.end());
  int failures = 0;
  for (const Expectation& e : expected) {
    if (!std::binary_search(actual.begin(), actual.end(), e)) {
      std::cout << path << ": expected but not reported: " << e.file << ":" << e.line << ": " << e.text << "\n";
      ++failures;
    }
  }
  for (const Expectation& a : actual) {
    if (!std::binary_search(expected.begin(), expected.end(), a)) {
      std::cout << path << ": reported but not expected: " << a.file << ":" << a.line << ": " << a.text << "\n";
      ++failures;
    }
  }
  return failures;
}

// One expectation as lines: `<marker><head> first line`, then a
// `<marker>| ...` line for each further line (labels and notes), each after `pad`.
std::string ExpectationLines(const std::string& pad, std::string_view marker, std::string_view head,
                             const std::string& text) {
  std::string out;
  size_t start = 0;
  for (bool first = true; start <= text.size(); first = false) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += pad + std::string(marker) + (first ? std::string(head) : "| ") + text.substr(start, end - start) + "\n";
    start = end + 1;
  }
  return out;
}

// The text with each expectation written as `<marker>^ ...` under its line,
// indented like that line.
std::string WithExpectations(const std::string& text, const std::map<uint32_t, std::vector<std::string>>& lines,
                             std::string_view marker) {
  std::vector<std::string> source = SplitLines(text);
  std::string out;
  for (uint32_t i = 0; i < source.size(); ++i) {
    out += source[i] + "\n";
    auto it = lines.find(i + 1);
    if (it == lines.end()) continue;
    size_t indent = source[i].find_first_not_of(" \t");
    std::string pad = indent == std::string::npos ? "" : source[i].substr(0, indent);
    for (const std::string& text_line : it->second) out += ExpectationLines(pad, marker, "^ ", text_line);
  }
  return out;
}

std::string GoldenPath(const std::string& path) {
  return (fs::path(path).parent_path() / fs::path(path).stem()).string() + ".golden.yaml";
}

// Manifest cases: the `mast check` pipeline on one file.
struct ManifestCase {
  bool library = false;
  ManifestCheckOptions options;
};

ManifestCase ReadManifestDirectives(const std::string& path, const std::string& text) {
  ManifestCase config;
  config.options.paths = {path};
  config.options.annotate_objects = false;
  for (const std::string& line : SplitLines(text)) {
    size_t at = line.find("# golden:");
    if (at == std::string::npos) continue;
    std::istringstream words(line.substr(at + 9));
    std::string word;
    words >> word;
    if (word == "library") config.library = true;
    else if (word == "crd") {
      std::string value;
      while (words >> value) config.options.crd_paths.push_back(value);
    } else if (word == "schema") words >> config.options.schema_file;
    else if (word == "schema-dir") words >> config.options.schema_dir;
    else if (word == "skip-unknown-kinds") config.options.skip_unknown_kinds = true;
    else if (word == "no-server-rules") config.options.server_rules = false;
    else if (word == "strict-inputs") config.options.strict_inputs = true;
    else if (word == "kubernetes-version") words >> config.options.kubernetes_version;
  }
  return config;
}

std::vector<Expectation> ManifestActual(const ManifestCheckResult& result) {
  std::vector<Expectation> actual;
  for (const Diagnostic& d : result.diagnostics) {
    if (!d.range.IsValid()) {
      actual.push_back({"<no file>", 0, std::string(d.id()) + ": " + d.message});
      continue;
    }
    const SourceFile& file = result.sources.Get(d.range.file);
    actual.push_back({file.path(), file.ToLineColumn(d.range.begin).line, FormatExpectation(result.sources, d)});
  }
  return actual;
}

std::set<std::string> ManifestFiles(const ManifestCheckResult& result) {
  std::set<std::string> files;
  for (size_t i = 0; i < result.sources.size(); ++i) {
    const std::string& p = result.sources.Get(static_cast<FileId>(i)).path();
    if (p.rfind("<", 0) != 0) files.insert(p);
  }
  return files;
}

int CheckManifestCase(const std::string& path) {
  ManifestCase config = ReadManifestDirectives(path, ReadText(path));
  if (config.library) {
    std::cout << "skipped (library): " << path << "\n";
    return 0;
  }
  const ManifestCheckResult result = CheckManifests(config.options);
  std::vector<Expectation> expected;
  for (const std::string& file : ManifestFiles(result)) ParseExpectations(file, ReadText(file), expected);
  std::vector<Expectation> actual = ManifestActual(result);
  int failures = CompareExpectations(path, expected, actual);
  if (failures) std::cout << "FAILED: " << path << " (" << failures << " mismatches; refresh with --update)\n";
  return failures ? 1 : 0;
}

int UpdateManifestCase(const std::string& path) {
  ManifestCase config = ReadManifestDirectives(path, ReadText(path));
  if (config.library) return 0;
  const std::string_view marker = MarkerFor(path);
  std::set<std::string> files = ManifestFiles(CheckManifests(config.options));
  files.insert(path);
  for (const std::string& file : files) {
    std::string stripped;
    for (const std::string& line : SplitLines(ReadText(file))) {
      if (IsExpectationLine(line, marker)) continue;
      size_t at = line.find(marker);
      stripped += (at == std::string::npos ? line : line.substr(0, line.find_last_not_of(" \t", at - 1) + 1)) + "\n";
    }
    std::string error;
    WriteFileAtomically(file, stripped, &error);
  }
  const ManifestCheckResult result = CheckManifests(config.options);
  std::map<std::string, std::map<uint32_t, std::vector<std::string>>> by_file;
  std::vector<std::string> fileless;
  for (const Expectation& e : ManifestActual(result)) {
    if (e.file.rfind("<", 0) == 0) fileless.push_back(e.file + ":" + std::to_string(e.line) + " " + e.text);
    else by_file[e.file][e.line].push_back(e.text);
  }
  by_file[path];  // the case itself, for fileless expectations
  for (const auto& [file, lines] : by_file) {
    std::string out = WithExpectations(ReadText(file), lines, marker);
    if (file == path) {
      for (const std::string& f : fileless) out += std::string(marker) + f + "\n";
    }
    std::string error;
    WriteFileAtomically(file, out, &error);
  }
  std::cout << "updated: " << path << "\n";
  return 0;
}

int Check(const std::string& path) {
  if (IsManifestCase(path)) return CheckManifestCase(path);
  std::string text = ReadText(path);
  CaseConfig config = ReadDirectives(text);
  if (config.library) {
    std::cout << "skipped (library): " << path << "\n";
    return 0;
  }
  CaseRun run;
  RunCase(path, config, run);
  std::vector<Expectation> expected;
  std::set<std::string> seen_files;
  for (size_t i = 0; i < run.sources.size(); ++i) {
    const SourceFile& file = run.sources.Get(static_cast<FileId>(i));
    if (file.path().rfind("<", 0) == 0 || !seen_files.insert(file.path()).second) continue;
    ParseExpectations(file.path(), file.text(), expected, config.notes);
  }
  std::vector<Expectation> actual = run.actual;
  int failures = CompareExpectations(path, expected, actual);
  std::string golden_path = GoldenPath(path);
  bool has_golden = fs::exists(golden_path);
  if (!run.result.diagnostics.HasErrors()) {
    std::string output = WriteYamlStream(run.result.documents);
    if (!has_golden && !output.empty()) {
      std::cout << path << ": output but no " << golden_path << " (run with --update)\n";
      ++failures;
    } else if (has_golden && ReadText(golden_path) != output) {
      std::cout << path << ": output differs from " << golden_path << ":\n" << output;
      ++failures;
    }
  } else if (has_golden) {
    std::cout << path << ": the case has errors, so " << golden_path << " should not exist\n";
    ++failures;
  }
  if (failures) std::cout << "FAILED: " << path << " (" << failures << " mismatches; refresh with --update)\n";
  return failures ? 1 : 0;
}

// Removes every `//~` expectation, then writes the current diagnostics back
// as `//~^` lines under their lines.
int Update(const std::string& path) {
  if (IsManifestCase(path)) return UpdateManifestCase(path);
  std::string text = ReadText(path);
  CaseConfig config = ReadDirectives(text);
  if (config.library) return 0;
  // Strip expectations from every file of the case (found via a first run).
  CaseRun first;
  RunCase(path, config, first);
  std::set<std::string> files;
  for (size_t i = 0; i < first.sources.size(); ++i) {
    const std::string& p = first.sources.Get(static_cast<FileId>(i)).path();
    if (p.rfind("<", 0) != 0) files.insert(p);
  }
  for (const std::string& file : files) {
    std::string stripped;
    for (const std::string& line : SplitLines(ReadText(file))) {
      if (IsExpectationLine(line)) continue;
      size_t marker = line.find("//~");
      stripped += (marker == std::string::npos ? line : Trim(line.substr(0, marker)).empty() ? "" : line.substr(0, line.find_last_not_of(" \t", marker - 1) + 1)) + "\n";
    }
    std::string error;
    WriteFileAtomically(file, stripped, &error);
  }
  CaseRun run;
  RunCase(path, config, run);
  if (config.notes) {
    // Labels name lines of the files as they will be written.
    InsertedLines inserted;
    for (const Expectation& e : run.actual) {
      if (e.file.rfind("<", 0) != 0) {
        inserted[e.file][e.line] += 1 + static_cast<uint32_t>(std::count(e.text.begin(), e.text.end(), '\n'));
      }
    }
    CollectActual(config, run, &inserted);
  }
  std::map<std::string, std::map<uint32_t, std::vector<std::string>>> by_file;
  std::vector<std::string> command_line;  // expectations in synthetic sources, as lines
  for (const Expectation& e : run.actual) {
    if (e.file.rfind("<", 0) == 0) {
      command_line.push_back(ExpectationLines("", "//~", e.file + ":" + std::to_string(e.line) + " ", e.text));
    } else {
      by_file[e.file][e.line].push_back(e.text);
    }
  }
  for (const auto& [file, lines] : by_file) {
    if (file == "<no file>") continue;
    std::string out = WithExpectations(ReadText(file), lines, MarkerFor(file));
    if (file == path) {
      for (const std::string& c : command_line) out += c;
    }
    std::string error;
    WriteFileAtomically(file, out, &error);
  }
  if (by_file.find(path) == by_file.end() && !command_line.empty()) {
    std::string out = ReadText(path);
    for (const std::string& c : command_line) out += c;
    std::string error;
    WriteFileAtomically(path, out, &error);
  }
  std::string golden_path = GoldenPath(path);
  std::error_code ec;
  if (run.result.diagnostics.HasErrors()) {
    fs::remove(golden_path, ec);
  } else {
    std::string output = WriteYamlStream(run.result.documents);
    std::string error;
    if (output.empty()) fs::remove(golden_path, ec);
    else WriteFileAtomically(golden_path, output, &error);
  }
  std::cout << "updated: " << path << "\n";
  return 0;
}

// Fails when a registered diagnostic code appears in no expectation.
int Coverage(const std::vector<std::string>& roots) {
  std::set<std::string> covered;
  for (const std::string& root : roots) {
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file()) continue;
      std::string text = ReadText(entry.path().string());
      size_t at = 0;
      while ((at = text.find("~", at)) != std::string::npos) {
        size_t e = text.find_first_of("EWI", at);
        if (e != std::string::npos && e < at + 20 && e + 5 <= text.size()) covered.insert(text.substr(e, 5));
        ++at;
      }
    }
  }
  // Codes that cannot be produced from a source file; each is covered by the
  // CLI tests named here.
  const std::map<std::string, std::string> exempt = {
      {"E0901", "tests/cli/build_cli_test.sh: missing-file-exit-2"},
      // `mast test` findings: tests/mast_test/failing/expected.txt, compared
      // whole by tests/cli/test_command_test.sh (cases fail and update).
      {"E1101", "tests/cli/test_command_test.sh: fail"},
      {"E1102", "tests/cli/test_command_test.sh: fail"},
      {"E1103", "tests/cli/test_command_test.sh: fail, update"},
      // Policy findings show their rule id instead of W1001; every rule's
      // findings are expected in tests/golden/policies and tests/policies.
      {"W1001", "tests/golden/policies/custom_policies.mast"},
  };
  int missing = 0;
  for (const DiagnosticInfo& info : AllDiagnostics()) {
    std::string id(info.id);
    if (covered.count(id) || exempt.count(id)) continue;
    std::cout << "no golden test expects " << id << " (" << info.name << ")\n";
    ++missing;
  }
  if (missing) std::cout << "FAILED: " << missing << " diagnostic codes have no test\n";
  return missing ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << "usage: golden_runner [--update|--coverage] PATH...\n";
    return 2;
  }
  int status = 0;
  if (args[0] == "--coverage") return Coverage({args.begin() + 1, args.end()});
  bool update = args[0] == "--update";
  for (size_t i = update ? 1 : 0; i < args.size(); ++i) {
    status |= update ? Update(args[i]) : Check(args[i]);
  }
  return status;
}
