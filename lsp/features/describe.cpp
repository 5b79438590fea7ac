#include "lsp/features/describe.h"

#include "compiler/sema/builtins.h"
#include "schemas/check/crd_types.h"
#include "schemas/kube_catalog.h"

namespace mast::lsp {

namespace {

std::string Code(const std::string& text) { return "```mast\n" + text + "\n```"; }

std::string Slice(const ParsedFile& file, SourceRange range) { return SourceSlice(*file.source, range); }

std::string Doc(const std::string& doc) {
  if (doc.empty()) return "";
  return "\n\n" + doc;
}

// What an alias stands for, when the alias name hides it.
std::string AliasNote(EditorTypes& types, const LTypeRef& type) {
  if (!type || type->alias.empty() || !type->decl || type->decl->kind != ast::Decl::Kind::kType || !type->source ||
      !type->decl->type) {
    return "";
  }
  return "\n\n`" + type->alias + "` = `" + TypeExprText(*type->decl->type, *type->source) + "`";
}

std::string SeverityText(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
    case Severity::kNote: return "note";
  }
  return "";
}

}  // namespace

std::string FunctionSignature(const ParsedFile& file, const ast::Decl& fn) {
  std::string text = "fn " + fn.name + "(";
  for (size_t i = 0; i < fn.params.size(); ++i) {
    if (i) text += ", ";
    text += fn.params[i].name;
    if (fn.params[i].type) text += ": " + TypeExprText(*fn.params[i].type, file);
  }
  text += ")";
  if (fn.type) text += ": " + TypeExprText(*fn.type, file);
  return text;
}

std::string DescribeType(EditorTypes& types, const LTypeRef& raw) {
  LTypeRef type = EditorTypes::Unwrap(raw);
  if (!type) return "";
  if (type->kind == LType::Kind::kSchema && type->decl && type->source) {
    std::string text = "schema " + type->decl->name + " {\n";
    for (const ast::SchemaField& field : type->decl->fields) {
      text += "  " + field.name + (field.optional ? "?" : "") + ": ";
      if (field.type) text += TypeExprText(*field.type, *type->source);
      if (field.default_value) text += " = " + SourceSlice(*type->source, field.default_value->range);
      text += "\n";
    }
    text += "}";
    return Code(text) + Doc(type->decl->doc);
  }
  if (type->kind == LType::Kind::kExternal) {
    const ExternalTypes& catalog = types.catalog();
    std::string text = Code(types.ToString(type));
    if (std::optional<GroupVersionKind> gvk = catalog.ResourceKind(type->external)) {
      text += "\n\nKubernetes `" + gvk->api_version + "` `" + gvk->kind + "`";
    } else {
      text += "\n\nKubernetes type `" + catalog.TypeName(type->external) + "`";
    }
    std::string description = types.Description(type);
    if (!description.empty()) text += "\n\n" + description;
    return text;
  }
  return Code(types.ToString(raw)) + AliasNote(types, raw);
}

std::string DescribeDeclaration(EditorTypes& types, const std::shared_ptr<const ParsedFile>& file,
                                const ast::Decl& decl, const LTypeRef& type) {
  switch (decl.kind) {
    case ast::Decl::Kind::kSchema: return DescribeType(types, types.Named(file, "", decl.name));
    case ast::Decl::Kind::kType:
      return Code("type " + decl.name + " = " + (decl.type ? TypeExprText(*decl.type, *file) : "")) + Doc(decl.doc);
    case ast::Decl::Kind::kFn: return Code(FunctionSignature(*file, decl)) + Doc(decl.doc);
    case ast::Decl::Kind::kParam:
    case ast::Decl::Kind::kLet: {
      std::string keyword = decl.kind == ast::Decl::Kind::kParam ? "param " : "let ";
      std::string type_text = decl.type ? TypeExprText(*decl.type, *file) : types.ToString(type);
      std::string text = keyword + decl.name + ": " + type_text;
      if (decl.kind == ast::Decl::Kind::kParam && decl.value) text += " = " + Slice(*file, decl.value->range);
      std::string out = Code(text);
      if (!decl.type && type && type->kind != LType::Kind::kUnknown) out += "\n\n(type inferred)";
      return out + AliasNote(types, type) + Doc(decl.doc);
    }
    default: return "";
  }
}

std::string DescribeLocal(EditorTypes& types, const std::string& name, const LTypeRef& type, const std::string& what) {
  return Code(name + ": " + types.ToString(type)) + "\n\n" + what + AliasNote(types, type);
}

