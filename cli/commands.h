// Subcommand entry points. main.cpp parses the command line with CLI11 and
// fills these option structs; each command returns the process exit code:
// 0 clean, 1 findings (diagnostics with errors), 2 usage or I/O error.
#pragma once

#include <string>
#include <vector>

namespace mast::cli {

inline constexpr int kExitClean = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;

enum class ColorMode { kAuto, kAlways, kNever };

struct OutputOptions {
  std::string diagnostics_format = "text";  // text | json
  ColorMode color = ColorMode::kAuto;
};

struct BuildOptions {
  std::vector<std::string> files;
  std::string output;              // "" = stdout; "x.yaml" = one file; "dir/" = one file per object
  std::string format = "yaml";     // yaml | json
  std::vector<std::string> defines;
  std::string root;                // readFile boundary
  bool check = true;               // run the policy linter on the output (--no-check)
  bool suppressions = true;        // honour mast:ignore comments and annotations (--no-suppressions)
  std::string config;              // .mast.yaml; default: found by walking up from the first file
  bool verify = false;             // compare with the existing -o output instead of writing (exit 1 if stale)
  bool kustomization = false;      // -o DIR/: also write DIR/kustomization.yaml listing the files (a Kustomize base)
  std::string kubernetes_version;  // --kubernetes-version: "1.33" or "1.31..1.36" (default: .mast.yaml, else newest)
  std::string schema;              // --schema: OpenAPI v2/v3 instead of the embedded catalog
  std::string fail_on;             // --fail-on error|warning|info|never (default: .mast.yaml failOn, else error)
  std::vector<std::string> crds;   // --crd: CRD files or directories to check custom resources with
  unsigned jobs = 0;               // threads for the checks (0 = one per core, the default)
  OutputOptions output_options;
};

int RunBuild(const BuildOptions& options);

// `mast import`: manifests -> a Mast program (cli/import_command.cpp).
struct ImportOptions {
  std::vector<std::string> files;  // "-" reads stdin
  std::vector<std::string> crds;   // --crd: CRD files to write schemas for
  std::string values;              // --values: a chart's values.yaml
  bool factor = false;             // --factor: repeated records become lets
  std::string output;              // "" = stdout
  std::string kubernetes_version;  // the release whose types the objects get
};

int RunImport(const ImportOptions& options);

struct FmtOptions {
  std::vector<std::string> files;  // "-" formats stdin to stdout
  bool check = false;              // report unformatted files (exit 1) instead of rewriting them
  OutputOptions output_options;
};

int RunFmt(const FmtOptions& options);

// `mast check`: validate Kubernetes YAML/JSON and .mast files (see
// schemas/check/check.h for what is checked).
struct CheckOptions {
  std::vector<std::string> paths;         // files, directories, "-" for stdin
  std::string format = "text";            // text | json | sarif | junit | github
  std::string output;                     // "" = stdout; else write the report to this file
  std::vector<std::string> ignore;        // glob patterns of paths to skip
  std::vector<std::string> crds;          // --crd FILE|DIR
  std::string schema;                     // --schema: OpenAPI v2/v3 instead of the embedded catalog
  std::string schema_dir;                 // --schema-dir: kubeconform-style JSON schemas
  std::string kubernetes_version;         // --kubernetes-version: "1.33" or "1.31..1.36"
  std::string config;                     // .mast.yaml (ignore, schema); default: the nearest one
  bool skip_unknown_kinds = false;        // skip custom resources without a schema
  bool no_server_rules = false;           // structure only
  bool summary = true;                    // print the summary line
  bool list_rules = false;                // print the server-side rules and exit
  bool allow_empty = false;               // checking zero files is not an error (--allow-empty)
  bool policies = true;                   // run the policy linter (--no-policies)
  bool schema_checks = true;              // schema and server-side checks (--no-schema)
  bool suppressions = true;               // honour mast:ignore (--no-suppressions audits them)
  std::string baseline;                   // hide the findings recorded in this file
  std::string fail_on;                    // --fail-on error|warning|info|never (default: .mast.yaml failOn, else error)
  std::string write_baseline;             // record the current findings in this file
  unsigned jobs = 0;                      // threads (0 = one per core, the default)
  ColorMode color = ColorMode::kAuto;
  bool strict_inputs = false;             // every YAML is a manifest (no workflow, chart, ... recognised)
  bool verbose = false;                   // say which inputs were skipped as not manifests, and why
  bool quiet = false;                     // text/github: only failing findings, no notes (for hooks)
  std::string rules_uri;                  // the rule reference reports link to (default: .mast.yaml, else the project's)
};

int RunCheck(const CheckOptions& options);

// `mast test`: runs the `test` blocks of Mast files (see
// compiler/testing/test_runner.h).
struct TestOptions {
  std::vector<std::string> paths;  // files, or directories searched for *_test.mast (default ".")
  bool update = false;             // rewrite snapshot files that differ or are missing
  std::string format = "text";     // text | junit
  std::string output;              // "" = stdout; else write the report to this file
  std::string root;                // readFile and import boundary (default: the current directory)
  std::string kubernetes_version;  // --kubernetes-version (default: the newest built-in release)
  std::string schema;              // --schema: OpenAPI v2/v3 instead of the embedded catalog
  ColorMode color = ColorMode::kAuto;
};

int RunTest(const TestOptions& options);

// `mast lsp`: the language server on stdin/stdout (see lsp/README.md).
struct LspOptions {
  int debounce_ms = -1;  // -1: adaptive (scaled to the rebuild time)
  std::string kubernetes_version;  // default target when no .mast.yaml sets one (default: newest)
  std::string schema;              // default OpenAPI document instead of the built-in releases
  bool verbose = false;  // log protocol problems to stderr
};

int RunLsp(const LspOptions& options);

}  // namespace mast::cli
