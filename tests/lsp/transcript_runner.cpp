// Runs JSON-RPC transcripts against `mast lsp` (see README.md for the
// format). Usage: lsp_transcript SERVER TRANSCRIPT...
//
// For each transcript: writes its files into a fresh temporary workspace,
// starts the server, then plays the script: `>>` lines are sent (requests get
// ids, frames get Content-Length), `<<` lines wait for a matching message.
// Messages from the server arrive on another thread in whatever order its
// threads produce them, so a `<<` takes the first not-yet-matched message
// that fits its pattern, within a timeout.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>

#include "lsp/protocol/uri.h"
#include "lsp/transport/framing.h"
#include "lsp_client.h"

namespace fs = std::filesystem;
using mast::lsp::Json;
using mast::lsp::testing::LspClient;

namespace {

struct File {
  std::string text;  // markers removed
  std::map<std::string, size_t> marks;  // marker -> byte offset
  bool on_disk = true;
};

struct Transcript {
  std::string path;
  fs::path root;
  std::map<std::string, File> files;
  int64_t last_id = 0;
  bool failed = false;
};

std::chrono::milliseconds Timeout() {
  const char* env = std::getenv("MAST_LSP_TEST_TIMEOUT_MS");
  return std::chrono::milliseconds(env ? std::atol(env) : 15000);
}

// "{|name|}" markers: removed from the text, remembered as byte offsets.
File ParseFile(std::string text) {
  File file;
  for (size_t at = text.find("{|"); at != std::string::npos; at = text.find("{|", at)) {
    size_t close = text.find("|}", at + 2);
    if (close == std::string::npos) break;
    file.marks[text.substr(at + 2, close - at - 2)] = at;
    text.erase(at, close + 2 - at);
  }
  file.text = std::move(text);
  return file;
}

Json PositionOf(const File& file, size_t offset) {
  uint32_t line = 0;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < file.text.size(); ++i) {
    if (file.text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  uint32_t units = 0;
  for (size_t i = line_start; i < offset; ++i) {
    unsigned char c = static_cast<unsigned char>(file.text[i]);
    if ((c & 0xC0) == 0x80) continue;
    units += c >= 0xF0 ? 2 : 1;
  }
  return Json{{"line", line}, {"character", units}};
}

std::string Expand(Transcript& t, const std::string& input, int line_number) {
  std::string out;
  size_t i = 0;
  while (i < input.size()) {
    size_t at = input.find("${", i);
    if (at == std::string::npos) {
      out += input.substr(i);
      break;
    }
    out += input.substr(i, at - i);
    size_t close = input.find('}', at);
    std::string spec = input.substr(at + 2, close - at - 2);
    i = close + 1;
    std::vector<std::string> parts;
    std::stringstream stream(spec);
    for (std::string part; std::getline(stream, part, ':');) parts.push_back(part);
    auto file = [&](size_t index) -> File& {
      if (index >= parts.size() || !t.files.count(parts[index])) {
        std::cerr << t.path << ":" << line_number << ": unknown file in ${" << spec << "}\n";
        t.failed = true;
        static File none;
        return none;
      }
      return t.files[parts[index]];
    };
    auto mark = [&](File& f, size_t index) -> size_t {
      if (index >= parts.size() || !f.marks.count(parts[index])) {
        std::cerr << t.path << ":" << line_number << ": unknown marker in ${" << spec << "}\n";
        t.failed = true;
        return 0;
      }
      return f.marks[parts[index]];
    };
    const std::string& kind = parts.empty() ? spec : parts[0];
    if (kind == "root") out += mast::lsp::PathToUri(t.root.string());
    else if (kind == "uri") out += mast::lsp::PathToUri((t.root / parts.at(1)).string());
    else if (kind == "path") out += (t.root / parts.at(1)).string();
    else if (kind == "text") out += Json(file(1).text).dump();
    else if (kind == "pos") {
      File& f = file(1);
      out += PositionOf(f, mark(f, 2)).dump();
    } else if (kind == "range") {
      File& f = file(1);
      out += Json{{"start", PositionOf(f, mark(f, 2))}, {"end", PositionOf(f, mark(f, 3))}}.dump();
    } else {
      std::cerr << t.path << ":" << line_number << ": unknown expansion ${" << spec << "}\n";
      t.failed = true;
    }
  }
  return out;
}

bool Match(const Json& expected, const Json& actual, const Transcript& t) {
  if (expected.is_string()) {
    const std::string& pattern = expected.get_ref<const std::string&>();
    if (pattern == "$any") return true;
    if (pattern == "$id") return actual.is_number_integer() && actual.get<int64_t>() == t.last_id;
    if (pattern.rfind("$re:", 0) == 0) {
      return actual.is_string() && std::regex_search(actual.get<std::string>(), std::regex(pattern.substr(4)));
    }
    return actual == expected;
  }
  if (expected.is_object()) {
    if (!actual.is_object()) return false;
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      if (it.key() == "$absent") {
        for (const Json& key : it.value()) {
          if (actual.contains(key.get<std::string>())) return false;
        }
        continue;
      }
      auto found = actual.find(it.key());
      if (found == actual.end() || !Match(it.value(), *found, t)) return false;
    }
    return true;
  }
  if (expected.is_array()) {
    if (!actual.is_array()) return false;
    if (!expected.empty() && expected[0] == "$contains") {
      // ["$contains", a, b, "$without", c]: a and b match some item, c none.
      bool negative = false;
      for (size_t i = 1; i < expected.size(); ++i) {
        if (expected[i] == "$without") {
          negative = true;
          continue;
        }
        bool any = false;
        for (const Json& item : actual) any = any || Match(expected[i], item, t);
        if (any == negative) return false;
      }
      return true;
    }
    if (expected.size() != actual.size()) return false;
    for (size_t i = 0; i < expected.size(); ++i) {
      if (!Match(expected[i], actual[i], t)) return false;
    }
    return true;
  }
  return expected == actual;
}

std::string Unescape(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      char c = text[++i];
      if (c == 'r') out += '\r';
      else if (c == 'n') out += '\n';
      else if (c == 't') out += '\t';
      else if (c == '0') out += '\0';
      else if (c == 'x' && i + 2 < text.size()) {
        out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
        i += 2;
      }
      else out += c;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool RunTranscript(const std::string& server, const std::string& path) {
  Transcript t;
  t.path = path;
  char dir_template[] = "/tmp/mast-lsp-test-XXXXXX";
  if (!mkdtemp(dir_template)) return false;
  t.root = fs::path(dir_template);
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);

  // Files first: `== file NAME [unsaved]` ... up to the next `==` line.
  size_t i = 0;
  while (i < lines.size()) {
    const std::string& line = lines[i];
    if (line.rfind("== file ", 0) == 0) {
      std::stringstream header(line.substr(8));
      std::string name;
      std::string flag;
      header >> name >> flag;
      std::string text;
      ++i;
      while (i < lines.size() && lines[i].rfind("== ", 0) != 0) text += lines[i++] + "\n";
      File file = ParseFile(text);
      file.on_disk = flag != "unsaved";
      t.files[name] = std::move(file);
      continue;
    }
    if (line == "== end") {
      ++i;
      break;
    }
    if (line.rfind(">>", 0) == 0 || line.rfind("<<", 0) == 0) break;
    ++i;
  }
  for (const auto& [name, file] : t.files) {
    if (!file.on_disk) continue;
    fs::create_directories((t.root / name).parent_path());
    std::ofstream(t.root / name, std::ios::binary) << file.text;
  }

  std::vector<std::string> argv = {server, "lsp"};
  LspClient client(argv);
  auto fail = [&](int line_number, const std::string& message) {
    std::cerr << path << ":" << line_number << ": " << message << "\n";
    for (const Json& pending : client.Pending()) std::cerr << "  pending: " << pending.dump() << "\n";
    t.failed = true;
  };
  for (; i < lines.size() && !t.failed; ++i) {
    const int line_number = static_cast<int>(i + 1);
    std::string line = lines[i];
    if (line.empty() || line[0] == '#') continue;
    // A command's JSON may continue on the following indented lines.
    while (i + 1 < lines.size() && !lines[i + 1].empty() && (lines[i + 1][0] == ' ' || lines[i + 1][0] == '\t')) {
      line += "\n" + lines[++i];
    }
    auto split = [&](const std::string& rest) {
      size_t space = rest.find(' ');
      std::string head = rest.substr(0, space);
      std::string tail = space == std::string::npos ? "" : rest.substr(space + 1);
      return std::make_pair(head, tail);
    };
    auto parse = [&](const std::string& text) -> std::optional<Json> {
      std::string expanded = Expand(t, text, line_number);
      Json json = Json::parse(expanded, nullptr, false);
      if (json.is_discarded()) {
        fail(line_number, "invalid JSON: " + expanded);
        return std::nullopt;
      }
      return json;
    };
    if (line.rfind(">>frame ", 0) == 0) {
      client.SendRaw(mast::lsp::EncodeFrame(Unescape(Expand(t, line.substr(8), line_number))));
    } else if (line.rfind(">>raw ", 0) == 0) {
      client.SendRaw(Unescape(Expand(t, line.substr(6), line_number)));
    } else if (line.rfind(">>! ", 0) == 0) {
      auto [method, params] = split(line.substr(4));
      std::optional<Json> json = params.empty() ? Json(nullptr) : parse(params);
      if (json) client.Notify(method, *json);
    } else if (line.rfind(">> ", 0) == 0) {
      auto [method, params] = split(line.substr(3));
      std::optional<Json> json = params.empty() ? Json(nullptr) : parse(params);
      if (json) t.last_id = client.Request(method, *json);
    } else if (line.rfind("<<no ", 0) == 0) {
      auto [ms, pattern] = split(line.substr(5));
      std::optional<Json> json = parse(pattern);
      if (!json) continue;
      auto unexpected = client.WaitFor([&](const Json& m) { return Match(*json, m, t); },
                                       std::chrono::milliseconds(std::atol(ms.c_str())));
      if (unexpected) fail(line_number, "unexpected message: " + unexpected->dump());
    } else if (line.rfind("<< ", 0) == 0) {
      std::optional<Json> json = parse(line.substr(3));
      if (!json) continue;
      if (!client.WaitFor([&](const Json& m) { return Match(*json, m, t); }, Timeout())) {
        fail(line_number, "no message matched: " + json->dump());
      }
    } else if (line.rfind("!exit ", 0) == 0) {
      int expected = std::atoi(line.c_str() + 6);
      int status = client.Finish(Timeout());
      if (status != expected) fail(line_number, "server exited with " + std::to_string(status));
    } else if (line.rfind("!write ", 0) == 0) {
      // `!write NAME` writes the file's text (as declared) to disk.
      std::string name = line.substr(7);
      if (!t.files.count(name)) fail(line_number, "unknown file " + name);
      else std::ofstream(t.root / name, std::ios::binary) << t.files[name].text;
    } else if (line.rfind("!remove ", 0) == 0) {
      fs::remove(t.root / line.substr(8));
    } else if (line.rfind("!sleep ", 0) == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(std::atol(line.c_str() + 7)));
    } else {
      fail(line_number, "unknown command: " + line);
    }
  }
  client.Finish(std::chrono::milliseconds(5000));
  std::error_code ec;
  fs::remove_all(t.root, ec);
  return !t.failed;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: lsp_transcript SERVER TRANSCRIPT...\n";
    return 2;
  }
  int failures = 0;
  for (int i = 2; i < argc; ++i) {
    bool ok = RunTranscript(argv[1], argv[i]);
    std::cout << (ok ? "ok   " : "FAIL ") << argv[i] << "\n";
    failures += ok ? 0 : 1;
  }
  return failures == 0 ? 0 : 1;
}
