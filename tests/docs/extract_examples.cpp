// Doc tests: every Mast example in the Markdown manuals compiles as the
// manual says. Extracts the fenced code blocks from DOC.md files into golden
// cases under --out and runs tests/golden/golden_runner on each of them.
//
// Fences the extractor reads (the first word of the info string is the
// language; GitHub only uses that word for highlighting, so the rest is
// invisible in the rendered page):
//
//   ```mast                 an example that must compile with no diagnostics
//   ```mast-error           an example whose diagnostics are the inline
//                           `//~^ CODE@COL: message` lines of golden_runner;
//                           it must carry at least one
//   ```yaml output          the exact `mast build` YAML of the example just
//                           before it, compared byte for byte
//   ```LANG file=PATH       a supporting file (any language: a module to
//                           import, a text file to readFile) written next to
//                           the NEXT example, at PATH relative to it
//
// Attributes of a ```mast / ```mast-error example (not of a `file=` block):
//   -D name=value                   a param override (repeatable)
//   main=NAME.mast                  the example's file name (default main.mast)
//   max-steps=N  max-call-depth=N  max-nesting=N  max-bytes=N   limits
//   kubernetes-version=V            the target release (1.29) or range (1.29..1.36)
//   notes                           labels and notes are expected too, as
//                                   `//~|` lines (golden_runner's `notes`)
// A `file=` block tagged ```mast-error may also hold `//~` expectations (for
// diagnostics reported in an imported file); one tagged ```mast may not.
//
// Blocks in other languages (```yaml without `output`, ```json, ```sh,
// ```text, ...) are illustrations and are not checked.
//
// An example without a ```yaml output block must still compile cleanly; its
// output is not compared (the extractor records whatever it produces by
// running `golden_runner --update` on a scratch copy, because golden_runner
// fails a clean case that has output but no .golden.yaml).
//
// Usage:
//   doc_examples --runner PATH/golden_runner --out DIR DOC.md...
//   doc_examples --extract-only --out DIR DOC.md...   (write the cases, run nothing)
// Exit status: 0 when every example passes, 1 otherwise, 2 on usage errors.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>

namespace fs = std::filesystem;

namespace {

struct Block {
  size_t line = 0;  // 1-based line of the opening fence
  std::string language;
  std::vector<std::string> attributes;
  std::string text;  // the lines between the fences, each ending in '\n'
};

struct SupportFile {
  size_t line = 0;
  std::string path;
  std::string text;
  bool may_expect = false;  // tagged mast-error: may hold //~ lines
};

struct Example {
  std::string doc;
  size_t line = 0;
  bool expects_errors = false;
  std::string main_name = "main.mast";
  std::string text;
  std::vector<std::string> defines;
  std::vector<std::pair<std::string, std::string>> limits;  // golden directive, value (limits, target, notes)
  std::vector<SupportFile> files;
  std::optional<std::string> output;  // from a ```yaml output block
  size_t output_line = 0;
};

int g_errors = 0;

void Error(const std::string& doc, size_t line, const std::string& message) {
  std::cout << doc << ":" << line << ": error: " << message << "\n";
  ++g_errors;
}

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  std::string word;
  while (in >> word) words.push_back(word);
  return words;
}

bool ReadFile(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *text = buffer.str();
  return true;
}

bool WriteFile(const fs::path& path, const std::string& text) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

// Fenced code blocks with backticks (three or more; the closing fence has at
// least as many). Fences must start at column 0.
std::vector<Block> ReadBlocks(const std::string& doc, const std::string& text) {
  std::vector<Block> blocks;
  std::istringstream in(text);
  std::string line;
  size_t number = 0;
  std::optional<Block> open;
  size_t open_ticks = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t ticks = 0;
    while (ticks < line.size() && line[ticks] == '`') ++ticks;
    if (open) {
      if (ticks >= open_ticks && line.find_first_not_of('`') == std::string::npos) {
        blocks.push_back(std::move(*open));
        open.reset();
      } else {
        open->text += line + "\n";
      }
      continue;
    }
    if (ticks < 3) continue;
    Block block;
    block.line = number;
    std::vector<std::string> words = Words(line.substr(ticks));
    if (!words.empty()) {
      block.language = words[0];
      block.attributes.assign(words.begin() + 1, words.end());
    }
    open = std::move(block);
    open_ticks = ticks;
  }
  if (open) Error(doc, open->line, "code block is not closed");
  return blocks;
}

