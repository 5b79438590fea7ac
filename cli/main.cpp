// The `mast` command line. CLI11 is confined to this file.
#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace {

void AddOutputOptions(CLI::App* command, mast::cli::OutputOptions& options) {
  command->add_option("--diagnostics-format", options.diagnostics_format, "How to print diagnostics")
      ->check(CLI::IsMember({"text", "json"}));
  command->add_option("--color", options.color, "Colour diagnostics: auto (on a terminal), always, never")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, mast::cli::ColorMode>{{"auto", mast::cli::ColorMode::kAuto},
                                                      {"always", mast::cli::ColorMode::kAlways},
                                                      {"never", mast::cli::ColorMode::kNever}},
          CLI::ignore_case));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"mast: typed configuration for Kubernetes"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "mast 0.1.0");

  mast::cli::BuildOptions build;
  CLI::App* build_command = app.add_subcommand("build", "Compile Mast files to Kubernetes YAML or JSON");
  build_command->add_option("files", build.files, "Mast files to compile")->required();
  build_command->add_option("-o,--output", build.output,
                            "Write to this file, or to one file per object when it ends in `/` or is a directory");
  build_command->add_option("--format", build.format, "Output format")->check(CLI::IsMember({"yaml", "json"}));
  build_command->add_option("-D,--define", build.defines, "Set a param: -D name=value")->allow_extra_args(false);
  build_command->add_option("--root", build.root, "Project directory that readFile may read (default: the first file's)");
  AddOutputOptions(build_command, build.output_options);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? 0 : mast::cli::kExitUsage;
  }
  if (build_command->parsed()) return mast::cli::RunBuild(build);
  return mast::cli::kExitUsage;
}
