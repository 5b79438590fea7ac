#include "compiler/emit/json_writer.h"

#include <cmath>

#include "compiler/emit/emit_util.h"

namespace mast {

namespace {

using emit_internal::AppendJsonString;
using emit_internal::ForEachEntry;

class JsonWriter {
 public:
  JsonWriter(std::string& out, bool pretty) : out_(out), pretty_(pretty) {}

  void Write(const Value& value, size_t indent, bool manifest_order) {
    switch (value.kind()) {
      case Value::Kind::kNull: out_ += "null"; return;
      case Value::Kind::kBool: out_ += value.AsBool() ? "true" : "false"; return;
      case Value::Kind::kInt: out_ += std::to_string(value.AsInt()); return;
      case Value::Kind::kFloat: {
        const double number = value.AsFloat();
        out_ += std::isfinite(number) ? FormatFloat(number) : "null";
        return;
      }
      case Value::Kind::kString: AppendJsonString(out_, value.AsString()); return;
      case Value::Kind::kList: {
        const ValueList& items = value.AsList();
        if (items.empty()) {
          out_ += "[]";
          return;
        }
        out_ += '[';
        for (size_t i = 0; i < items.size(); ++i) {
          if (i > 0) out_ += ',';
          Break(indent + 2);
          Write(items[i], indent + 2, false);
        }
        Break(indent);
        out_ += ']';
        return;
      }
      case Value::Kind::kMap: {
        if (value.AsMap().empty()) {
          out_ += "{}";
          return;
        }
        out_ += '{';
        bool first = true;
        ForEachEntry(value.AsMap(), manifest_order, [&](const MapEntry& entry) {
          if (!first) out_ += ',';
          first = false;
          Break(indent + 2);
          AppendJsonString(out_, entry.key);
          out_ += pretty_ ? ": " : ":";
          Write(entry.value, indent + 2, false);
        });
        Break(indent);
        out_ += '}';
        return;
      }
    }
  }

 private:
  void Break(size_t indent) {
    if (!pretty_) return;
    out_ += '\n';
    out_.append(indent, ' ');
  }

  std::string& out_;
  bool pretty_;
};

}  // namespace

std::string WriteJson(const Value& value, bool pretty) {
  std::string out;
  JsonWriter(out, pretty).Write(value, 0, false);
  return out;
}

std::string WriteJsonStream(const std::vector<Value>& documents) {
  std::string out;
  JsonWriter writer(out, true);
  if (documents.size() == 1) {
    writer.Write(documents[0], 0, true);
  } else {
    out += "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": ";
    if (documents.empty()) {
      out += "[]";
    } else {
      out += '[';
      for (size_t i = 0; i < documents.size(); ++i) {
        out += i > 0 ? ",\n    " : "\n    ";
        writer.Write(documents[i], 4, true);
      }
      out += "\n  ]";
    }
    out += "\n}";
  }
  out += '\n';
  return out;
}

}  // namespace mast
