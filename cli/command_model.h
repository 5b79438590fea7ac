// A plain description of the `mast` command line, read from the CLI11 app
// that main.cpp builds. The man page and the shell completions are rendered
// from it (cli/man_page.cpp, cli/shell_completion.cpp), so they list exactly
// the subcommands and options the parser accepts and cannot drift from it.
// Only command_model.cpp (besides main.cpp) includes CLI11.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace mast::cli {

struct OptionSpec {
  std::vector<std::string> short_names;  // without the dash: "o"
  std::vector<std::string> long_names;   // without the dashes: "output"
  std::string value_name;                // "" for a flag; else CLI11's type name ("TEXT", "UINT")
  std::vector<std::string> choices;      // the accepted values when the option checks membership
  std::string description;
  bool repeatable = false;  // may be given more than once (collects into a list)
  bool exits = false;       // --help and --version: nothing else follows
};

struct PositionalSpec {
  std::string name;
  std::string description;
  bool required = false;
  bool repeatable = false;
};

struct CommandSpec {
  std::string name;         // "mast" for the root
  std::string description;  // one line
  std::vector<OptionSpec> options;
  std::vector<PositionalSpec> positionals;
  std::vector<CommandSpec> subcommands;  // public subcommands only (hidden ones are left out)
};

// Reads `app` and its public subcommands (those not in the hidden group "").
CommandSpec DescribeCommandLine(const CLI::App& app);

// The first long name with dashes ("--output"), else the first short one ("-o").
std::string PreferredName(const OptionSpec& option);

// Every spelling of the option with its dashes: "-o", "--output".
std::vector<std::string> DashedNames(const OptionSpec& option);

// `mast completion SHELL` and the hidden `mast man`: render the text for the
// installed files; write it to `output` ("" = stdout). Exit code 0, or 2
// when the output cannot be written or the shell is unknown.
// Writes a generated text to `output` atomically, or to stdout when it is "".
int WriteCommandOutput(const std::string& text, const std::string& output);

int RunCompletion(const CommandSpec& root, const std::string& shell, const std::string& output);
int RunManPage(const CommandSpec& root, const std::string& version_line, const std::string& output);

}  // namespace mast::cli
