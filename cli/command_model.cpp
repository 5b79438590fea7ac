// Walks the CLI11 app into a CommandSpec (see command_model.h).
#include "cli/command_model.h"

#include <CLI/CLI.hpp>

namespace mast::cli {
namespace {

// CLI11 puts a membership check into the type name: "TEXT:{text,json}", or
// for a mapping "ENUM:value in {always->1,auto->0} OR {1,0}". The first
// braces hold the accepted spellings; "->..." is the mapped value.
std::vector<std::string> ChoicesOf(const std::string& type_name) {
  std::vector<std::string> choices;
  const size_t open = type_name.find('{');
  const size_t close = type_name.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return choices;
  const std::string list = type_name.substr(open + 1, close - open - 1);
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    std::string item = list.substr(start, end - start);
    item = item.substr(0, item.find("->"));
    if (!item.empty()) choices.push_back(item);
    start = end + 1;
  }
  return choices;
}

OptionSpec DescribeOption(const CLI::Option& option) {
  OptionSpec spec;
  spec.short_names = option.get_snames();
  spec.long_names = option.get_lnames();
  spec.description = option.get_description();
  const bool is_flag = option.get_type_size_max() == 0;
  if (!is_flag) {
    const std::string type_name = option.get_type_name();
    spec.value_name = type_name.substr(0, type_name.find(':'));
    spec.choices = ChoicesOf(type_name);
  }
  spec.repeatable = !is_flag && option.get_items_expected_max() > 1;
  spec.exits = spec.long_names == std::vector<std::string>{"help"} || spec.long_names == std::vector<std::string>{"version"};
  return spec;
}

PositionalSpec DescribePositional(const CLI::Option& option) {
  return PositionalSpec{option.get_name(), option.get_description(), option.get_required(),
                        option.get_items_expected_max() > 1};
}

CommandSpec DescribeCommand(const CLI::App& app, const std::string& name) {
  CommandSpec spec;
  spec.name = name;
  spec.description = app.get_description();
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_group().empty()) continue;  // hidden
    if (option->get_positional()) {
      spec.positionals.push_back(DescribePositional(*option));
    } else {
      spec.options.push_back(DescribeOption(*option));
    }
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); })) {
    spec.subcommands.push_back(DescribeCommand(*sub, sub->get_name()));
  }
  return spec;
}

}  // namespace

CommandSpec DescribeCommandLine(const CLI::App& app) { return DescribeCommand(app, "mast"); }

std::string PreferredName(const OptionSpec& option) {
  if (!option.long_names.empty()) return "--" + option.long_names.front();
  return option.short_names.empty() ? std::string() : "-" + option.short_names.front();
}

std::vector<std::string> DashedNames(const OptionSpec& option) {
  std::vector<std::string> names;
  for (const std::string& name : option.short_names) names.push_back("-" + name);
  for (const std::string& name : option.long_names) names.push_back("--" + name);
  return names;
}

}  // namespace mast::cli
