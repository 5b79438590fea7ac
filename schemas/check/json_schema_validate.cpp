// Validating Values against compiled schemas, the way the API server's
// OpenAPI validation (k8s.io/kube-openapi/pkg/validation) does for custom
// resources.
#include <arpa/inet.h>
#include <re2/re2.h>

#include <cmath>
#include <set>

#include "compiler/base/spelling.h"
#include "schemas/check/json_schema.h"
#include "schemas/formats.h"
#include "schemas/validator.h"
#include "schemas/validator_messages.h"

namespace mast {

namespace {

using schemas::CodeText;
using schemas::DescribeValue;

bool IsWholeNumber(const Value& value) {
  return value.IsInt() || (value.IsFloat() && std::isfinite(value.AsFloat()) &&
                           value.AsFloat() == std::trunc(value.AsFloat()));
}

uint8_t TypeOf(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull: return kTypeNull;
    case Value::Kind::kBool: return kTypeBoolean;
    case Value::Kind::kInt: return kTypeInteger | kTypeNumber;
    case Value::Kind::kFloat: return IsWholeNumber(value) ? (kTypeInteger | kTypeNumber) : kTypeNumber;
    case Value::Kind::kString: return kTypeString;
    case Value::Kind::kList: return kTypeArray;
    case Value::Kind::kMap: return kTypeObject;
  }
  return 0;
}

std::string DescribeTypes(uint8_t types) {
  std::vector<std::string> names;
  if (types & kTypeObject) names.push_back("object");
  if (types & kTypeArray) names.push_back("list");
  if (types & kTypeString) names.push_back("string");
  if (types & kTypeNumber) names.push_back("number");
  else if (types & kTypeInteger) names.push_back("integer");
  if (types & kTypeBoolean) names.push_back("boolean");
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out.empty() ? "null" : out;
}

ExternalKind HintKind(uint8_t types) {
  if (types == kTypeString) return ExternalKind::kString;
  if (types == kTypeInteger) return ExternalKind::kInteger;
  if (types == (kTypeNumber | kTypeInteger)) return ExternalKind::kNumber;
  if (types == kTypeBoolean) return ExternalKind::kBoolean;
  if (types == kTypeArray) return ExternalKind::kList;
  if (types == kTypeObject) return ExternalKind::kObject;
  return ExternalKind::kAny;
}

// Unicode code points, as Go's utf8.RuneCountInString counts for maxLength.
size_t CodePoints(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

std::string NumberText(double number) {
  if (number == std::trunc(number) && std::fabs(number) < 1e15) return std::to_string(static_cast<int64_t>(number));
  return FormatFloat(number);
}

std::string ValueText(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kString: return schemas::QuoteText(value.AsString());
    case Value::Kind::kInt: return std::to_string(value.AsInt());
    case Value::Kind::kFloat: return NumberText(value.AsFloat());
    case Value::Kind::kBool: return value.AsBool() ? "true" : "false";
    case Value::Kind::kNull: return "null";
    default: return DescribeValue(value);
  }
}

bool IsDate(std::string_view text) {
  if (text.size() != 10) return false;
  return schemas::IsRfc3339DateTime(std::string(text) + "T00:00:00Z");
}

// strfmt's date-time accepts RFC 3339 and a few relaxations (no zone,
// `T` or space); only text that none of them accepts is reported.
bool IsLenientDateTime(std::string_view text) {
  if (schemas::IsRfc3339DateTime(text)) return true;
  std::string copy(text);
  if (copy.size() > 10 && copy[10] == ' ') copy[10] = 'T';
  if (schemas::IsRfc3339DateTime(copy)) return true;
  return schemas::IsRfc3339DateTime(copy + "Z");
}

bool IsUuid(std::string_view text) {
  static const RE2 kUuid("(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}");
  return RE2::FullMatch(re2::StringPiece(text.data(), text.size()), kUuid);
}

bool IsIp(std::string_view text, int family) {
  if (text.size() > 64) return false;
  unsigned char buffer[16];
  return inet_pton(family, std::string(text).c_str(), buffer) == 1;
}

bool IsCidr(std::string_view text) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos || slash + 1 >= text.size()) return false;
  const std::string_view address = text.substr(0, slash);
  const std::string_view bits = text.substr(slash + 1);
  for (char c : bits) {
    if (c < '0' || c > '9') return false;
  }
  if (bits.size() > 3) return false;
  const int prefix = std::stoi(std::string(bits));
  if (IsIp(address, AF_INET)) return prefix <= 32;
  if (IsIp(address, AF_INET6)) return prefix <= 128;
  return false;
}

