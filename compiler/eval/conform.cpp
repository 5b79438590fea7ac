// Checks values against Mast types. Reports at the value's origin (the
// expression that produced it) with a label at the constraint and the call
// sites that made the value; fills schema defaults and the apiVersion/kind of
// Kubernetes resources. A value that fails is marked (base/provenance.h), and
// no later check reports on it again.
#include <re2/re2.h>

#include "base/spelling.h"
#include "eval/evaluator_impl.h"
#include "eval/explain_origin.h"

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

}  // namespace

bool Evaluator::Fits(const Value& value, const Type& type) {
  DiagnosticSink scratch;
  Conform(value, type, scratch);
  return !scratch.HasErrors();
}

void Evaluator::ExplainAt(Diagnostic& d, const Value& value, const DiagnosticSink& sink) const {
  if (&sink != &sink_) return;  // a trial: what it finds may be dropped
  const ProvenanceId own = value.provenance() & ~kFailedTypeBit;
  AddCallSites(d, sources_.provenance(), own != kNoProvenance ? own : call_chain_, d.range);
}

Value Evaluator::MarkFailed(const Value& value, const DiagnosticSink& sink) const {
  if (&sink != &sink_) return value;  // a trial: what it finds may be dropped
  Value marked = value;
  marked.set_provenance(value.provenance() | kFailedTypeBit);
  return marked;
}

bool Evaluator::CheckRefinements(const Value& value, const Type& type, DiagnosticSink& sink) {
  if (!type.range && !type.text) return true;
  bool fits = true;
  auto type_text = [&] { return TypeToString(type); };  // only when something fails
  if (type.range && value.IsNumber() && !InRange(value.AsFloat(), *type.range)) {
    Diagnostic& d = sink.Report(DiagnosticCode::E0401, value.origin(),
                                "value " + DisplayValue(value) + " is out of range for `" + type_text() +
                                    "`; it must be " + RangeWords(*type.range));
    d.labels.push_back({type.range->range, "constraint declared here"});
    ExplainAt(d, value, sink);
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
      ExplainAt(d, value, sink);
      fits = false;
    }
    if (text.pattern && !RE2::PartialMatch(value.AsString(), *text.pattern)) {
      Diagnostic& d = sink.Report(DiagnosticCode::E0401, value.origin(),
                                  "string \"" + DisplayValue(value) + "\" does not match `" + text.pattern_text +
                                      "` required by `" + type_text() + "`");
      d.labels.push_back({text.pattern_range, "constraint declared here"});
      ExplainAt(d, value, sink);
      fits = false;
    }
  }
  return fits;
}