std::string DescribePolicyParameter(const std::string& name) {
  return Code(name) + "\n\nparameter of the policy's `violations`";
}

std::string DescribeSchemaField(EditorTypes& types, const std::shared_ptr<const ParsedFile>& file,
                                const ast::Decl& schema, const ast::SchemaField& declared) {
  FieldInfo field;
  field.name = declared.name;
  field.type = declared.type ? types.Resolve(*declared.type, file) : nullptr;
  field.doc = declared.doc;
  field.optional = declared.optional;
  if (declared.type) field.type_text = TypeExprText(*declared.type, *file);
  field.has_default = declared.default_value != nullptr;
  if (field.has_default) field.default_text = Slice(*file, declared.default_value->range);
  field.file = file;
  field.field = &declared;
  return DescribeField(types, field, types.Named(file, "", schema.name));
}

std::string DescribeField(EditorTypes& types, const FieldInfo& field, const LTypeRef& record) {
  std::string type_text = field.type_text.empty() ? types.ToString(field.type) : field.type_text;
  std::string code = field.name + (field.optional ? "?" : "") + ": " + type_text;
  if (field.has_default && !field.default_text.empty()) code += " = " + field.default_text;
  std::string out = Code(code);
  std::vector<std::string> facts;
  LTypeRef unwrapped = EditorTypes::Unwrap(field.type);
  if (unwrapped && unwrapped->kind == LType::Kind::kExternal) {
    if (const KubeCatalog* kube = KubeCatalogFor(types.catalog(), unwrapped->external)) {
      std::string_view format = kube->Format(unwrapped->external);
      if (!format.empty()) facts.push_back("`" + std::string(format) + "`");
    }
  }
  if (field.required) facts.push_back("required");
  if (!field.releases.empty()) {
    facts.push_back(field.outside_target ? "**not in the target** (" + field.releases + ")" : field.releases);
  }
  if (field.deprecated) facts.push_back("deprecated");
  LTypeRef owner = EditorTypes::Unwrap(record);
  if (owner && (owner->kind == LType::Kind::kSchema || owner->kind == LType::Kind::kExternal)) {
    std::string name = types.ToString(owner);
    if (owner->kind == LType::Kind::kExternal) {
      std::string full = types.catalog().TypeName(owner->external);
      size_t dot = full.rfind('.');
      name = dot == std::string::npos ? full : full.substr(dot + 1);
    }
    facts.push_back("field of `" + name + "`");
  }
  if (!facts.empty()) {
    out += "\n\n";
    for (size_t i = 0; i < facts.size(); ++i) out += (i ? " · " : "") + facts[i];
  }
  out += AliasNote(types, field.type);
  if (!field.doc.empty()) out += "\n\n" + field.doc;
  return out;
}

std::string DescribeBuiltin(std::string_view name) {
  for (const BuiltinSignature& builtin : AllBuiltins()) {
    if (builtin.name == name) {
      return Code(std::string(builtin.signature)) + "\n\nbuilt-in function" + Doc(std::string(builtin.doc));
    }
  }
  return "";
}

std::string DescribeRule(const Workspace::RuleDoc& rule) {
  std::string out = "**policy `" + rule.id + "`** (" + SeverityText(rule.severity);
  if (!rule.category.empty()) out += ", " + rule.category;
  out += ")";
  if (!rule.description.empty()) out += "\n\n" + rule.description;
  if (!rule.remediation.empty()) out += "\n\n**Remediation:** " + rule.remediation;
  if (!rule.rationale.empty()) out += "\n\n" + rule.rationale;
  out += "\n\nSuppress with `mast:ignore " + rule.id + " -- <reason>` in a comment on or above the line.";
  return out;
}

std::string DescribeImport(EditorTypes& types, const ParsedFile& file, const ast::Import& import) {
  std::string out = Code("import \"" + import.path + "\" as " + import.alias);
  auto info = file.imports.find(import.alias);
  if (info == file.imports.end()) return out;
  if (!info->second.external.empty()) {
    size_t count = types.catalog().ModuleMembers(info->second.external).size();
    out += "\n\nKubernetes module with " + std::to_string(count) + " types";
    if (count == 0) out += " (unknown module)";
  } else {
    out += "\n\n`" + info->second.target_path + "`";
  }
  return out;
}

}  // namespace mast::lsp