class SchemaValidator {
 public:
  SchemaValidator(const SchemaSet& set, DiagnosticSink& sink) : set_(set), sink_(sink) {}

  void Check(const Value& value, SchemaId id, bool custom_resource_root) {
    const SchemaNode& node = set_.node(id);
    if (custom_resource_root && value.IsMap()) {
      CheckRoot(value, node);
      return;
    }
    Validate(value, id);
  }

 private:
  struct Segment {
    std::string_view key;  // data() is null for a list index
    size_t index = 0;
  };

  // The CR root: apiVersion, kind and metadata are checked by the caller.
  void CheckRoot(const Value& value, const SchemaNode& node) {
    ValueMap rest;
    for (const MapEntry& entry : value.AsMap()) {
      if (entry.key != "apiVersion" && entry.key != "kind" && entry.key != "metadata") rest.push_back(entry);
    }
    const Value trimmed = Value::Map(std::move(rest), value.origin());
    std::vector<std::string> required;
    SchemaNode root = node;
    root.required.clear();
    for (const std::string& name : node.required) {
      if (name != "apiVersion" && name != "kind" && name != "metadata") root.required.push_back(name);
    }
    if (root.min_properties) root.min_properties.reset();
    if (root.max_properties) root.max_properties.reset();
    ValidateNode(trimmed, root);
  }

  void Validate(const Value& value, SchemaId id) {
    if (depth_ > 256) return;
    ++depth_;
    ValidateNode(value, set_.node(id));
    --depth_;
  }

  void ValidateNode(const Value& value, const SchemaNode& node) {
    // Combinators apply to the value whatever its type.
    for (SchemaId part : node.all_of) Validate(value, part);
    if (value.IsNull()) {
      // The API server drops nulls of non-nullable fields when it prunes;
      // `nullable` only matters for keeping them. A null never fails here
      // unless the schema names types and null is not among them and the
      // value is a list item (where it cannot be dropped).
      if (node.types != 0 && !(node.types & kTypeNull) && !node.nullable && in_list_item_ &&
          !node.preserve_unknown && !node.int_or_string) {
        Report(kMismatch, value, "expected " + DescribeTypes(node.types) + ", found null");
      }
      return;
    }
    if (!CheckType(value, node)) return;
    if (node.has_enum) CheckEnum(value, node);
    if (!node.any_of.empty()) CheckAnyOf(value, node);
    if (!node.one_of.empty()) CheckOneOf(value, node);
    if (node.not_schema != kNoSchema && Passes(value, node.not_schema)) {
      Report(kConstraintCode, value, ValueText(value) + " matches a schema it must `not` match");
    }
    switch (value.kind()) {
      case Value::Kind::kString: CheckString(value, node); break;
      case Value::Kind::kInt:
      case Value::Kind::kFloat: CheckNumber(value, node); break;
      case Value::Kind::kList: CheckList(value, node); break;
      case Value::Kind::kMap: CheckObject(value, node); break;
      default: break;
    }
  }

  bool CheckType(const Value& value, const SchemaNode& node) {
    uint8_t allowed = node.types;
    if (node.int_or_string) allowed = allowed ? (allowed | kTypeInteger | kTypeString) : 0;
    if (node.int_or_string && node.types == 0) allowed = kTypeInteger | kTypeString;
    if (allowed == 0 || (allowed & TypeOf(value)) != 0) return true;
    std::string message = "expected " + DescribeTypes(allowed) + ", found " + DescribeValue(value);
    message += schemas::MismatchHint(value, HintKind(allowed));
    Report(kMismatch, value, std::move(message));
    return false;
  }

  void CheckEnum(const Value& value, const SchemaNode& node) {
    for (const Value& allowed : node.enum_values) {
      if (allowed.Equals(value)) return;
      // 3 and 3.0 are the same JSON number.
      if (allowed.IsNumber() && value.IsNumber() && allowed.AsFloat() == value.AsFloat()) return;
    }
    std::string message = ValueText(value) + " is not one of the allowed values: ";
    std::vector<std::string_view> candidates;
    for (size_t i = 0; i < node.enum_values.size() && i < 12; ++i) {
      if (i > 0) message += ", ";
      message += "`" + (node.enum_values[i].IsString() ? node.enum_values[i].AsString() : ValueText(node.enum_values[i])) + "`";
      if (node.enum_values[i].IsString()) candidates.push_back(node.enum_values[i].AsString());
    }
    if (node.enum_values.size() > 12) message += ", ...";
    if (value.IsString()) {
      if (auto suggestion = ClosestMatch(value.AsString(), candidates)) message += "; did you mean `" + *suggestion + "`?";
    }
    Report(kConstraintCode, value, std::move(message));
  }

