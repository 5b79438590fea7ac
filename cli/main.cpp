// The `mast` command line. CLI11 is confined to this file and to
// command_model.cpp, which reads the app for the man page and completions.
#include <CLI/CLI.hpp>

#include "cli/command_model.h"
#include "cli/commands.h"
#include "cli/diagnostics_output.h"
#include "cli/version.h"

namespace mast::cli {
// cli/rules_command.cpp: lists the built-in rules, or writes docs/rules.md.
int RunRules(bool markdown, const std::string& output);
}  // namespace mast::cli

namespace {

constexpr const char* kKubernetesVersionHelp =
    "Kubernetes release to validate for, like 1.33, or a range like 1.31..1.36 that every object must be valid on "
    "(default: kubernetesVersion in .mast.yaml, else the newest built-in release)";
constexpr const char* kFailOnHelp =
    "Lowest severity of a policy finding that fails the run: error, warning, info or never "
    "(default: failOn in .mast.yaml, else error); errors of Mast itself always fail";

void AddColorOption(CLI::App* command, mast::cli::ColorMode& color, const std::string& help) {
  command->add_option("--color", color, help)
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, mast::cli::ColorMode>{{"auto", mast::cli::ColorMode::kAuto},
                                                      {"always", mast::cli::ColorMode::kAlways},
                                                      {"never", mast::cli::ColorMode::kNever}},
          CLI::ignore_case));
}

void AddOutputOptions(CLI::App* command, mast::cli::OutputOptions& options) {
  command->add_option("--diagnostics-format", options.diagnostics_format, "How to print diagnostics")
      ->check(CLI::IsMember({"text", "json"}));
  AddColorOption(command, options.color, "Colour diagnostics: auto (on a terminal), always, never");
}

// Every subcommand's options, filled by CLI11's parse.
struct ParsedCommands {
  mast::cli::BuildOptions build;
  mast::cli::CheckOptions check;
  mast::cli::FmtOptions fmt;
  mast::cli::LspOptions lsp;
  bool rules_markdown = false;
  std::string rules_output;
  std::string completion_shell;
  std::string generated_output;  // completion and man
  mast::cli::ImportOptions import;
  mast::cli::TestOptions test;
  CLI::App* build_command = nullptr;
  CLI::App* check_command = nullptr;
  CLI::App* fmt_command = nullptr;
  CLI::App* lsp_command = nullptr;
  CLI::App* rules_command = nullptr;
  CLI::App* completion_command = nullptr;
  CLI::App* man_command = nullptr;
  CLI::App* import_command = nullptr;
  CLI::App* test_command = nullptr;
};

void AddBuildCommand(CLI::App& app, ParsedCommands& commands) {
  CLI::App* build_command = app.add_subcommand("build", "Compile Mast files to Kubernetes YAML or JSON");
  build_command->add_option("files", commands.build.files, "Mast files to compile")->required();
  build_command->add_option("-o,--output", commands.build.output,
                            "Write to this file, or to one file per object when it ends in `/` or is a directory");
  build_command->add_option("--format", commands.build.format, "Output format")->check(CLI::IsMember({"yaml", "json"}));
  build_command->add_option("-D,--define", commands.build.defines, "Set a param: -D name=value")->allow_extra_args(false);
  build_command->add_flag("!--no-check", commands.build.check, "Do not check the output (schemas, server-side rules, cross-object checks and policies)");
  build_command->add_option("-j,--jobs", commands.build.jobs, "Threads: the emitted objects are checked and linted in parallel (default 0: one per core); the output does not depend on it");
  build_command->add_flag("!--no-suppressions", commands.build.suppressions, "Ignore mast:ignore comments and annotations (audit)");
  build_command->add_option("--fail-on", commands.build.fail_on, kFailOnHelp)->check(CLI::IsMember({"error", "warning", "info", "never"}));
  build_command->add_flag("--verify", commands.build.verify, "Check that the -o output is up to date instead of writing it");
  build_command->add_flag("--kustomization", commands.build.kustomization,
                          "With -o DIR/: also write DIR/kustomization.yaml listing the files, so that the directory is a "
                          "Kustomize base");
  build_command->add_option("--config", commands.build.config, "Configuration file (default: the nearest .mast.yaml)");
  build_command->add_option("--root", commands.build.root, "Project directory that readFile and imports may read (default: the files' common directory)");
  build_command->add_option("--kubernetes-version", commands.build.kubernetes_version, kKubernetesVersionHelp);
  build_command->add_option("--crd", commands.build.crds, "CustomResourceDefinition file or directory to check custom resources with (repeatable)")
      ->allow_extra_args(false);
  build_command->add_option("--schema", commands.build.schema, "Kubernetes OpenAPI v2/v3 document to use instead of the built-in one");
  AddOutputOptions(build_command, commands.build.output_options);
  commands.build_command = build_command;
}

