// Helpers for the unit_yaml tests.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "compiler/base/source.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/value/value.h"
#include "compiler/yaml/yaml_reader.h"

namespace mast::testing {

// Text with ranges marked as `⟦...⟧` (markers removed from `text`, ranges
// in byte offsets of the cleaned text, in order of their opening markers).
struct Annotated {
  std::string text;
  std::vector<SourceRange> ranges;

  explicit Annotated(std::string_view marked, FileId file = 0) {
    static constexpr std::string_view kOpen = "⟦";
    static constexpr std::string_view kClose = "⟧";
    std::vector<size_t> open;
    for (size_t i = 0; i < marked.size();) {
      if (marked.substr(i, kOpen.size()) == kOpen) {
        open.push_back(ranges.size());
        ranges.push_back(SourceRange{file, static_cast<uint32_t>(text.size()), 0});
        i += kOpen.size();
      } else if (marked.substr(i, kClose.size()) == kClose) {
        REQUIRE(!open.empty());
        ranges[open.back()].end = static_cast<uint32_t>(text.size());
        open.pop_back();
        i += kClose.size();
      } else {
        text += marked[i++];
      }
    }
    REQUIRE(open.empty());
  }
};

inline std::vector<YamlDocument> Read(std::string_view text, DiagnosticSink& sink, const YamlReadOptions& options = {}) {
  return ReadYamlStream(0, text, sink, options);
}

// Reads text that must produce no diagnostics.
inline std::vector<YamlDocument> ReadClean(std::string_view text) {
  DiagnosticSink sink;
  std::vector<YamlDocument> documents = ReadYamlStream(0, text, sink);
  for (const Diagnostic& diagnostic : sink.diagnostics()) {
    UNSCOPED_INFO(diagnostic.id() << " at " << diagnostic.range.begin << ": " << diagnostic.message);
  }
  CHECK(sink.empty());
  return documents;
}

inline std::string Describe(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    out += std::string(d.id()) + " [" + std::to_string(d.range.begin) + "," + std::to_string(d.range.end) + ") " +
           d.message + "\n";
  }
  return out;
}

inline Value Map(std::vector<std::pair<std::string, Value>> entries) {
  ValueMap map;
  for (auto& [key, value] : entries) map.push_back(MapEntry{key, {}, value});
  return Value::Map(std::move(map));
}

inline Value Str(std::string text) { return Value::String(std::move(text)); }

// Printable form of a string for test names and messages.
inline std::string Escaped(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7F) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02X", c);
      out += buffer;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

}  // namespace mast::testing