Value Evaluator::Conform(const Value& value, const Type& type, DiagnosticSink& sink) {
  Step();
  // Reported once where it failed; checked again, it would be reported again.
  if (FailedType(value.provenance())) return value;
  switch (type.kind) {
    case Type::Kind::kAny: return value;
    case Type::Kind::kUnion: {
      for (const TypeRef& member : type.members) {
        DiagnosticSink scratch;
        Value conformed = Conform(value, *member, scratch);
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
      if (matching == 1) return Conform(value, *only, sink);
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
      ExplainAt(d, value, sink);
      return MarkFailed(value, sink);
    }
    case Type::Kind::kLiteral:
      if (!value.Equals(type.literal)) {
        ExplainAt(sink.Report(BaseKindMatches(value, type) ? DiagnosticCode::E0401 : DiagnosticCode::E0301,
                              value.origin(), "expected `" + TypeToString(type) + "`, found " + Found(value)),
                  value, sink);
        return MarkFailed(value, sink);
      }
      return value;
    case Type::Kind::kSchema: return ConformSchema(value, type, sink);
    case Type::Kind::kExternal: return ConformExternal(value, type, sink);
    default: break;
  }
  if (!BaseKindMatches(value, type)) {
    std::string message = "expected " + TypeToString(type) + ", found " + Found(value);
    if (value.IsNull()) message += "; mark the field optional with `?` or give a default";
    Diagnostic& d = sink.Report(DiagnosticCode::E0301, value.origin(), message);
    if (type.declared_at.IsValid()) d.labels.push_back({type.declared_at, "`" + type.name + "` is declared here"});
    ExplainAt(d, value, sink);
    return MarkFailed(value, sink);
  }
  if (type.kind == Type::Kind::kList) {
    ValueList items;
    items.reserve(value.AsList().size());
    for (const Value& item : value.AsList()) items.push_back(Conform(item, *type.element, sink));
    return Value::List(std::move(items), value.origin(), value.provenance());
  }
  if (type.kind == Type::Kind::kMap) {
    ValueMap entries;
    entries.reserve(value.AsMap().size());
    for (const MapEntry& entry : value.AsMap()) {
      entries.push_back({entry.key, entry.key_range, Conform(entry.value, *type.element, sink)});
    }
    return Value::Map(std::move(entries), value.origin(), value.provenance());
  }
  if (!CheckRefinements(value, type, sink)) return MarkFailed(value, sink);
  // `number` takes integers too, and makes them numbers: 3 becomes 3.0.
  if (type.kind == Type::Kind::kFloat && value.IsInt()) {
    return Value::Float(value.AsFloat(), value.origin(), value.provenance());
  }
  return value;
}

Value Evaluator::ConformSchema(const Value& value, const Type& type, DiagnosticSink& sink) {
  const SchemaInfo& schema = *type.schema;
  const size_t errors_before = sink.ErrorCount();
  if (!value.IsMap()) {
    ExplainAt(sink.Report(DiagnosticCode::E0301, value.origin(),
                          "expected a `" + schema.name + "` record, found " + Found(value)),
              value, sink);
    return MarkFailed(value, sink);
  }
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
    ExplainAt(d, entry.value, sink);
  }
  ModuleInfo* home = ModuleOf(program_, schema.file);
  ValueMap out;
  out.reserve(schema.fields.size());
  for (const SchemaFieldInfo& field : schema.fields) {
    const MapEntry* entry = value.FindEntry(field.name);
    if (entry && !entry->value.IsNull()) {
      Value conformed = Conform(entry->value, *field.type, sink);
      out.push_back({field.name, entry->key_range, std::move(conformed)});
      continue;
    }
    if (field.default_value && home) {
      Value fallback = Conform(Eval(*field.default_value, *home, nullptr), *field.type, sink);
      out.push_back({field.name, field.name_range, std::move(fallback)});
      continue;
    }
    if (!field.optional && !IsNullable(*field.type)) {
      Diagnostic& d = sink.Report(DiagnosticCode::E0303, value.origin(),
                                  "missing required field `" + field.name + "` of `" + schema.name + "`");
      d.labels.push_back({field.name_range, "`" + field.name + "` is declared here"});
      // Removed by a `with`: the overlay is what to change.
      if (auto removal = sources_.provenance().FindRemoval(value.provenance(), field.name)) {
        MoveToRemoval(d, *removal, sources_.provenance());
      } else {
        ExplainAt(d, value, sink);
      }
    }
    // An unset optional field reads as null (and is dropped from output).
    out.push_back({field.name, value.origin(), Value::Null(value.origin(), value.provenance())});
  }
  Value result = Value::Map(std::move(out), value.origin(), value.provenance());
  if (!home || !schema.decl || schema.decl->checks.empty() || sink.ErrorCount() > errors_before) return result;
  // The checks see every field by name, borrowed from the result.
  Scope fields;
  fields.binder = schema.decl;  // the result lists the schema's fields in order
  fields.vars.reserve(result.AsMap().size());
  for (const MapEntry& entry : result.AsMap()) fields.vars.Borrow(entry.key, entry.value);
  for (const ast::SchemaCheck& check : schema.decl->checks) {
    Value outcome = Eval(*check.condition, *home, &fields);
    if (!outcome.IsBool()) {
      sink.Report(DiagnosticCode::E0301, check.condition->range, "a `check` must be a boolean expression");
      continue;
    }
    if (!outcome.AsBool()) {
      Diagnostic& d = sink.Report(DiagnosticCode::E0402, value.origin(),
                                  "check failed: " + check.message);
      d.labels.push_back({check.range, "check declared in `" + schema.name + "`"});
      ExplainAt(d, value, sink);
    }
  }
  return result;
}

Value Evaluator::ConformExternal(const Value& value, const Type& type, DiagnosticSink& sink) {
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
  // What the catalog found, explained by the values it is about (not in a
  // trial, whose findings may be dropped).
  if (&sink == &sink_) {
    ExplainFindings(sink.mutable_diagnostics(), found_before, result, sources_.provenance(), call_chain_);
  }
  // Only findings that reach the program's sink count (a union member's
  // trial conformance reports into a scratch sink that may be dropped).
  if (&sink == &sink_ && result.storage() && catalog.ResourceKind(type.external)) {
    validated_resources_.emplace(result.storage(), std::make_pair(result, type.external));
  }
  return result;
}

bool Evaluator::ValidatedAsResource(const Value& object) const {
  auto it = validated_resources_.find(object.storage());
  if (it == validated_resources_.end() || !object.storage() || !program_.external) return false;
  const Value* api_version = object.Find("apiVersion");
  const Value* kind = object.Find("kind");
  if (!api_version || !kind || !api_version->IsString() || !kind->IsString()) return false;
  return program_.external->FindResource(api_version->AsString(), kind->AsString()) == it->second.second;
}

}  // namespace mast
