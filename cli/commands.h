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
  OutputOptions output_options;
};

int RunBuild(const BuildOptions& options);

}  // namespace mast::cli