bool HasExpectation(const std::string& text) { return text.find("//~") != std::string::npos; }

bool SafeRelativePath(const std::string& path) {
  fs::path p(path);
  if (p.empty() || p.is_absolute()) return false;
  for (const fs::path& part : p) {
    if (part == "..") return false;
  }
  return true;
}

std::vector<Example> Collect(const std::string& doc, const std::string& text) {
  std::vector<Example> examples;
  std::vector<SupportFile> pending;
  bool last_was_example = false;  // only blocks of no interest may come between an example and its output
  for (Block& block : ReadBlocks(doc, text)) {
    std::optional<std::string> file;
    for (const std::string& attribute : block.attributes) {
      if (attribute.rfind("file=", 0) == 0) file = attribute.substr(5);
    }
    const bool is_mast = block.language == "mast" || block.language == "mast-error";
    if (file) {
      if (block.attributes.size() != 1) Error(doc, block.line, "a `file=` block takes no other attributes");
      if (!SafeRelativePath(*file)) Error(doc, block.line, "`file=` needs a relative path inside the example");
      if (block.language == "mast" && HasExpectation(block.text)) {
        Error(doc, block.line, "a ```mast file holds `//~` expectations; tag it ```mast-error");
      }
      pending.push_back({block.line, *file, block.text, block.language == "mast-error"});
      last_was_example = false;
      continue;
    }
    if (block.language == "yaml" && !block.attributes.empty()) {
      if (block.attributes != std::vector<std::string>{"output"}) {
        Error(doc, block.line, "unknown attributes on a ```yaml block; only `output` is understood");
        continue;
      }
      if (!last_was_example || examples.empty()) {
        Error(doc, block.line, "```yaml output must directly follow the ```mast example it belongs to");
        continue;
      }
      Example& example = examples.back();
      if (example.expects_errors) Error(doc, block.line, "a ```mast-error example has no output");
      example.output = block.text;
      example.output_line = block.line;
      last_was_example = false;
      continue;
    }
    if (!is_mast) continue;  // illustrations: not checked, and they do not separate an example from its output
    Example example;
    example.doc = doc;
    example.line = block.line;
    example.expects_errors = block.language == "mast-error";
    example.text = block.text;
    for (size_t i = 0; i < block.attributes.size(); ++i) {
      const std::string& attribute = block.attributes[i];
      size_t equals = attribute.find('=');
      std::string key = attribute.substr(0, equals);
      std::string value = equals == std::string::npos ? "" : attribute.substr(equals + 1);
      if (attribute == "-D" && i + 1 < block.attributes.size()) {
        example.defines.push_back(block.attributes[++i]);
      } else if (key == "main" && !value.empty() && SafeRelativePath(value) &&
                 value.find('/') == std::string::npos) {
        example.main_name = value;
      } else if ((key == "max-steps" || key == "max-call-depth" || key == "max-nesting" || key == "max-bytes") &&
                 !value.empty() && value.find_first_not_of("0123456789") == std::string::npos) {
        example.limits.push_back({key, value});
      } else if (key == "kubernetes-version" && !value.empty() &&
                 value.find_first_not_of("0123456789.") == std::string::npos) {
        example.limits.push_back({key, value});
      } else if (attribute == "notes") {
        example.limits.push_back({"notes", ""});
      } else {
        Error(doc, block.line, "unknown example attribute `" + attribute + "`");
      }
    }
    bool expects = HasExpectation(example.text);
    for (const SupportFile& f : pending) expects = expects || HasExpectation(f.text);
    if (example.expects_errors && !expects) {
      Error(doc, block.line, "a ```mast-error example needs at least one `//~` expectation");
    }
    if (!example.expects_errors && HasExpectation(example.text)) {
      Error(doc, block.line, "a ```mast example holds `//~` expectations; tag it ```mast-error");
    }
    for (const SupportFile& f : pending) {
      if (f.may_expect && !example.expects_errors) {
        Error(doc, f.line, "a ```mast-error file belongs to a ```mast example; tag one of them differently");
      }
      if (f.path == example.main_name) Error(doc, f.line, "file `" + f.path + "` clashes with the example's own name");
    }
    example.files = std::move(pending);
    pending.clear();
    examples.push_back(std::move(example));
    last_was_example = true;
  }
  for (const SupportFile& f : pending) Error(doc, f.line, "`file=" + f.path + "` is not followed by an example");
  return examples;
}

