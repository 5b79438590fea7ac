// Turns type expressions into Types: builtins, aliases, schemas, literal
// unions, refinements and Kubernetes types from imported k8s modules.
#include "compiler/sema/resolve_type.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>

#include "compiler/base/spelling.h"

namespace mast {

namespace {

// The type of a schema declared (or written as a record type) at `declared_at`.
TypeRef SchemaType(std::shared_ptr<SchemaInfo> schema, SourceRange declared_at) {
  Type type;
  type.kind = Type::Kind::kSchema;
  type.schema = std::move(schema);
  type.declared_at = declared_at;
  return MakeType(std::move(type));
}

}  // namespace

void TypeResolver::Fail(DiagnosticCode code, SourceRange range, std::string message) {
  Diagnostic& d = sink_.Report(code, range, std::move(message));
  if (explain_) explain_(d);
  throw DeclarationAbort{};
}

TypeRef TypeResolver::DeclaredType(ModuleInfo& module, const ast::Decl& decl) {
  return decl.type ? ResolveType(*decl.type, module) : AnyType();
}

TypeRef TypeResolver::ExternalTypeOf(const ImportTarget& target, std::string_view module_alias,
                                     std::string_view name, SourceRange range) {
  const ExternalTypes* catalog = program_.external;
  std::optional<ExternalTypeId> id = catalog ? catalog->FindMember(target.external_path, name) : std::nullopt;
  if (!id) {
    // A `crd:` module is named by its alias: its path is the canonical one.
    const bool custom = target.external_path.rfind("crd:", 0) == 0;
    std::string message = "`" + (custom ? target.alias : target.external_path) + "` has no type `" +
                          std::string(name) + "`";
    if (std::optional<std::string> history =
            catalog ? catalog->ExplainMissingMember(target.external_path, name) : std::nullopt) {
      message = *history;
    } else if (catalog) {
      std::vector<std::string> members = catalog->ModuleMembers(target.external_path);
      std::vector<std::string_view> views(members.begin(), members.end());
      if (auto suggestion = ClosestMatch(name, views)) message += "; did you mean `" + *suggestion + "`?";
    }
    Fail(DiagnosticCode::E0205, range, message);
  }
  Type type;
  type.kind = Type::Kind::kExternal;
  type.external = *id;
  type.catalog = catalog;
  type.name = std::string(module_alias) + "." + std::string(name);
  return MakeType(std::move(type));
}

TypeRef TypeResolver::TypeOfName(ModuleInfo& module, std::string_view module_alias, std::string_view name,
                                 SourceRange range) {
  if (!module_alias.empty()) {
    auto import = module.imports.find(module_alias);
    if (import == module.imports.end()) {
      if (module.failed_imports.count(module_alias)) throw DeclarationAbort{};  // the import's error says why
      Fail(DiagnosticCode::E0201, range, "`" + std::string(module_alias) + "` is not an imported module");
    }
    const ImportTarget& target = import->second;
    if (target.IsExternal()) return ExternalTypeOf(target, module_alias, name, range);
    // A module with syntax errors may have lost the declaration; its
    // import reports that the file has errors (E0209), once.
    if (target.module->has_syntax_errors && !target.module->decls.count(name)) throw DeclarationAbort{};
    return TypeOfName(*target.module, "", name, range);
  }
  auto cached = module.resolved_types.find(name);
  if (cached != module.resolved_types.end()) {
    if (!cached->second) Fail(DiagnosticCode::E0206, range, "type `" + std::string(name) + "` refers to itself");
    return cached->second;
  }
  auto decl_it = module.decls.find(name);
  if (decl_it == module.decls.end() || (decl_it->second->kind != ast::Decl::Kind::kType &&
                                        decl_it->second->kind != ast::Decl::Kind::kSchema)) {
    std::vector<std::string_view> names = {"int", "float", "number", "string", "bool", "any"};
    for (const auto& [n, d] : module.decls) {
      if (d->kind == ast::Decl::Kind::kType || d->kind == ast::Decl::Kind::kSchema) names.push_back(n);
    }
    std::string message = "unknown type `" + std::string(name) + "`";
    if (auto suggestion = ClosestMatch(name, names)) message += "; did you mean `" + *suggestion + "`?";
    Fail(DiagnosticCode::E0206, range, message);
  }
  const ast::Decl& decl = *decl_it->second;
  if (decl.has_syntax_error) throw DeclarationAbort{};  // reported with its syntax error
  module.resolved_types[decl.name] = nullptr;  // marks "being resolved"
  try {
    TypeRef result = ResolveDeclaredName(module, decl);
    module.resolved_types[decl.name] = result;
    return result;
  } catch (...) {
    module.resolved_types.erase(decl.name);
    throw;
  }
}

// The type a `type` or `schema` declaration of `module` declares.
TypeRef TypeResolver::ResolveDeclaredName(ModuleInfo& module, const ast::Decl& decl) {
  if (decl.kind == ast::Decl::Kind::kType) {
    Type alias = *ResolveType(*decl.type, module);
    alias.name = decl.name;
    alias.declared_at = decl.name_range;
    return MakeType(std::move(alias));
  }
  auto schema = std::make_shared<SchemaInfo>();
  schema->name = decl.name;
  schema->name_range = decl.name_range;
  schema->doc = decl.doc;
  schema->decl = &decl;
  schema->file = module.file;
  for (const ast::SchemaField& field : decl.fields) {
    schema->fields.push_back({field.name, field.name_range, ResolveType(*field.type, module), field.optional,
                              field.default_value.get(), field.doc});
  }
  return SchemaType(std::move(schema), decl.name_range);
}

TypeRef TypeResolver::ResolveType(const ast::TypeExpr& expr, ModuleInfo& module) {
  // A type expression always resolves the same way (it belongs to one
  // module), and functions resolve their parameter types on every call.
  auto cached = resolved_.find(&expr);
  if (cached != resolved_.end()) return cached->second;
  TypeRef type = ResolveTypeUncached(expr, module);
  resolved_.emplace(&expr, type);
  return type;
}

// `{ path: string, port?: int }`: a schema without a name, defaults or
// checks, so that records are checked against it as against a schema.
TypeRef TypeResolver::ResolveRecordType(const ast::TypeExpr& expr, ModuleInfo& module) {
  auto schema = std::make_shared<SchemaInfo>();
  schema->name_range = expr.range;
  schema->file = module.file;
  std::string text;
  for (const ast::RecordTypeField& field : expr.fields) {
    if (const SchemaFieldInfo* earlier = schema->Find(field.name)) {
      Diagnostic& d = sink_.Report(DiagnosticCode::E0204, field.name_range,
                                   "field `" + field.name + "` is declared twice in this record type");
      d.labels.push_back({earlier->name_range, "first declared here"});
      throw DeclarationAbort{};
    }
    TypeRef type = ResolveType(*field.type, module);
    const bool plain = !field.name.empty() && std::all_of(field.name.begin(), field.name.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
    text += (text.empty() ? "" : ", ") + (plain ? field.name : "\"" + field.name + "\"") +
            (field.optional ? "?: " : ": ") + TypeToString(*type);
    schema->fields.push_back({field.name, field.name_range, std::move(type), field.optional, nullptr, ""});
  }
  schema->name = "{ " + text + " }";
  return SchemaType(std::move(schema), expr.range);
}

TypeRef TypeResolver::ResolveTypeUncached(const ast::TypeExpr& expr, ModuleInfo& module) {
  using K = ast::TypeExpr::Kind;
  Type type;
  switch (expr.kind) {
    case K::kStringLiteral:
      type.kind = Type::Kind::kLiteral;
      type.literal = Value::String(expr.string_value, expr.range);
      return MakeType(std::move(type));
    case K::kIntLiteral:
      type.kind = Type::Kind::kLiteral;
      type.literal = Value::Int(expr.int_value, expr.range);
      return MakeType(std::move(type));
    case K::kBoolLiteral:
      type.kind = Type::Kind::kLiteral;
      type.literal = Value::Bool(expr.bool_value, expr.range);
      return MakeType(std::move(type));
    case K::kNull:
      type.kind = Type::Kind::kNull;
      return MakeType(std::move(type));
    case K::kList:
      type.kind = Type::Kind::kList;
      type.element = ResolveType(*expr.children[0], module);
      return MakeType(std::move(type));
    case K::kMap:
      type.kind = Type::Kind::kMap;
      if (expr.children[0]->kind != K::kNamed || expr.children[0]->name != "string") {
        Fail(DiagnosticCode::E0306, expr.children[0]->range, "map keys must be `string`");
      }
      type.element = ResolveType(*expr.children[1], module);
      return MakeType(std::move(type));
    case K::kUnion:
      type.kind = Type::Kind::kUnion;
      for (const auto& member : expr.children) type.members.push_back(ResolveType(*member, module));
      return MakeType(std::move(type));
    case K::kRecord: return ResolveRecordType(expr, module);
    case K::kError: return AnyType();
    case K::kNamed: break;
  }
  const std::string& name = expr.name;
  if (!expr.module.empty()) {
    if (!expr.refinements.empty()) {
      Fail(DiagnosticCode::E0306, expr.refinements.front().range, "Kubernetes types take no refinements");
    }
    return TypeOfName(module, expr.module, name, expr.range);
  }
  if (name == "int") type.kind = Type::Kind::kInt;
  else if (name == "float" || name == "number") type.kind = Type::Kind::kFloat;
  else if (name == "string") type.kind = Type::Kind::kString;
  else if (name == "bool") type.kind = Type::Kind::kBool;
  else if (name == "any") type.kind = Type::Kind::kAny;
  else {
    TypeRef named = TypeOfName(module, "", name, expr.range);
    if (!expr.refinements.empty()) {
      Fail(DiagnosticCode::E0306, expr.refinements.front().range,
           "only `int`, `number` and `string` take refinements; declare them on the base type");
    }
    return named;
  }
  return RefinedBaseType(expr, std::move(type));
}

// A builtin base type (`type`) with the refinements written on `expr`.
TypeRef TypeResolver::RefinedBaseType(const ast::TypeExpr& expr, Type type) {
  const std::string& name = expr.name;
  for (const ast::Refinement& refinement : expr.refinements) {
    bool numeric = type.kind == Type::Kind::kInt || type.kind == Type::Kind::kFloat;
    auto range_of = [&](const ast::Refinement& r) {
      NumberRange range;
      if (r.low) range.low = r.low->AsDouble();
      if (r.high) range.high = r.high->AsDouble();
      range.range = expr.range;
      if (range.low && range.high && *range.low > *range.high) {
        Fail(DiagnosticCode::E0306, r.range, "the range is empty: its low end is above its high end");
      }
      return range;
    };
    if (numeric && refinement.is_range && refinement.name.empty()) {
      type.range = range_of(refinement);
    } else if (type.kind == Type::Kind::kString && refinement.name == "len" && refinement.is_range) {
      if (!type.text) type.text.emplace();
      type.text->length = range_of(refinement);
    } else if (type.kind == Type::Kind::kString && refinement.name == "matches" && !refinement.is_range) {
      if (!type.text) type.text.emplace();
      RE2::Options options;
      options.set_log_errors(false);
      auto pattern = std::make_shared<const RE2>(refinement.text, options);
      if (!pattern->ok()) {
        Fail(DiagnosticCode::E0306, refinement.range, "invalid regular expression: " + pattern->error());
      }
      type.text->pattern = std::move(pattern);
      type.text->pattern_text = refinement.text;
      type.text->pattern_range = expr.range;
    } else {
      std::string expected = type.kind == Type::Kind::kString ? "`len: a..b` or `matches: \"regex\"`"
                             : numeric                          ? "a range such as `1..50`"
                                                                : "nothing";
      Fail(DiagnosticCode::E0306, refinement.range, "`" + name + "` does not take this refinement; it takes " + expected);
    }
  }
  return MakeType(std::move(type));
}

}  // namespace mast
