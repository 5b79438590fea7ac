// A text dump of what ReadYamlStream returned, origins and key ranges
// included, so that two reads can be compared exactly and a difference shows
// where it is. Used by the fast-path differential test and by fuzz_yaml.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/value/value.h"
#include "compiler/yaml/yaml_reader.h"

namespace mast::testing {

inline std::string DumpRange(SourceRange range) {
  return "[" + std::to_string(range.begin) + "," + std::to_string(range.end) + ")";
}

inline void DumpValue(const Value& value, int indent, std::string& out) {
  out += std::string(KindName(value.kind())) + DumpRange(value.origin());
  switch (value.kind()) {
    case Value::Kind::kBool: out += value.AsBool() ? " true" : " false"; break;
    case Value::Kind::kInt: out += " " + std::to_string(value.AsInt()); break;
    case Value::Kind::kFloat: {
      char buffer[40];
      std::snprintf(buffer, sizeof buffer, " %.17g", value.AsFloat());
      out += buffer;
      break;
    }
    case Value::Kind::kString: out += " \"" + value.AsString() + "\""; break;
    case Value::Kind::kList:
      for (const Value& item : value.AsList()) {
        out += "\n" + std::string(indent + 2, ' ') + "- ";
        DumpValue(item, indent + 2, out);
      }
      break;
    case Value::Kind::kMap:
      for (const MapEntry& entry : value.AsMap()) {
        out += "\n" + std::string(indent + 2, ' ') + entry.key + DumpRange(entry.key_range) + ": ";
        DumpValue(entry.value, indent + 2, out);
      }
      break;
    default: break;
  }
}

inline std::string DumpRead(const std::vector<YamlDocument>& documents, const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const YamlDocument& document : documents) {
    out += "document" + DumpRange(document.range) + (document.empty ? " empty" : "") + ": ";
    DumpValue(document.value, 0, out);
    out += "\n";
  }
  for (const Diagnostic& diagnostic : diagnostics) {
    out += std::string(diagnostic.id()) + DumpRange(diagnostic.range) + " " + diagnostic.message + "\n";
    for (const Label& label : diagnostic.labels) out += "  label" + DumpRange(label.range) + " " + label.message + "\n";
  }
  return out;
}

// Reads `text` with the given options and dumps the result.
inline std::string ReadAndDump(std::string_view text, YamlReadOptions options) {
  DiagnosticSink sink;
  const std::vector<YamlDocument> documents = ReadYamlStream(0, text, sink, options);
  return DumpRead(documents, sink.diagnostics());
}

}  // namespace mast::testing