std::string Quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

int Run(const std::string& command) {
  std::cout.flush();
  int status = std::system(command.c_str());
  if (status == -1) return 127;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

// Writes one example as a golden case in `dir`; returns the main file.
fs::path WriteCase(const Example& example, const fs::path& dir) {
  std::string text = example.text;
  // Directives go last, so that no line of the example moves.
  if (!example.defines.empty()) {
    text += "// golden: args";
    for (const std::string& define : example.defines) text += " -D " + define;
    text += "\n";
  }
  for (const auto& [key, value] : example.limits) {
    text += "// golden: " + key + (value.empty() ? "" : " " + value) + "\n";
  }
  fs::path main = dir / example.main_name;
  WriteFile(main, text);
  for (const SupportFile& f : example.files) WriteFile(dir / f.path, f.text);
  if (example.output) WriteFile(dir / (main.stem().string() + ".golden.yaml"), *example.output);
  return main;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string runner;
  std::string out;
  bool extract_only = false;
  std::vector<std::string> docs;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--runner" && i + 1 < args.size()) runner = args[++i];
    else if (args[i] == "--out" && i + 1 < args.size()) out = args[++i];
    else if (args[i] == "--extract-only") extract_only = true;
    else docs.push_back(args[i]);
  }
  if (out.empty() || docs.empty() || (runner.empty() && !extract_only)) {
    std::cerr << "usage: doc_examples --runner GOLDEN_RUNNER --out DIR DOC.md...\n"
                 "       doc_examples --extract-only --out DIR DOC.md...\n";
    return 2;
  }

  std::error_code ec;
  fs::remove_all(out, ec);
  fs::create_directories(out, ec);
  if (ec) {
    std::cerr << "cannot create " << out << ": " << ec.message() << "\n";
    return 2;
  }

  struct Case {
    Example example;
    fs::path main;
  };
  std::vector<Case> cases;
  for (const std::string& doc : docs) {
    std::string text;
    if (!ReadFile(doc, &text)) {
      std::cerr << "cannot read " << doc << "\n";
      return 2;
    }
    std::string stem = fs::path(doc).stem().string();
    for (Example& example : Collect(doc, text)) {
      char name[32];
      std::snprintf(name, sizeof name, "L%04zu", example.line);
      // One directory per example; a level per document when several are given.
      fs::path dir = docs.size() > 1 ? fs::path(out) / stem / name : fs::path(out) / name;
      fs::path main = WriteCase(example, dir);
      cases.push_back({std::move(example), main});
    }
  }
  if (g_errors) {
    std::cout << "FAILED: " << g_errors << " problems with the examples' markup\n";
    return 1;
  }
  if (extract_only) {
    std::cout << "extracted " << cases.size() << " examples into " << out << "\n";
    return 0;
  }

  size_t failed = 0;
  size_t with_output = 0;
  fs::path scratch_root = fs::path(out) / ".scratch";
  for (Case& c : cases) {
    const Example& example = c.example;
    if (example.output) ++with_output;
    if (!example.expects_errors && !example.output) {
      // Record the output as it is: only "no diagnostics" is checked.
      fs::path scratch = scratch_root / c.main.parent_path().filename();
      fs::path copy = WriteCase(example, scratch);
      Run(Quote(runner) + " --update " + Quote(copy.string()) + " > " + Quote((scratch / "update.log").string()) +
          " 2>&1");
      fs::path produced = scratch / (copy.stem().string() + ".golden.yaml");
      if (fs::exists(produced)) {
        fs::copy_file(produced, c.main.parent_path() / produced.filename(), fs::copy_options::overwrite_existing, ec);
      }
    }
    int status = Run(Quote(runner) + " " + Quote(c.main.string()));
    if (status != 0) {
      ++failed;
      std::cout << example.doc << ":" << example.line << ": error: the example does not compile as documented"
                << (example.output ? " (or its output differs from the ```yaml output block at line " +
                                         std::to_string(example.output_line) + ")"
                                   : "")
                << "; case: " << c.main.string() << "\n";
    }
  }
  std::cout << cases.size() << " examples (" << with_output << " with checked output), " << failed << " failed\n";
  return failed ? 1 : 0;
}