void AddCheckCommand(CLI::App& app, ParsedCommands& commands) {
  CLI::App* check_command = app.add_subcommand(
      "check", "Validate Kubernetes YAML/JSON (and .mast files) as strictly as the API server");
  check_command->add_option("paths", commands.check.paths, "Files, directories (searched for .yaml/.yml/.json), or - for stdin");
  check_command->add_option("--format", commands.check.format, "Report format")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit", "github"}));
  check_command->add_option("-o,--output", commands.check.output, "Write the report to this file instead of stdout");
  check_command->add_option("--ignore", commands.check.ignore, "Skip paths matching this glob (repeatable)")
      ->allow_extra_args(false);
  check_command->add_option("--crd", commands.check.crds, "CustomResourceDefinition file or directory (repeatable)")
      ->allow_extra_args(false);
  check_command->add_option("--schema", commands.check.schema, "Kubernetes OpenAPI v2/v3 document to use instead of the built-in one");
  check_command->add_option("--schema-dir", commands.check.schema_dir, "Directory of kubeconform-style JSON schemas");
  check_command->add_option("--kubernetes-version", commands.check.kubernetes_version, kKubernetesVersionHelp);
  check_command->add_option("--config", commands.check.config,
                            "Configuration file for `ignore` and `schema` (default: the nearest .mast.yaml)");
  check_command->add_flag("--skip-unknown-kinds", commands.check.skip_unknown_kinds,
                          "Skip custom resources that have no schema instead of reporting them");
  check_command->add_flag("--no-server-rules", commands.check.no_server_rules,
                          "Check structure only, not the API server's validation rules");
  check_command->add_flag("!--no-summary", commands.check.summary, "Do not print the summary line");
  check_command->add_flag("--list-rules", commands.check.list_rules, "List the server-side rules and exit");
  check_command->add_flag("--allow-empty", commands.check.allow_empty,
                          "Exit 0 when no file was checked (by default that is an error: exit 2)");
  check_command->add_flag("!--no-policies", commands.check.policies, "Do not run the policy linter");
  check_command->add_flag("!--no-schema", commands.check.schema_checks, "Do not check objects against the Kubernetes schema");
  check_command->add_flag("!--no-suppressions", commands.check.suppressions, "Ignore mast:ignore comments and annotations (audit)");
  check_command->add_option("--fail-on", commands.check.fail_on, kFailOnHelp)->check(CLI::IsMember({"error", "warning", "info", "never"}));
  check_command->add_option("--baseline", commands.check.baseline, "Report only findings that this baseline file does not record");
  check_command->add_option("--write-baseline", commands.check.write_baseline, "Record the current findings in this file and exit 0");
  check_command->add_option("-j,--jobs", commands.check.jobs, "Threads: files, parts of big files, and the objects the linter checks are processed in parallel (default 0: one per core)");
  check_command->add_flag("--strict-inputs", commands.check.strict_inputs,
                          "Check every YAML file and document as a Kubernetes manifest (by default workflows, compose "
                          "files, Helm charts' files and other tools' YAML are skipped, kustomizations validated as such)");
  check_command->add_flag("-v,--verbose", commands.check.verbose, "Say which inputs were skipped as not Kubernetes manifests, and why");
  check_command->add_flag("-q,--quiet", commands.check.quiet,
                          "Text and github formats: print only findings that fail the run, one line and the source excerpt "
                          "each, and the summary");
  check_command->add_option("--rules-uri", commands.check.rules_uri,
                            "Absolute URL of the rule reference that reports link to (default: rulesUri in .mast.yaml, "
                            "else the project's docs/rules.md)");
  AddColorOption(check_command, commands.check.color, "Colour text output: auto (on a terminal), always, never");
  commands.check_command = check_command;
}

void AddFmtCommand(CLI::App& app, ParsedCommands& commands) {
  CLI::App* fmt_command = app.add_subcommand("fmt", "Format Mast files in place (comments are kept)");
  fmt_command->add_option("files", commands.fmt.files, "Mast files to format; - reads stdin and writes stdout")->required();
  fmt_command->add_flag("--check", commands.fmt.check, "Exit 1 if a file is not formatted, without changing it");
  AddOutputOptions(fmt_command, commands.fmt.output_options);
  commands.fmt_command = fmt_command;
}

void AddLspCommand(CLI::App& app, ParsedCommands& commands) {
  CLI::App* lsp_command = app.add_subcommand("lsp", "Run the language server (LSP over stdin/stdout)");
  lsp_command->add_option("--debounce-ms", commands.lsp.debounce_ms, "Fixed delay before re-checking after an edit");
  lsp_command->add_flag("--verbose", commands.lsp.verbose, "Log protocol problems and analysis times to stderr");
  lsp_command->add_option("--kubernetes-version", commands.lsp.kubernetes_version,
                          "Kubernetes release (or range) for files whose .mast.yaml sets none");
  lsp_command->add_option("--schema", commands.lsp.schema,
                          "Kubernetes OpenAPI v2/v3 document for files whose .mast.yaml sets no target or schema");
  commands.lsp_command = lsp_command;
}

