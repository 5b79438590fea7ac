#include "schemas/validator.h"

#include <cmath>
#include <limits>

#include "compiler/base/spelling.h"
#include "compiler/types/external_types.h"
#include "schemas/formats.h"
#include "schemas/quantity.h"
#include "schemas/release_history.h"
#include "schemas/validator_messages.h"

namespace mast::schemas {

namespace {

// Values nest no deeper than this in practice; the YAML reader and the
// evaluator bound nesting themselves, this only keeps the stack safe.
constexpr int kMaxDepth = 512;

ExternalKind KindOf(const CatalogView& view, uint32_t type) { return static_cast<ExternalKind>(view.KindByte(type)); }

}  // namespace

void Validator::Check(const Value& value, uint32_t type) {
  if (value.IsNull() || depth_ >= kMaxDepth) return;  // null means "unset" to the API server
  const SourceRange saved_fallback = fallback_;
  fallback_ = Where(value);
  ++depth_;
  switch (KindOf(view_, type)) {
    case ExternalKind::kAny: break;
    case ExternalKind::kObject: CheckObject(value, type); break;
    case ExternalKind::kMap: CheckMap(value, type); break;
    case ExternalKind::kList: CheckList(value, type); break;
    case ExternalKind::kString: CheckString(value, type); break;
    case ExternalKind::kInteger: CheckInteger(value, type); break;
    case ExternalKind::kNumber:
      if (!value.IsNumber()) ReportMismatch(value, type);
      break;
    case ExternalKind::kBoolean:
      if (!value.IsBool()) ReportMismatch(value, type);
      break;
    case ExternalKind::kIntOrString: CheckIntOrString(value, type); break;
    case ExternalKind::kQuantity: CheckQuantity(value, type); break;
  }
  --depth_;
  fallback_ = saved_fallback;
}

void Validator::CheckObject(const Value& value, uint32_t type) {
  if (!value.IsMap()) {
    ReportMismatch(value, type);
    return;
  }
  const bool open = (view_.Flags(type) & kTypeOpen) != 0;
  const uint32_t required = RequiredInTarget(type);
  const bool range_target = target_ != lookup_;
  uint32_t required_seen = 0;
  for (const MapEntry& entry : value.AsMap()) {
    path_.push_back({entry.key, 0, entry.key_range});
    const uint32_t field = view_.FindField(type, entry.key, lookup_);
    if (field == kNone) {
      if (!open) ReportUnknownField(value, entry, type);
    } else {
      if (required != 0 && !entry.value.IsNull() && view_.FieldRequired(field)) ++required_seen;
      if (range_target && (view_.FieldReleases(field) & target_) != target_) ReportPartlyKnownField(entry, type, field);
      Check(entry.value, view_.FieldType(field));
    }
    path_.pop_back();
  }
  if (required_seen < required) CheckMissing(value, type);
  if (view_.ResourceOf(type) != kNone) CheckIdentity(value, type);
}

uint32_t Validator::RequiredInTarget(uint32_t type) const {
  if ((view_.Flags(type) & kTypeRequiredVaries) == 0) return view_.RequiredCount(type);
  uint32_t count = 0;
  const uint32_t first = view_.FirstField(type);
  for (uint32_t field = first; field < first + view_.FieldCount(type); ++field) {
    if (view_.FieldRequired(field) && (view_.FieldReleases(field) & lookup_) != 0) ++count;
  }
  return count;
}

void Validator::CheckMissing(const Value& value, uint32_t type) {
  const uint32_t first = view_.FirstField(type);
  for (uint32_t field = first; field < first + view_.FieldCount(type); ++field) {
    if (!view_.FieldRequired(field) || (view_.FieldReleases(field) & lookup_) == 0) continue;
    const std::string_view name = view_.FieldName(field);
    const MapEntry* entry = value.FindEntry(name);
    if (entry != nullptr && !entry->value.IsNull()) continue;
    std::string where = "`";
    where.append(name).append("` in `").append(view_.ShortName(type)).append("`");
    if (entry == nullptr) {
      Report(DiagnosticCode::E0503, Where(value), "missing required field " + where);
    } else if (entry->value.IsNull()) {
      path_.push_back({entry->key, 0, entry->key_range});
      Report(DiagnosticCode::E0503, Where(entry->value), "required field " + where + " is null; give it a value");
      path_.pop_back();
    }
  }
}

// A resource's own apiVersion and kind, when written, must name it.
void Validator::CheckIdentity(const Value& value, uint32_t type) {
  const uint32_t resource = view_.ResourceOf(type);
  const std::string_view expected_kind = view_.ResourceKind(resource);
  const std::string_view expected_api = view_.ResourceApiVersion(resource);
  const Value* kind = value.Find("kind");
  const Value* api = value.Find("apiVersion");
  std::string_view written_kind = expected_kind;
  if (kind != nullptr && kind->IsString()) {
    written_kind = kind->AsString();
    if (view_.FindResource(expected_api, written_kind, lookup_) != type &&
        (api == nullptr || !api->IsString() || view_.FindResource(api->AsString(), written_kind, lookup_) != type)) {
      path_.push_back({"kind", 0, {}});
      Report(DiagnosticCode::E0502, Where(*kind),
             "expected kind `" + std::string(expected_kind) + "`, found " + CodeText(written_kind));
      path_.pop_back();
      return;
    }
  }
  if (api != nullptr && api->IsString() && view_.FindResource(api->AsString(), written_kind, lookup_) != type) {
    path_.push_back({"apiVersion", 0, {}});
    Report(DiagnosticCode::E0502, Where(*api),
           "expected apiVersion `" + std::string(expected_api) + "` for kind `" + std::string(written_kind) +
               "`, found " + CodeText(api->AsString()));
    path_.pop_back();
  }
}

void Validator::CheckMap(const Value& value, uint32_t type) {
  if (!value.IsMap()) {
    ReportMismatch(value, type);
    return;
  }
  const uint32_t element = view_.Element(type);
  if (KindOf(view_, element) == ExternalKind::kAny) return;
  for (const MapEntry& entry : value.AsMap()) {
    path_.push_back({entry.key, 0, entry.key_range});
    Check(entry.value, element);
    path_.pop_back();
  }
}

void Validator::CheckList(const Value& value, uint32_t type) {
  if (!value.IsList()) {
    ReportMismatch(value, type);
    return;
  }
  const uint32_t element = view_.Element(type);
  if (KindOf(view_, element) == ExternalKind::kAny) return;
  const ValueList& items = value.AsList();
  for (size_t i = 0; i < items.size(); ++i) {
    path_.push_back({{}, i, {}});
    Check(items[i], element);
    path_.pop_back();
  }
}

void Validator::CheckString(const Value& value, uint32_t type) {
  if (!value.IsString()) {
    ReportMismatch(value, type);
    return;
  }
  const std::string& text = value.AsString();
  switch (view_.FormatOf(type)) {
    case Format::kDateTime:
      if (!IsRfc3339DateTime(text)) {
        Report(DiagnosticCode::E0505, Where(value),
               CodeText(text) + " is not an RFC 3339 date-time; write it like `2024-01-31T12:00:00Z`");
      }
      break;
    case Format::kByte:
      if (!IsBase64(text)) {
        Report(DiagnosticCode::E0505, Where(value),
               CodeText(text) + " is not valid base64; encode it (a Secret takes plain text under `stringData`)");
      }
      break;
    default: break;
  }
}

void Validator::CheckInteger(const Value& value, uint32_t type) {
  if (value.IsInt()) {
    CheckIntegerRange(value, 0, true, view_.FormatOf(type));
  } else if (value.IsFloat() && std::isfinite(value.AsFloat()) && value.AsFloat() == std::trunc(value.AsFloat())) {
    // 3.0 decodes as 3: YAML-to-JSON conversion writes it as an integer.
    CheckIntegerRange(value, value.AsFloat(), false, view_.FormatOf(type));
  } else {
    ReportMismatch(value, type);
  }
}

void Validator::CheckIntegerRange(const Value& value, double number, bool is_int, Format format) {
  const bool int32 = format == Format::kInt32;
  const double low = int32 ? std::numeric_limits<int32_t>::min() : -9223372036854775808.0;
  const double high = int32 ? std::numeric_limits<int32_t>::max() : 9223372036854775807.0;
  bool fits;
  if (is_int) {
    fits = !int32 || (value.AsInt() >= std::numeric_limits<int32_t>::min() &&
                      value.AsInt() <= std::numeric_limits<int32_t>::max());
  } else {
    fits = number >= low && number < (int32 ? high + 1 : high);
  }
  if (fits) return;
  const std::string shown = is_int ? std::to_string(value.AsInt()) : FormatFloat(number);
  const char* range = int32 ? "-2147483648 to 2147483647" : "-9223372036854775808 to 9223372036854775807";
  Report(DiagnosticCode::E0505, Where(value),
         std::string("integer ") + shown + " is out of range for " + (int32 ? "int32" : "int64") + "; the range is " +
             range);
}

void Validator::CheckIntOrString(const Value& value, uint32_t type) {
  if (value.IsString()) return;
  if (value.IsInt()) {
    CheckIntegerRange(value, 0, true, Format::kInt32);
  } else if (value.IsFloat() && std::isfinite(value.AsFloat()) && value.AsFloat() == std::trunc(value.AsFloat())) {
    CheckIntegerRange(value, value.AsFloat(), false, Format::kInt32);
  } else {
    ReportMismatch(value, type);
  }
}

void Validator::CheckQuantity(const Value& value, uint32_t type) {
  if (value.IsNumber()) return;
  if (!value.IsString()) {
    ReportMismatch(value, type);
    return;
  }
  const std::string& text = value.AsString();
  if (IsValidQuantity(text)) return;
  std::string message = CodeText(text) + " is not a valid quantity";
  const std::vector<std::string> suggestions = SuggestQuantities(text);
  if (suggestions.empty()) {
    message += "; write a number with an optional suffix, like `500m`, `128Mi` or `2G`";
  } else {
    message += "; did you mean ";
    for (size_t i = 0; i < suggestions.size(); ++i) {
      if (i > 0) message += " or ";
      message += "`" + suggestions[i] + "`";
    }
    message += "?";
  }
  Report(DiagnosticCode::E0504, Where(value), std::move(message));
}

void Validator::ReportUnknownField(const Value& object, const MapEntry& entry, uint32_t type) {
  std::vector<std::string_view> siblings;
  siblings.reserve(object.AsMap().size());
  for (const MapEntry& other : object.AsMap()) siblings.push_back(other.key);
  const SourceRange where = entry.key_range.IsValid() ? entry.key_range : Where(entry.value);
  Diagnostic& diagnostic = ReportFieldNotInTarget(view_, target_, type, entry.key, where, siblings, sink_);
  diagnostic.notes.push_back("at `" + PathText() + "`");
  AddParentLabel(diagnostic, type);
}

void Validator::ReportPartlyKnownField(const MapEntry& entry, uint32_t type, uint32_t field) {
  const SourceRange where = entry.key_range.IsValid() ? entry.key_range : Where(entry.value);
  if (!ReportFieldPartlyInTarget(view_, target_, type, field, where, sink_)) return;
  sink_.mutable_diagnostics().back().notes.push_back("at `" + PathText() + "`");
}

// Points at the key that holds the object ("`spec` has type `DeploymentSpec`"),
// so the reader sees which type was checked without knowing the schema.
void Validator::AddParentLabel(Diagnostic& diagnostic, uint32_t type) const {
  if (path_.size() < 2) return;
  size_t parent = path_.size() - 2;  // path_.back() is the offending key
  const bool list_item = path_[parent].key.data() == nullptr;
  if (list_item) {
    if (parent == 0) return;
    --parent;
  }
  const Segment& holder = path_[parent];
  if (holder.key.data() == nullptr || !holder.key_range.IsValid()) return;
  std::string message = list_item ? "items of `" : "`";
  message.append(holder.key).append(list_item ? "` have type `" : "` has type `").append(view_.ShortName(type));
  message += '`';
  diagnostic.labels.push_back(Label{holder.key_range, std::move(message)});
}

void Validator::ReportMismatch(const Value& value, uint32_t type) {
  const ExternalKind expected = KindOf(view_, type);
  std::string message = "expected " + DescribeExpected(view_, type) + ", found " + DescribeValue(value);
  message += MismatchHint(value, expected);
  Report(DiagnosticCode::E0502, Where(value), std::move(message));
}

Diagnostic& Validator::Report(DiagnosticCode code, SourceRange range, std::string message) {
  Diagnostic& diagnostic = sink_.Report(code, range, std::move(message));
  if (!path_.empty()) diagnostic.notes.push_back("at `" + PathText() + "`");
  return diagnostic;
}

std::string Validator::PathText() const {
  std::string text;
  for (const Segment& segment : path_) {
    if (segment.key.data() == nullptr) {
      text += '[';
      text += std::to_string(segment.index);
      text += ']';
    } else {
      if (!text.empty()) text += '.';
      text += segment.key;
    }
  }
  return text;
}

}  // namespace mast::schemas
