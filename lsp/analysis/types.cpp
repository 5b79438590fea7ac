// How the editor shows the compiler's types and lists a record's fields
// (types.h); where the types come from is types_view.cpp.
#include "lsp/analysis/types.h"

#include "schemas/check/crd_types.h"
#include "schemas/kube_catalog.h"
#include "schemas/rules/field_enums.h"

namespace mast::lsp {

namespace {

std::string LastSegment(std::string_view name) {
  size_t dot = name.rfind('.');
  return std::string(dot == std::string_view::npos ? name : name.substr(dot + 1));
}

}  // namespace

std::string SourceSlice(const SourceFile& source, SourceRange range) {
  const std::string& text = source.text();
  if (range.end <= range.begin || range.end > text.size()) return "";
  return text.substr(range.begin, range.end - range.begin);
}

std::string TypeExprText(const ast::TypeExpr& type, const SourceFile& source) {
  return SourceSlice(source, type.range);
}

std::string TypeExprText(const ast::TypeExpr& type, const ParsedFile& file) {
  return SourceSlice(*file.source, type.range);
}

std::string ModuleAliasOf(const ExternalTypes& catalog, const ParsedFile& from, ExternalTypeId type) {
  if (catalog.KindOf(type) != ExternalKind::kObject) return "";
  const std::string name = LastSegment(catalog.TypeName(type));
  for (const auto& [alias, import] : from.imports) {
    if (import.external.empty()) continue;
    if (catalog.FindMember(import.external, name) == type) return alias;
  }
  return "";
}

LTypeRef EditorTypes::Unwrap(const LTypeRef& type) {
  if (!type) return type;
  if (type->kind == LType::Kind::kUnion) {
    LTypeRef only;
    for (const LTypeRef& member : type->members) {
      if (member->kind == LType::Kind::kNull) continue;
      if (only) return type;  // a real union
      only = member;
    }
    if (only) return Unwrap(only);
  }
  return type;
}

bool EditorTypes::IsRecord(const LTypeRef& raw) const {
  LTypeRef type = Unwrap(raw);
  if (!type) return false;
  if (type->kind == LType::Kind::kSchema) return true;
  return type->kind == LType::Kind::kExternal && catalog().KindOf(type->external) == ExternalKind::kObject;
}

namespace {

// Fills the release facts of a Kubernetes field (FieldInfo::releases ...).
void AddReleaseFacts(const ExternalTypes& catalog, ExternalTypeId type, FieldInfo& info) {
  const KubeCatalog* kube = KubeCatalogFor(catalog, type);
  if (kube == nullptr || !kube->HasReleases()) return;
  const ReleaseMask releases = kube->FieldReleases(type, info.name, &info.deprecated);
  info.outside_target = (releases & kube->lookup()) == 0;
  if (releases == kube->view().AllReleases() || releases == 0) return;
  const std::string phrase = kube->ReleasePhrase(releases);
  constexpr std::string_view kFrom = "from Kubernetes ";
  if (phrase.rfind(kFrom, 0) == 0 && phrase.size() > kFrom.size() + 3 && phrase.substr(phrase.size() - 3) == " on") {
    info.releases = "since " + phrase.substr(kFrom.size(), phrase.size() - kFrom.size() - 3);
  } else {
    info.releases = phrase;
  }
}

// A string field with a closed value set (schemas/rules/field_enums.h) reads
// as the union of its values, `"Always" | "IfNotPresent" | "Never"`, so hover
// shows them and completion offers them; a list field (`accessModes`) as a
// list of that union.
TypeRef EnumType(const std::vector<std::string_view>& values, bool list) {
  Type type;
  type.kind = Type::Kind::kUnion;
  for (std::string_view value : values) {
    Type member;
    member.kind = Type::Kind::kLiteral;
    member.literal = Value::String(std::string(value));
    type.members.push_back(MakeType(std::move(member)));
  }
  if (!list) return MakeType(std::move(type));
  Type list_type;
  list_type.kind = Type::Kind::kList;
  list_type.element = MakeType(std::move(type));
  return MakeType(std::move(list_type));
}

FieldInfo ExternalFieldInfo(const ExternalTypes& catalog, ExternalTypeId type, const ExternalField& field,
                            EditorTypes& types) {
  FieldInfo info;
  info.name = std::string(field.name);
  info.type = types.External(field.type);
  if (const std::vector<std::string_view>* values = rules::EnumValuesOf(catalog.TypeName(type), field.name)) {
    info.type = types.Of(EnumType(*values, catalog.KindOf(field.type) == ExternalKind::kList));
  }
  info.required = field.required;
  info.doc = std::string(catalog.FieldDescription(type, field.name));
  AddReleaseFacts(catalog, type, info);
  return info;
}

}  // namespace

namespace {

const ast::SchemaField* FieldNamed(const ast::Decl* schema, const std::string& name) {
  if (!schema) return nullptr;
  for (const ast::SchemaField& field : schema->fields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

}  // namespace

// A schema's fields as the compiler resolved them, with their docs, types
// and defaults as written in the text the check read; the place of each in
// the editor's parse of the schema's file, for go to definition.
std::vector<FieldInfo> EditorTypes::SchemaFields(const LType& schema) {
  std::vector<FieldInfo> out;
  if (!schema.type || !schema.type->schema || !schema.checked) return out;
  const CheckedDocument& checked = *schema.checked;
  const SchemaInfo& info = *schema.type->schema;
  std::shared_ptr<const ParsedFile> home = workspace_.Parse(checked.PathOf(info.file));
  const ast::Decl* edited = nullptr;  // the schema in the editor's parse
  if (home && schema.decl) {
    auto decl = home->decls.find(info.name);
    if (decl != home->decls.end() && decl->second->kind == ast::Decl::Kind::kSchema) edited = decl->second;
  }
  for (const SchemaFieldInfo& declared : info.fields) {
    FieldInfo field;
    field.name = declared.name;
    field.type = View(&checked, home, declared.type, 1);
    field.optional = declared.optional;
    field.has_default = declared.default_value != nullptr;
    field.required = !declared.optional && !field.has_default && declared.type && !IsNullable(*declared.type);
    field.doc = declared.doc;
    if (const ast::SchemaField* written = FieldNamed(schema.source ? schema.decl : nullptr, declared.name)) {
      if (written->type) field.type_text = TypeExprText(*written->type, *schema.source);
      if (written->default_value) field.default_text = SourceSlice(*schema.source, written->default_value->range);
    }
    if (const ast::SchemaField* written = FieldNamed(edited, declared.name)) {
      field.file = home;
      field.field = written;
    }
    out.push_back(std::move(field));
  }
  return out;
}

std::vector<FieldInfo> EditorTypes::Fields(const LTypeRef& raw, bool every_release) {
  std::vector<FieldInfo> out;
  LTypeRef type = Unwrap(raw);
  if (!type) return out;
  if (type->kind == LType::Kind::kSchema) return SchemaFields(*type);
  if (type->kind == LType::Kind::kExternal && catalog().KindOf(type->external) == ExternalKind::kObject) {
    const KubeCatalog* kube = KubeCatalogFor(catalog(), type->external);
    const std::vector<ExternalField> fields = every_release && kube != nullptr
                                                  ? kube->FieldsInAnyRelease(type->external)
                                                  : catalog().Fields(type->external);
    for (const ExternalField& field : fields) out.push_back(ExternalFieldInfo(catalog(), type->external, field, *this));
  }
  return out;
}

std::optional<FieldInfo> EditorTypes::Field(const LTypeRef& raw, std::string_view name) {
  LTypeRef type = Unwrap(raw);
  if (!type) return std::nullopt;
  if (type->kind == LType::Kind::kExternal && catalog().KindOf(type->external) == ExternalKind::kObject) {
    std::optional<ExternalField> field = catalog().FindField(type->external, name);
    if (field) return ExternalFieldInfo(catalog(), type->external, *field, *this);
    if (const KubeCatalog* kube = KubeCatalogFor(catalog(), type->external)) {
      for (const ExternalField& other : kube->FieldsInAnyRelease(type->external)) {
        if (other.name == name) return ExternalFieldInfo(catalog(), type->external, other, *this);
      }
    }
    return std::nullopt;
  }
  for (FieldInfo& field : Fields(type)) {
    if (field.name == name) return std::move(field);
  }
  return std::nullopt;
}

LTypeRef EditorTypes::Element(const LTypeRef& raw) {
  LTypeRef type = Unwrap(raw);
  if (!type) return nullptr;
  if (type->kind == LType::Kind::kList) return type->element;
  if (type->kind == LType::Kind::kExternal && catalog().KindOf(type->external) == ExternalKind::kList) {
    return External(catalog().ElementType(type->external));
  }
  return nullptr;
}

LTypeRef EditorTypes::MapValue(const LTypeRef& raw) {
  LTypeRef type = Unwrap(raw);
  if (!type) return nullptr;
  if (type->kind == LType::Kind::kMap) return type->element;
  if (type->kind == LType::Kind::kExternal && catalog().KindOf(type->external) == ExternalKind::kMap) {
    return External(catalog().ElementType(type->external));
  }
  return nullptr;
}

std::vector<std::string> EditorTypes::LiteralValues(const LTypeRef& type) {
  std::vector<std::string> out;
  if (!type) return out;
  if (type->kind == LType::Kind::kLiteral) out.push_back(type->literal);
  if (type->kind == LType::Kind::kBool) out = {"true", "false"};
  if (type->kind == LType::Kind::kExternal && catalog().KindOf(type->external) == ExternalKind::kBoolean) {
    out = {"true", "false"};
  }
  if (type->kind == LType::Kind::kUnion) {
    for (const LTypeRef& member : type->members) {
      for (std::string& value : LiteralValues(member)) out.push_back(std::move(value));
    }
  }
  return out;
}

std::string EditorTypes::ExternalToString(ExternalTypeId id, int depth) {
  if (depth > 8) return "…";
  switch (catalog().KindOf(id)) {
    case ExternalKind::kObject: return LastSegment(catalog().TypeName(id));
    case ExternalKind::kList: return "[" + ExternalToString(catalog().ElementType(id), depth + 1) + "]";
    case ExternalKind::kMap: return "{string: " + ExternalToString(catalog().ElementType(id), depth + 1) + "}";
    case ExternalKind::kString: return "string";
    case ExternalKind::kInteger: return "int";
    case ExternalKind::kNumber: return "number";
    case ExternalKind::kBoolean: return "bool";
    case ExternalKind::kIntOrString: return "int | string";
    case ExternalKind::kQuantity: return "quantity (string | number)";
    case ExternalKind::kAny: return "any";
  }
  return "any";
}

std::string EditorTypes::ToString(const LTypeRef& type) {
  if (!type) return "any";
  if (!type->alias.empty()) return type->alias;
  switch (type->kind) {
    case LType::Kind::kUnknown:
    case LType::Kind::kAny: return "any";
    case LType::Kind::kNull: return "null";
    case LType::Kind::kBool: return "bool";
    case LType::Kind::kInt:
    case LType::Kind::kFloat:
    case LType::Kind::kString:
      if (!type->written.empty()) return type->written;
      return type->kind == LType::Kind::kInt ? "int" : type->kind == LType::Kind::kFloat ? "number" : "string";
    case LType::Kind::kLiteral: return type->literal;
    case LType::Kind::kUnion: {
      std::string text;
      for (const LTypeRef& member : type->members) text += (text.empty() ? "" : " | ") + ToString(member);
      return text;
    }
    case LType::Kind::kList: return "[" + ToString(type->element) + "]";
    case LType::Kind::kMap: return "{string: " + ToString(type->element) + "}";
    case LType::Kind::kSchema:
      if (type->decl) return type->decl->name;
      if (!type->written.empty()) return type->written;  // a record type
      return type->type && type->type->schema ? type->type->schema->name : "schema";
    case LType::Kind::kExternal: {
      if (catalog().KindOf(type->external) == ExternalKind::kObject && !type->module_alias.empty()) {
        return type->module_alias + "." + LastSegment(catalog().TypeName(type->external));
      }
      return ExternalToString(type->external, 0);
    }
  }
  return "any";
}

std::string EditorTypes::Description(const LTypeRef& raw) {
  LTypeRef type = Unwrap(raw);
  if (!type || type->kind != LType::Kind::kExternal) return "";
  return std::string(catalog().Description(type->external));
}

}  // namespace mast::lsp
