// Top level of evaluation: applies -D params, evaluates every `let` and
// `emit` of the entry files in order, and validates emitted resources.
#include "compiler/base/api_version.h"
#include "compiler/base/spelling.h"
#include "compiler/eval/evaluator_impl.h"
#include "compiler/eval/explain_origin.h"

namespace mast {
namespace {

bool AcceptsString(const Type& type) {
  switch (type.kind) {
    case Type::Kind::kString: return true;
    case Type::Kind::kLiteral: return type.literal.IsString();
    case Type::Kind::kUnion:
      for (const TypeRef& member : type.members) {
        if (AcceptsString(*member)) return true;
      }
      return false;
    default: return false;
  }
}

// Kubernetes reads a null field as unset, so emitted documents leave out
// fields whose value is null (an unset optional field, `x ?? null`).
bool HasNullFields(const Value& value) {
  if (value.IsList()) {
    for (const Value& item : value.AsList()) {
      if (HasNullFields(item)) return true;
    }
  } else if (value.IsMap()) {
    for (const MapEntry& entry : value.AsMap()) {
      if (entry.value.IsNull() || HasNullFields(entry.value)) return true;
    }
  }
  return false;
}

Value WithoutNullFields(const Value& value) {
  if (!HasNullFields(value)) return value;  // the usual case: share, do not copy
  if (value.IsList()) {
    ValueList items;
    items.reserve(value.AsList().size());
    for (const Value& item : value.AsList()) items.push_back(WithoutNullFields(item));
    return Value::List(std::move(items), value.origin(), value.provenance());
  }
  if (!value.IsMap()) return value;
  ValueMap entries;
  entries.reserve(value.AsMap().size());
  for (const MapEntry& entry : value.AsMap()) {
    if (!entry.value.IsNull()) entries.push_back({entry.key, entry.key_range, WithoutNullFields(entry.value)});
  }
  return Value::Map(std::move(entries), value.origin(), value.provenance());
}

void CollectDocuments(const Value& value, SourceRange emit_range, std::vector<Value>& out, DiagnosticSink& sink) {
  if (value.IsMap()) {
    out.push_back(WithoutNullFields(value));
  } else if (value.IsList()) {
    for (const Value& item : value.AsList()) CollectDocuments(item, emit_range, out, sink);
  } else if (!value.IsNull()) {
    sink.Report(DiagnosticCode::E0413, value.origin().IsValid() ? value.origin() : emit_range,
                "`emit` needs a record or a list of records, found " + std::string(KindName(value.kind())));
  }
}

}  // namespace

void Evaluator::ApplyParams(const std::vector<ParamOverride>& params) {
  for (const ParamOverride& param : params) {
    bool found = false;
    std::vector<std::string_view> names;
    for (auto& module : program_.modules) {
      for (const auto& [name, decl] : module->decls) {
        if (decl->kind != ast::Decl::Kind::kParam) continue;
        names.push_back(name);
        if (name != param.name) continue;
        found = true;
        if (decl->has_syntax_error) continue;  // reported with its syntax error
        try {
          TypeRef type = DeclaredType(*module, *decl);
          // The literal reading wins when it fits (`-D port=80` for `int | string`);
          // otherwise a type that takes strings gets the raw text.
          Value value = param.value;
          if (!(param.parsed && Fits(value, *type)) && AcceptsString(*type)) {
            value = Value::String(param.raw, param.range);
          }
          DiagnosticSink scratch;
          Value conformed = Conform(value, *type, scratch);
          if (scratch.HasErrors()) {
            Diagnostic& d = Report(DiagnosticCode::E0410, param.range,
                                   "`-D " + param.name + "=" + param.raw + "`: " + scratch.diagnostics()[0].message);
            d.labels.push_back({decl->type ? decl->type->range : decl->name_range,
                                "param `" + param.name + "` is declared as `" + TypeToString(*type) + "` here"});
            continue;
          }
          module->globals[param.name] = conformed;
        } catch (const EvalAbort&) {
        }
      }
    }
    if (!found) {
      std::string message = "`-D " + param.name + "`: no `param " + param.name + "` is declared";
      if (auto suggestion = ClosestMatch(param.name, names)) message += "; did you mean `" + *suggestion + "`?";
      Report(DiagnosticCode::E0410, param.name_range, message);
    }
  }
}

EvalResult EvaluateProgram(Program& program, SourceManager& sources, const std::vector<ParamOverride>& params,
                           const EvalLimits& limits, DiagnosticSink& sink) {
  EvalResult result;
  Evaluator evaluator(program, sources, limits, sink);
  try {
    evaluator.ApplyParams(params);
    for (ModuleInfo* module : program.entries) {
      for (const ast::Decl& decl : module->ast.decls) {
        if (decl.has_syntax_error) continue;  // reported with its syntax error
        evaluator.current_declaration = decl.range;
        try {
          if (decl.kind == ast::Decl::Kind::kLet || decl.kind == ast::Decl::Kind::kParam) {
            evaluator.Global(*module, decl.name, decl.name_range);
          } else if (decl.kind == ast::Decl::Kind::kEmit && decl.value) {
            Value value = evaluator.Eval(*decl.value, *module, nullptr);
            size_t first = result.documents.size();
            CollectDocuments(value, decl.range, result.documents, sink);
            for (size_t i = first; i < result.documents.size(); ++i) evaluator.ChargeEmitted(result.documents[i], decl.range);
            result.fields_validated.resize(result.documents.size(), false);
            for (size_t i = first; i < result.documents.size(); ++i) {
              const Value& document = result.documents[i];
              const Value* api_version = document.Find("apiVersion");
              const Value* kind = document.Find("kind");
              if (!program.external || !api_version || !kind || !api_version->IsString() || !kind->IsString()) continue;
              // Built-in API groups are validated (typos in kind or version
              // included). Custom resources live in groups with a dot (the
              // API server requires one), so a dotless unknown group is a typo.
              const std::string& api = api_version->AsString();
              const std::string_view group = ApiGroupOf(api);
              if (program.external->HasApiGroup(api) || group.find('.') == std::string_view::npos) {
                bool clean = false;
                if (!evaluator.ValidatedAsResource(document, &clean)) {
                  const size_t found_before = sink.diagnostics().size();
                  const bool typed = program.external->ValidateResource(document, sink).has_value();
                  clean = typed && sink.diagnostics().size() == found_before;
                  ExplainFindings(sink.mutable_diagnostics(), found_before, document, sources.provenance());
                }
                result.fields_validated[i] = clean;
              }
            }
          } else if (decl.kind == ast::Decl::Kind::kType || decl.kind == ast::Decl::Kind::kSchema) {
            evaluator.TypeOfName(*module, "", decl.name, decl.name_range);
          }
        } catch (const EvalAbort&) {
        }
      }
    }
  } catch (const EvalLimitHit&) {
    // Already reported where the limit was hit; stop evaluating.
  }
  result.fields_validated.resize(result.documents.size(), false);
  return result;
}

}  // namespace mast