void AddRulesCommand(CLI::App& app, ParsedCommands& commands) {
  CLI::App* rules_command = app.add_subcommand("rules", "List the built-in policy rules");
  rules_command->add_flag("--markdown", commands.rules_markdown, "Write the rule reference (docs/rules.md) instead of a list");
  rules_command->add_option("-o,--output", commands.rules_output, "Write to this file instead of stdout");
  commands.rules_command = rules_command;
}

void AddGeneratedFileCommands(CLI::App& app, ParsedCommands& commands) {
  CLI::App* completion_command = app.add_subcommand("completion", "Print the shell completion script for bash, zsh or fish");
  completion_command->add_option("shell", commands.completion_shell, "The shell")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
  completion_command->add_option("-o,--output", commands.generated_output, "Write to this file instead of stdout");
  CLI::App* man_command = app.add_subcommand("man", "Write the mast(1) man page")->group("");  // hidden
  man_command->add_option("-o,--output", commands.generated_output, "Write to this file instead of stdout");
  commands.completion_command = completion_command;
  commands.man_command = man_command;
}

void AddImportCommand(CLI::App& app, ParsedCommands& commands) {
  CLI::App* import_command =
      app.add_subcommand("import", "Write a Mast program that emits the objects of Kubernetes YAML files");
  import_command->add_option("files", commands.import.files, "YAML or JSON manifests; - reads stdin");
  import_command->add_option("--crd", commands.import.crds,
                             "Write Mast schemas for the served versions of the CustomResourceDefinitions in FILE")
      ->allow_extra_args(false);  // one FILE per --crd, so manifests may follow it
  import_command->add_option("--values", commands.import.values,
                             "Write a Values schema whose defaults are a Helm chart's values.yaml");
  import_command->add_flag("--factor", commands.import.factor,
                           "Write records that repeat (label maps, selectors, containers) once, as lets");
  import_command->add_option("-o,--output", commands.import.output, "Write the program to this file instead of stdout");
  import_command->add_option("--kubernetes-version", commands.import.kubernetes_version, kKubernetesVersionHelp);
  commands.import_command = import_command;
}

void AddTestCommand(CLI::App& app, ParsedCommands& commands) {
  CLI::App* test_command = app.add_subcommand("test", "Run the `test` blocks of *_test.mast files (default: under .)");
  test_command->add_option("paths", commands.test.paths, "Test files, or directories searched for *_test.mast");
  test_command->add_flag("--update", commands.test.update, "Rewrite snapshot files that differ or are missing");
  test_command->add_option("--format", commands.test.format, "Report format")->check(CLI::IsMember({"text", "junit"}));
  test_command->add_option("-o,--output", commands.test.output, "Write the report to this file instead of stdout");
  test_command->add_option("--root", commands.test.root, "Project directory that readFile and imports may read (default: .)");
  test_command->add_option("--kubernetes-version", commands.test.kubernetes_version, kKubernetesVersionHelp);
  test_command->add_option("--schema", commands.test.schema, "Kubernetes OpenAPI v2/v3 document to use instead of the built-in one");
  AddColorOption(test_command, commands.test.color, "Colour text output: auto (on a terminal), always, never");
  commands.test_command = test_command;
}

// Runs the subcommand that was parsed; usage error when none was.
int RunParsedCommand(CLI::App& app, ParsedCommands& commands) {
  int code = mast::cli::kExitUsage;
  if (commands.build_command->parsed()) code = mast::cli::RunBuild(commands.build);
  if (commands.fmt_command->parsed()) code = mast::cli::RunFmt(commands.fmt);
  if (commands.check_command->parsed()) code = mast::cli::RunCheck(commands.check);
  if (commands.lsp_command->parsed()) code = mast::cli::RunLsp(commands.lsp);
  if (commands.test_command->parsed()) code = mast::cli::RunTest(commands.test);
  if (commands.import_command->parsed()) code = mast::cli::RunImport(commands.import);
  if (commands.rules_command->parsed()) code = mast::cli::RunRules(commands.rules_markdown, commands.rules_output);
  if (commands.completion_command->parsed()) {
    code = mast::cli::RunCompletion(mast::cli::DescribeCommandLine(app), commands.completion_shell,
                                    commands.generated_output);
  }
  if (commands.man_command->parsed()) {
    code = mast::cli::RunManPage(mast::cli::DescribeCommandLine(app), mast::cli::VersionLine(),
                                 commands.generated_output);
  }
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"mast: typed configuration for Kubernetes"};
  app.require_subcommand(1);
  app.set_version_flag("--version", mast::cli::VersionText());
  ParsedCommands commands;
  AddBuildCommand(app, commands);
  AddCheckCommand(app, commands);
  AddFmtCommand(app, commands);
  AddLspCommand(app, commands);
  AddRulesCommand(app, commands);
  AddGeneratedFileCommands(app, commands);
  AddImportCommand(app, commands);
  AddTestCommand(app, commands);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);  // --help and --version print to stdout too
    return mast::cli::FinishStandardOutput(code == 0 ? 0 : mast::cli::kExitUsage);
  }
  return mast::cli::FinishStandardOutput(RunParsedCommand(app, commands));
}