  void CheckString(const Value& value, const SchemaNode& node) {
    const std::string& text = value.AsString();
    if (node.min_length || node.max_length) {
      const size_t length = CodePoints(text);
      if (node.min_length && length < *node.min_length) {
        Report(kConstraintCode, value,
               ValueText(value) + " is " + std::to_string(length) + " characters long; the minimum is " +
                   std::to_string(*node.min_length));
      }
      if (node.max_length && length > *node.max_length) {
        Report(kConstraintCode, value,
               ValueText(value) + " is " + std::to_string(length) + " characters long; the maximum is " +
                   std::to_string(*node.max_length));
      }
    }
    if (node.pattern && !RE2::PartialMatch(text, *node.pattern)) {
      Report(kConstraintCode, value,
             ValueText(value) + " does not match the pattern `" + node.pattern_text + "`");
    }
    std::string_view expected;
    switch (node.format) {
      case SchemaFormat::kByte:
        if (!schemas::IsBase64(text)) expected = "base64 data";
        break;
      case SchemaFormat::kDateTime:
        if (!IsLenientDateTime(text)) expected = "an RFC 3339 date-time like `2024-01-31T12:00:00Z`";
        break;
      case SchemaFormat::kDate:
        if (!IsDate(text)) expected = "a date like `2024-01-31`";
        break;
      case SchemaFormat::kUuid:
        if (!IsUuid(text)) expected = "a UUID";
        break;
      case SchemaFormat::kIpv4:
        if (!IsIp(text, AF_INET)) expected = "an IPv4 address";
        break;
      case SchemaFormat::kIpv6:
        if (!IsIp(text, AF_INET6)) expected = "an IPv6 address";
        break;
      case SchemaFormat::kCidr:
        if (!IsCidr(text)) expected = "a CIDR like `10.0.0.0/16`";
        break;
      default: break;
    }
    if (!expected.empty()) Report(DiagnosticCode::E0505, value, ValueText(value) + " is not " + std::string(expected));
  }

  void CheckNumber(const Value& value, const SchemaNode& node) {
    const double number = value.AsFloat();
    if (node.minimum) {
      const bool below = node.exclusive_minimum ? number <= *node.minimum : number < *node.minimum;
      if (below) {
        Report(kConstraintCode, value,
               node.exclusive_minimum
                   ? ValueText(value) + " is not greater than " + NumberText(*node.minimum) + ", the exclusive minimum"
                   : ValueText(value) + " is less than the minimum " + NumberText(*node.minimum));
      }
    }
    if (node.maximum) {
      const bool above = node.exclusive_maximum ? number >= *node.maximum : number > *node.maximum;
      if (above) {
        Report(kConstraintCode, value,
               node.exclusive_maximum
                   ? ValueText(value) + " is not less than " + NumberText(*node.maximum) + ", the exclusive maximum"
                   : ValueText(value) + " is greater than the maximum " + NumberText(*node.maximum));
      }
    }
    if (node.multiple_of) {
      const double quotient = number / *node.multiple_of;
      if (std::fabs(quotient - std::round(quotient)) > 1e-9) {
        Report(kConstraintCode, value, ValueText(value) + " is not a multiple of " + NumberText(*node.multiple_of));
      }
    }
    if ((node.format == SchemaFormat::kInt32 || node.format == SchemaFormat::kInt64) && IsWholeNumber(value)) {
      const bool int32 = node.format == SchemaFormat::kInt32;
      const double low = int32 ? -2147483648.0 : -9223372036854775808.0;
      const double high = int32 ? 2147483647.0 : 9223372036854775807.0;
      const bool fits = value.IsInt() ? (!int32 || (value.AsInt() >= -2147483648LL && value.AsInt() <= 2147483647LL))
                                      : (number >= low && number <= high);
      if (!fits) {
        Report(DiagnosticCode::E0505, value,
               "integer " + ValueText(value) + " is out of range for " + (int32 ? "int32" : "int64"));
      }
    }
  }

