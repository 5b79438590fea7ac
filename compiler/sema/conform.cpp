// Checks values against Mast types (see conform.h). Reports at the value's
// origin (the expression that produced it) with a label at the constraint.
#include "compiler/sema/conform.h"

#include <re2/re2.h>

#include <cstdint>
#include <optional>

#include "compiler/base/spelling.h"

namespace mast {
namespace {

std::string Found(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kString: return "string \"" + DisplayValue(value) + "\"";
    case Value::Kind::kInt:
    case Value::Kind::kFloat:
    case Value::Kind::kBool: return std::string(KindName(value.kind())) + " `" + DisplayValue(value) + "`";
    default: return std::string(KindName(value.kind()));
  }
}

bool BaseKindMatches(const Value& value, const Type& type) {
  switch (type.kind) {
    case Type::Kind::kAny: return true;
    case Type::Kind::kNull: return value.IsNull();
    case Type::Kind::kBool: return value.IsBool();
    case Type::Kind::kInt: return value.IsInt();
    case Type::Kind::kFloat: return value.IsNumber();
    case Type::Kind::kString: return value.IsString();
    case Type::Kind::kLiteral: return value.kind() == type.literal.kind();
    case Type::Kind::kList: return value.IsList();
    case Type::Kind::kMap:
    case Type::Kind::kSchema: return value.IsMap();
    case Type::Kind::kExternal: return true;  // the catalog decides
    case Type::Kind::kUnion:
      for (const TypeRef& member : type.members) {
        if (BaseKindMatches(value, *member)) return true;
      }
      return false;
  }
  return false;
}

size_t CodePoints(const std::string& text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

std::string Bound(double d) {
  if (d == static_cast<double>(static_cast<int64_t>(d))) return std::to_string(static_cast<int64_t>(d));
  return FormatFloat(d);
}

std::string RangeWords(const NumberRange& range) {
  if (range.low && range.high) return "between " + Bound(*range.low) + " and " + Bound(*range.high);
  if (range.low) return "at least " + Bound(*range.low);
  return "at most " + Bound(*range.high);
}

bool InRange(double value, const NumberRange& range) {
  return (!range.low || value >= *range.low) && (!range.high || value <= *range.high);
}

// `value`, marked as failed when reported into a sink that keeps it.
Value MarkFailed(const Value& value, const DiagnosticSink& sink, const ConformContext& context) {
  if (!context.Keeps(sink)) return value;  // a trial: what it finds may be dropped
  Value marked = value;
  marked.set_provenance(value.provenance() | kFailedTypeBit);
  return marked;
}

// Whether `value` meets the refinements of `type` (reports what it misses).
bool CheckRefinements(const Value& value, const Type& type, DiagnosticSink& sink, const ConformContext& context) {
  if (!type.range && !type.text) return true;
  bool fits = true;
  auto type_text = [&] { return TypeToString(type); };  // only when something fails
  if (type.range && value.IsNumber() && !InRange(value.AsFloat(), *type.range)) {
    Diagnostic& d = sink.Report(DiagnosticCode::E0401, value.origin(),
                                "value " + DisplayValue(value) + " is out of range for `" + type_text() +
                                    "`; it must be " + RangeWords(*type.range));
    d.labels.push_back({type.range->range, "constraint declared here"});
    context.ExplainValue(d, value, sink);
    fits = false;
  }
  if (type.text && value.IsString()) {
    const StringConstraints& text = *type.text;
    if (text.length && !InRange(static_cast<double>(CodePoints(value.AsString())), *text.length)) {
      Diagnostic& d = sink.Report(DiagnosticCode::E0401, value.origin(),
                                  "string \"" + DisplayValue(value) + "\" has length " +
                                      std::to_string(CodePoints(value.AsString())) + "; `" + type_text() +
                                      "` needs a length " + RangeWords(*text.length));
      d.labels.push_back({text.length->range, "constraint declared here"});
      context.ExplainValue(d, value, sink);
      fits = false;
    }
    if (text.pattern && !RE2::PartialMatch(value.AsString(), *text.pattern)) {
      Diagnostic& d = sink.Report(DiagnosticCode::E0401, value.origin(),
                                  "string \"" + DisplayValue(value) + "\" does not match `" + text.pattern_text +
                                      "` required by `" + type_text() + "`");
      d.labels.push_back({text.pattern_range, "constraint declared here"});
      context.ExplainValue(d, value, sink);
      fits = false;
    }
  }
  return fits;
}

Value ConformUnion(const Value& value, const Type& type, DiagnosticSink& sink, ConformContext& context) {
  for (const TypeRef& member : type.members) {
    DiagnosticSink scratch;
    Value conformed = Conform(value, *member, scratch, context);
    if (!scratch.HasErrors()) return conformed;
  }
  // A single member of the right kind explains the failure best.
  const Type* only = nullptr;
  size_t matching = 0;
  for (const TypeRef& member : type.members) {
    if (BaseKindMatches(value, *member) && member->kind != Type::Kind::kLiteral) {
      only = member.get();
      ++matching;
    }
  }
  if (matching == 1) return Conform(value, *only, sink, context);
  bool kind_ok = BaseKindMatches(value, type);
  Diagnostic& d = sink.Report(kind_ok ? DiagnosticCode::E0401 : DiagnosticCode::E0301, value.origin(),
                              Found(value) + " is not one of `" + TypeToString(type) + "`");
  if (type.declared_at.IsValid()) d.labels.push_back({type.declared_at, "`" + type.name + "` is declared here"});
  if (value.IsString()) {
    std::vector<std::string> options;
    for (const TypeRef& member : type.members) {
      if (member->kind == Type::Kind::kLiteral && member->literal.IsString()) {
        options.push_back(member->literal.AsString());
      }
    }
    std::vector<std::string_view> views(options.begin(), options.end());
    if (auto suggestion = ClosestMatch(value.AsString(), views)) {
      d.message += "; did you mean \"" + *suggestion + "\"?";
    }
  }
  context.ExplainValue(d, value, sink);
  return MarkFailed(value, sink, context);
}

// A list's items, each conformed to `element`. Items usually come back as
// they were: the list is copied only from the first item that changed, and
// is returned as it is when none did.
Value ConformItems(const Value& value, const Type& element, DiagnosticSink& sink, ConformContext& context) {
  const ValueList& items = value.AsList();
  std::optional<ValueList> changed;
  for (size_t i = 0; i < items.size(); ++i) {
    Value item = Conform(items[i], element, sink, context);
    if (!changed) {
      if (item.IsSameAs(items[i])) continue;
      changed.emplace();
      changed->reserve(items.size());
      changed->insert(changed->end(), items.begin(), items.begin() + static_cast<std::ptrdiff_t>(i));
    }
    changed->push_back(std::move(item));
  }
  return changed ? Value::List(std::move(*changed), value.origin(), value.provenance()) : value;
}

// A map's values, each conformed to `element`, copied the same way.
Value ConformEntries(const Value& value, const Type& element, DiagnosticSink& sink, ConformContext& context) {
  const ValueMap& entries = value.AsMap();
  std::optional<ValueMap> changed;
  for (size_t i = 0; i < entries.size(); ++i) {
    Value conformed = Conform(entries[i].value, element, sink, context);
    if (!changed) {
      if (conformed.IsSameAs(entries[i].value)) continue;
      changed.emplace();
      changed->reserve(entries.size());
      changed->insert(changed->end(), entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(i));
    }
    changed->push_back({entries[i].key, entries[i].key_range, std::move(conformed)});
  }
  return changed ? Value::Map(std::move(*changed), value.origin(), value.provenance()) : value;
}

// Lists, maps and the scalar types: the kind, then items or refinements.
Value ConformPlain(const Value& value, const Type& type, DiagnosticSink& sink, ConformContext& context) {
  if (!BaseKindMatches(value, type)) {
    std::string message = "expected " + TypeToString(type) + ", found " + Found(value);
    if (value.IsNull()) message += "; mark the field optional with `?` or give a default";
    Diagnostic& d = sink.Report(DiagnosticCode::E0301, value.origin(), message);
    if (type.declared_at.IsValid()) d.labels.push_back({type.declared_at, "`" + type.name + "` is declared here"});
    context.ExplainValue(d, value, sink);
    return MarkFailed(value, sink, context);
  }
  if (type.kind == Type::Kind::kList) return ConformItems(value, *type.element, sink, context);
  if (type.kind == Type::Kind::kMap) return ConformEntries(value, *type.element, sink, context);
  if (!CheckRefinements(value, type, sink, context)) return MarkFailed(value, sink, context);
  // `number` takes integers too, and makes them numbers: 3 becomes 3.0.
  if (type.kind == Type::Kind::kFloat && value.IsInt()) {
    return Value::Float(value.AsFloat(), value.origin(), value.provenance());
  }
  return value;
}

void ReportUnknownSchemaFields(const Value& value, const SchemaInfo& schema, DiagnosticSink& sink,
                               const ConformContext& context) {
  std::vector<std::string_view> field_names;  // for "did you mean", filled when needed
  for (const MapEntry& entry : value.AsMap()) {
    if (schema.Find(entry.key)) continue;
    if (field_names.empty()) {
      for (const SchemaFieldInfo& field : schema.fields) field_names.push_back(field.name);
    }
    std::string message = "`" + schema.name + "` has no field `" + entry.key + "`";
    std::optional<std::string> suggestion = ClosestMatch(entry.key, field_names);
    if (suggestion) message += "; did you mean `" + *suggestion + "`?";
    Diagnostic& d = sink.Report(DiagnosticCode::E0302, entry.key_range, message);
    d.labels.push_back({schema.name_range, "`" + schema.name + "` is declared here"});
    if (suggestion) d.fix = Fix{"replace with `" + *suggestion + "`", {{entry.key_range, *suggestion}}};
    context.ExplainValue(d, entry.value, sink);
  }
}

// The schema's `check`s on a record that conformed to its fields.
void RunSchemaChecks(const Value& value, const Value& record, const SchemaInfo& schema, ModuleInfo& home,
                     DiagnosticSink& sink, ConformContext& context) {
  for (const ast::SchemaCheck& check : schema.decl->checks) {
    std::optional<Value> outcome = context.EvaluateCheck(*check.condition, home, *schema.decl, record);
    if (!outcome) continue;  // not known here
    if (!outcome->IsBool()) {
      sink.Report(DiagnosticCode::E0301, check.condition->range, "a `check` must be a boolean expression");
      continue;
    }
    if (!outcome->AsBool()) {
      Diagnostic& d = sink.Report(DiagnosticCode::E0402, value.origin(), "check failed: " + check.message);
      d.labels.push_back({check.range, "check declared in `" + schema.name + "`"});
      context.ExplainValue(d, value, sink);
    }
  }
}

Value ConformSchema(const Value& value, const Type& type, DiagnosticSink& sink, ConformContext& context) {
  const SchemaInfo& schema = *type.schema;
  const size_t errors_before = sink.ErrorCount();
  if (!value.IsMap()) {
    context.ExplainValue(sink.Report(DiagnosticCode::E0301, value.origin(),
                                     "expected a `" + schema.name + "` record, found " + Found(value)),
                         value, sink);
    return MarkFailed(value, sink, context);
  }
  ReportUnknownSchemaFields(value, schema, sink, context);
  ModuleInfo* home = ModuleOf(context.program(), schema.file);
  ValueMap out;
  out.reserve(schema.fields.size());
  for (const SchemaFieldInfo& field : schema.fields) {
    const MapEntry* entry = value.FindEntry(field.name);
    if (entry && !entry->value.IsNull()) {
      Value conformed = Conform(entry->value, *field.type, sink, context);
      out.push_back({field.name, entry->key_range, std::move(conformed)});
      continue;
    }
    if (field.default_value && home) {
      if (std::optional<Value> fallback = context.EvaluateDefault(*field.default_value, *home)) {
        out.push_back({field.name, field.name_range, Conform(*fallback, *field.type, sink, context)});
        continue;
      }
    } else if (!field.optional && !IsNullable(*field.type)) {
      Diagnostic& d = sink.Report(DiagnosticCode::E0303, value.origin(),
                                  "missing required field `" + field.name + "` of `" + schema.name + "`");
      d.labels.push_back({field.name_range, "`" + field.name + "` is declared here"});
      context.ExplainMissingField(d, value, field.name, sink);
    }
    // An unset optional field reads as null (and is dropped from output).
    out.push_back({field.name, value.origin(), Value::Null(value.origin(), value.provenance())});
  }
  Value result = Value::Map(std::move(out), value.origin(), value.provenance());
  if (!home || !schema.decl || schema.decl->checks.empty() || sink.ErrorCount() > errors_before) return result;
  RunSchemaChecks(value, result, schema, *home, sink, context);
  return result;
}

Value ConformExternal(const Value& value, const Type& type, DiagnosticSink& sink, ConformContext& context) {
  const ExternalTypes& catalog = *type.catalog;
  Value result = value;
  if (value.IsMap()) {
    if (std::optional<GroupVersionKind> gvk = catalog.ResourceKind(type.external)) {
      ValueMap entries;
      const ProvenanceId provenance = value.provenance();
      if (!value.Find("apiVersion")) {
        entries.push_back({"apiVersion", value.origin(), Value::String(gvk->api_version, value.origin(), provenance)});
      }
      if (!value.Find("kind")) {
        entries.push_back({"kind", value.origin(), Value::String(gvk->kind, value.origin(), provenance)});
      }
      if (!entries.empty()) {
        entries.insert(entries.end(), value.AsMap().begin(), value.AsMap().end());
        result = Value::Map(std::move(entries), value.origin(), provenance);
      }
    }
  }
  const size_t found_before = sink.diagnostics().size();
  catalog.Validate(result, type.external, sink);
  context.ValidatedExternal(result, type, sink, found_before);
  return result;
}

}  // namespace

Value Conform(const Value& value, const Type& type, DiagnosticSink& sink, ConformContext& context) {
  context.CountStep();
  // Reported once where it failed; checked again, it would be reported again.
  if (FailedType(value.provenance())) return value;
  switch (type.kind) {
    case Type::Kind::kAny: return value;
    case Type::Kind::kUnion: return ConformUnion(value, type, sink, context);
    case Type::Kind::kLiteral:
      if (!value.Equals(type.literal)) {
        context.ExplainValue(
            sink.Report(BaseKindMatches(value, type) ? DiagnosticCode::E0401 : DiagnosticCode::E0301, value.origin(),
                        "expected `" + TypeToString(type) + "`, found " + Found(value)),
            value, sink);
        return MarkFailed(value, sink, context);
      }
      return value;
    case Type::Kind::kSchema: return ConformSchema(value, type, sink, context);
    case Type::Kind::kExternal: return ConformExternal(value, type, sink, context);
    default: return ConformPlain(value, type, sink, context);
  }
}

bool Fits(const Value& value, const Type& type, ConformContext& context) {
  DiagnosticSink scratch;
  Conform(value, type, scratch, context);
  return !scratch.HasErrors();
}

}  // namespace mast