  void CheckList(const Value& value, const SchemaNode& node) {
    const ValueList& items = value.AsList();
    if (node.min_items && items.size() < *node.min_items) {
      Report(kConstraintCode, value,
             "list has " + std::to_string(items.size()) + " item" + (items.size() == 1 ? "" : "s") +
                 "; the minimum is " + std::to_string(*node.min_items));
    }
    if (node.max_items && items.size() > *node.max_items) {
      Report(kConstraintCode, value,
             "list has " + std::to_string(items.size()) + " items; the maximum is " + std::to_string(*node.max_items));
    }
    if (node.items != kNoSchema) {
      const bool saved = in_list_item_;
      in_list_item_ = true;
      for (size_t i = 0; i < items.size(); ++i) {
        path_.push_back({{}, i});
        Validate(items[i], node.items);
        path_.pop_back();
      }
      in_list_item_ = saved;
    }
    if (node.unique_items || node.list_type == ListType::kSet) {
      for (size_t i = 0; i < items.size(); ++i) {
        for (size_t j = 0; j < i; ++j) {
          if (items[i].Equals(items[j])) {
            path_.push_back({{}, i});
            Report(kConstraintCode, items[i],
                   "duplicate item " + ValueText(items[i]) + "; the items of this list must be unique");
            path_.pop_back();
            break;
          }
        }
      }
    }
    if (node.list_type == ListType::kMap && !node.list_map_keys.empty()) CheckListMapKeys(items, node);
  }

  void CheckListMapKeys(const ValueList& items, const SchemaNode& node) {
    std::set<std::string> seen;
    for (size_t i = 0; i < items.size(); ++i) {
      if (!items[i].IsMap()) continue;
      std::string key;
      std::string shown;
      for (const std::string& name : node.list_map_keys) {
        const Value* part = items[i].Find(name);
        const std::string text = part ? ValueText(*part) : "null";
        key += text + '\x1f';
        shown += (shown.empty() ? "" : ", ") + name + "=" + text;
      }
      if (!seen.insert(key).second) {
        path_.push_back({{}, i});
        Report(kConstraintCode, items[i], "duplicate entry with " + shown + "; list-map keys must be unique");
        path_.pop_back();
      }
    }
  }

  void CheckObject(const Value& value, const SchemaNode& node) {
    const ValueMap& entries = value.AsMap();
    if (node.min_properties && entries.size() < *node.min_properties) {
      Report(kConstraintCode, value,
             "object has " + std::to_string(entries.size()) + " fields; the minimum is " +
                 std::to_string(*node.min_properties));
    }
    if (node.max_properties && entries.size() > *node.max_properties) {
      Report(kConstraintCode, value,
             "object has " + std::to_string(entries.size()) + " fields; the maximum is " +
                 std::to_string(*node.max_properties));
    }
    if (node.embedded_resource) CheckEmbeddedResource(value);
    const bool saved = in_list_item_;
    in_list_item_ = false;
    for (const MapEntry& entry : entries) {
      path_.push_back({entry.key, 0});
      const SchemaId property = node.FindProperty(entry.key);
      if (property != kNoSchema) {
        Validate(entry.value, property);
      } else if (node.additional != kNoSchema) {
        Validate(entry.value, node.additional);
      } else if (node.closed) {
        ReportUnknown(entry, node);
      }
      path_.pop_back();
    }
    in_list_item_ = saved;
    for (const std::string& name : node.required) {
      const MapEntry* entry = value.FindEntry(name);
      if (entry == nullptr) {
        Report(DiagnosticCode::E0503, value, "missing required field `" + name + "` in `" + NodeName(node) + "`");
      } else if (entry->value.IsNull()) {
        path_.push_back({entry->key, 0});
        Report(DiagnosticCode::E0503, entry->value,
               "required field `" + name + "` in `" + NodeName(node) + "` is null; give it a value");
        path_.pop_back();
      }
    }
  }

  void CheckEmbeddedResource(const Value& value) {
    for (const char* key : {"apiVersion", "kind"}) {
      const Value* field = value.Find(key);
      if (field == nullptr || (field->IsString() && field->AsString().empty())) {
        Report(DiagnosticCode::E0503, value,
               std::string("missing required field `") + key + "`; an embedded resource names its apiVersion and kind");
      }
    }
  }

  void ReportUnknown(const MapEntry& entry, const SchemaNode& node) {
    const SourceRange range = entry.key_range.IsValid() ? entry.key_range : Where(entry.value);
    Diagnostic& diagnostic = ReportUnknownProperty(node, entry.key, range, sink_);
    if (!entry.key_range.IsValid()) diagnostic.fix.reset();  // the range is the value's
    if (!path_.empty()) diagnostic.notes.push_back("at `" + PathText() + "`");
  }

  // Whether `value` passes schema `id`, without reporting.
  bool Passes(const Value& value, SchemaId id, DiagnosticSink* findings = nullptr) {
    DiagnosticSink scratch;
    SchemaValidator nested(set_, findings ? *findings : scratch);
    nested.path_ = path_;
    nested.depth_ = depth_;
    nested.in_list_item_ = in_list_item_;
    nested.Validate(value, id);
    return (findings ? *findings : scratch).ErrorCount() == 0;
  }

  void CheckAnyOf(const Value& value, const SchemaNode& node) {
    std::vector<DiagnosticSink> findings(node.any_of.size());
    for (size_t i = 0; i < node.any_of.size(); ++i) {
      if (Passes(value, node.any_of[i], &findings[i])) return;
    }
    ReportAlternatives(value, "anyOf", findings);
  }

  void CheckOneOf(const Value& value, const SchemaNode& node) {
    std::vector<DiagnosticSink> findings(node.one_of.size());
    size_t passing = 0;
    for (size_t i = 0; i < node.one_of.size(); ++i) passing += Passes(value, node.one_of[i], &findings[i]);
    if (passing == 1) return;
    if (passing == 0) {
      ReportAlternatives(value, "oneOf", findings);
    } else {
      Report(kConstraintCode, value,
             ValueText(value) + " matches " + std::to_string(passing) + " schemas of `oneOf`; it must match exactly one");
    }
  }

  // With one alternative, its own findings are the clearest report.
  void ReportAlternatives(const Value& value, std::string_view keyword, std::vector<DiagnosticSink>& findings) {
    if (findings.size() == 1) {
      for (Diagnostic& d : findings[0].mutable_diagnostics()) sink_.Add(std::move(d));
      return;
    }
    Diagnostic& d = Report(kConstraintCode, value,
                           DescribeValue(value) + " matches none of the " + std::to_string(findings.size()) +
                               " schemas of `" + std::string(keyword) + "`");
    for (size_t i = 0; i < findings.size(); ++i) {
      if (findings[i].empty()) continue;
      d.notes.push_back("schema " + std::to_string(i + 1) + ": " + findings[i].diagnostics().front().message);
    }
  }

  std::string NodeName(const SchemaNode& node) const { return node.name.empty() ? "object" : node.name; }

  static constexpr DiagnosticCode kMismatch = DiagnosticCode::E0502;

  Diagnostic& Report(DiagnosticCode code, const Value& value, std::string message) {
    return ReportAt(code, Where(value), std::move(message));
  }

  Diagnostic& ReportAt(DiagnosticCode code, SourceRange range, std::string message) {
    Diagnostic& diagnostic = sink_.Report(code, range, std::move(message));
    if (!path_.empty()) diagnostic.notes.push_back("at `" + PathText() + "`");
    return diagnostic;
  }

  SourceRange Where(const Value& value) const { return value.origin(); }

  std::string PathText() const {
    std::string text;
    for (const Segment& segment : path_) {
      if (segment.key.data() == nullptr) {
        text += '[' + std::to_string(segment.index) + ']';
      } else {
        if (!text.empty()) text += '.';
        text += segment.key;
      }
    }
    return text;
  }

  const SchemaSet& set_;
  DiagnosticSink& sink_;
  std::vector<Segment> path_;
  int depth_ = 0;
  bool in_list_item_ = false;
};

}  // namespace

Diagnostic& ReportUnknownProperty(const SchemaNode& node, std::string_view key, SourceRange key_range,
                                  DiagnosticSink& sink) {
  std::vector<std::string_view> candidates;
  for (const auto& property : node.properties) candidates.push_back(property.first);
  const std::optional<std::string> suggestion = ClosestMatch(key, candidates);
  std::string message =
      "unknown field " + CodeText(key) + " in `" + (node.name.empty() ? std::string("object") : node.name) + "`";
  if (suggestion) message += "; did you mean `" + *suggestion + "`?";
  Diagnostic& diagnostic = sink.Report(DiagnosticCode::E0501, key_range, std::move(message));
  if (suggestion && key_range.IsValid()) {
    diagnostic.fix = Fix{"replace with `" + *suggestion + "`", {TextEdit{key_range, *suggestion}}};
  }
  return diagnostic;
}

void ValidateAgainstSchema(const SchemaSet& set, SchemaId id, const Value& value, DiagnosticSink& sink,
                           const SchemaValidateOptions& options) {
  SchemaValidator(set, sink).Check(value, id, options.custom_resource_root);
}

}  // namespace mast
