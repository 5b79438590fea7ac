#include "lsp/analysis/types.h"

#include "schemas/check/crd_types.h"
#include "schemas/kube_catalog.h"
#include "schemas/rules/field_enums.h"

namespace mast::lsp {

namespace {

constexpr int kMaxDepth = 32;  // alias chains and nesting; deeper is an error the compiler reports

std::string LastSegment(std::string_view name) {
  size_t dot = name.rfind('.');
  return std::string(dot == std::string_view::npos ? name : name.substr(dot + 1));
}

bool IsNullable(const LTypeRef& type) {
  if (!type) return true;
  if (type->kind == LType::Kind::kNull || type->kind == LType::Kind::kAny || type->kind == LType::Kind::kUnknown) {
    return true;
  }
  if (type->kind == LType::Kind::kUnion) {
    for (const LTypeRef& member : type->members) {
      if (IsNullable(member)) return true;
    }
  }
  return false;
}

}  // namespace

std::string TypeExprText(const ast::TypeExpr& type, const ParsedFile& file) {
  const std::string& text = file.text();
  if (type.range.end <= type.range.begin || type.range.end > text.size()) return "";
  return text.substr(type.range.begin, type.range.end - type.range.begin);
}

TypeResolver::TypeResolver(Workspace& workspace, const ExternalTypes* catalog)
    : workspace_(workspace), catalog_(catalog) {}

const ExternalTypes& TypeResolver::catalog() const {
  return catalog_ != nullptr ? *catalog_ : workspace_.catalog();
}

LTypeRef TypeResolver::Basic(LType::Kind kind) {
  auto type = std::make_shared<LType>();
  type->kind = kind;
  return type;
}

LTypeRef TypeResolver::External(ExternalTypeId id, std::string module_alias) {
  auto type = std::make_shared<LType>();
  type->kind = LType::Kind::kExternal;
  type->external = id;
  type->module_alias = std::move(module_alias);
  return type;
}

LTypeRef TypeResolver::Resolve(const ast::TypeExpr& type, const std::shared_ptr<const ParsedFile>& file) {
  return ResolveIn(type, file, 0);
}

LTypeRef TypeResolver::Named(const std::shared_ptr<const ParsedFile>& file, std::string_view module_alias,
                             std::string_view name) {
  return NamedIn(file, module_alias, name, 0);
}

LTypeRef TypeResolver::ResolveIn(const ast::TypeExpr& expr, const std::shared_ptr<const ParsedFile>& file, int depth) {
  using K = ast::TypeExpr::Kind;
  if (depth > kMaxDepth) return Basic(LType::Kind::kUnknown);
  auto type = std::make_shared<LType>();
  type->written = TypeExprText(expr, *file);
  type->file = file;
  switch (expr.kind) {
    case K::kStringLiteral:
    case K::kIntLiteral:
    case K::kBoolLiteral:
      type->kind = LType::Kind::kLiteral;
      type->literal = type->written;
      return type;
    case K::kNull: type->kind = LType::Kind::kNull; return type;
    case K::kList:
      type->kind = LType::Kind::kList;
      type->element = expr.children.empty() ? Basic(LType::Kind::kUnknown) : ResolveIn(*expr.children[0], file, depth + 1);
      return type;
    case K::kMap:
      type->kind = LType::Kind::kMap;
      type->element = expr.children.size() < 2 ? Basic(LType::Kind::kUnknown) : ResolveIn(*expr.children[1], file, depth + 1);
      return type;
    case K::kUnion:
      type->kind = LType::Kind::kUnion;
      for (const auto& member : expr.children) type->members.push_back(ResolveIn(*member, file, depth + 1));
      return type;
    case K::kRecord:
      type->kind = LType::Kind::kSchema;
      type->record = &expr;
      return type;
    case K::kError: type->kind = LType::Kind::kUnknown; return type;
    case K::kNamed: break;
  }
  if (expr.module.empty()) {
    const std::string& name = expr.name;
    if (name == "int") type->kind = LType::Kind::kInt;
    else if (name == "float" || name == "number") type->kind = LType::Kind::kFloat;
    else if (name == "string") type->kind = LType::Kind::kString;
    else if (name == "bool") type->kind = LType::Kind::kBool;
    else if (name == "any") type->kind = LType::Kind::kAny;
    else return NamedIn(file, "", name, depth + 1);
    return type;
  }
  return NamedIn(file, expr.module, expr.name, depth + 1);
}

LTypeRef TypeResolver::NamedIn(const std::shared_ptr<const ParsedFile>& file, std::string_view module_alias,
                               std::string_view name, int depth) {
  if (depth > kMaxDepth || !file) return Basic(LType::Kind::kUnknown);
  if (!module_alias.empty()) {
    auto import = file->imports.find(module_alias);
    if (import == file->imports.end()) return Basic(LType::Kind::kUnknown);
    if (!import->second.external.empty()) {
      std::optional<ExternalTypeId> id = catalog().FindMember(import->second.external, name);
      if (!id) return Basic(LType::Kind::kUnknown);
      return External(*id, std::string(module_alias));
    }
    std::shared_ptr<const ParsedFile> target = workspace_.Parse(import->second.target_path);
    return NamedIn(target, "", name, depth + 1);
  }
  auto decl = file->decls.find(name);
  if (decl == file->decls.end()) return Basic(LType::Kind::kUnknown);
  const ast::Decl& d = *decl->second;
  if (d.kind == ast::Decl::Kind::kSchema) {
    auto type = std::make_shared<LType>();
    type->kind = LType::Kind::kSchema;
    type->decl = &d;
    type->file = file;
    return type;
  }
  if (d.kind == ast::Decl::Kind::kType && d.type) {
    LTypeRef target = ResolveIn(*d.type, file, depth + 1);
    auto alias = std::make_shared<LType>(*target);
    alias->alias = d.name;
    alias->decl = target->kind == LType::Kind::kSchema ? target->decl : &d;
    if (target->kind != LType::Kind::kSchema) alias->file = file;
    return alias;
  }
  return Basic(LType::Kind::kUnknown);
}

LTypeRef TypeResolver::Unwrap(const LTypeRef& type) {
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

bool TypeResolver::IsRecord(const LTypeRef& raw) const {
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
LTypeRef EnumType(const std::vector<std::string_view>& values, bool list) {
  auto type = std::make_shared<LType>();
  type->kind = LType::Kind::kUnion;
  for (std::string_view value : values) {
    auto member = std::make_shared<LType>();
    member->kind = LType::Kind::kLiteral;
    member->literal = "\"" + std::string(value) + "\"";
    type->members.push_back(std::move(member));
  }
  if (!list) return type;
  auto list_type = std::make_shared<LType>();
  list_type->kind = LType::Kind::kList;
  list_type->element = std::move(type);
  return list_type;
}

FieldInfo ExternalFieldInfo(const ExternalTypes& catalog, ExternalTypeId type, const ExternalField& field,
                            TypeResolver& types) {
  FieldInfo info;
  info.name = std::string(field.name);
  info.type = types.External(field.type);
  if (const std::vector<std::string_view>* values = rules::EnumValuesOf(catalog.TypeName(type), field.name)) {
    info.type = EnumType(*values, catalog.KindOf(field.type) == ExternalKind::kList);
  }
  info.required = field.required;
  info.doc = std::string(catalog.FieldDescription(type, field.name));
  AddReleaseFacts(catalog, type, info);
  return info;
}

}  // namespace

std::vector<FieldInfo> TypeResolver::Fields(const LTypeRef& raw, bool every_release) {
  std::vector<FieldInfo> out;
  LTypeRef type = Unwrap(raw);
  if (!type) return out;
  if (type->kind == LType::Kind::kSchema && type->decl) {
    for (const ast::SchemaField& field : type->decl->fields) {
      FieldInfo info;
      info.name = field.name;
      info.type = field.type ? Resolve(*field.type, type->file) : Basic(LType::Kind::kUnknown);
      info.has_default = field.default_value != nullptr;
      info.required = !field.optional && !info.has_default && !IsNullable(info.type);
      info.doc = field.doc;
      info.file = type->file;
      info.field = &field;
      if (field.default_value) {
        const ast::Expr& value = *field.default_value;
        const std::string& text = type->file->text();
        if (value.range.end <= text.size() && value.range.begin < value.range.end) {
          info.default_text = text.substr(value.range.begin, value.range.end - value.range.begin);
        }
      }
      out.push_back(std::move(info));
    }
    return out;
  }
  if (type->kind == LType::Kind::kSchema && type->record) {
    for (const ast::RecordTypeField& field : type->record->fields) {
      FieldInfo info;
      info.name = field.name;
      info.type = field.type ? Resolve(*field.type, type->file) : Basic(LType::Kind::kUnknown);
      info.required = !field.optional && !IsNullable(info.type);
      info.file = type->file;
      out.push_back(std::move(info));
    }
    return out;
  }
  if (type->kind == LType::Kind::kExternal && catalog().KindOf(type->external) == ExternalKind::kObject) {
    const KubeCatalog* kube = KubeCatalogFor(catalog(), type->external);
    const std::vector<ExternalField> fields = every_release && kube != nullptr
                                                  ? kube->FieldsInAnyRelease(type->external)
                                                  : catalog().Fields(type->external);
    for (const ExternalField& field : fields) out.push_back(ExternalFieldInfo(catalog(), type->external, field, *this));
  }
  return out;
}

std::optional<FieldInfo> TypeResolver::Field(const LTypeRef& raw, std::string_view name) {
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

LTypeRef TypeResolver::Element(const LTypeRef& raw) {
  LTypeRef type = Unwrap(raw);
  if (!type) return nullptr;
  if (type->kind == LType::Kind::kList) return type->element;
  if (type->kind == LType::Kind::kExternal && catalog().KindOf(type->external) == ExternalKind::kList) {
    return External(catalog().ElementType(type->external));
  }
  return nullptr;
}

LTypeRef TypeResolver::MapValue(const LTypeRef& raw) {
  LTypeRef type = Unwrap(raw);
  if (!type) return nullptr;
  if (type->kind == LType::Kind::kMap) return type->element;
  if (type->kind == LType::Kind::kExternal && catalog().KindOf(type->external) == ExternalKind::kMap) {
    return External(catalog().ElementType(type->external));
  }
  return nullptr;
}

std::vector<std::string> TypeResolver::LiteralValues(const LTypeRef& type) {
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

std::string TypeResolver::ExternalToString(ExternalTypeId id, int depth) {
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

std::string TypeResolver::ToString(const LTypeRef& type) {
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
    case LType::Kind::kSchema: return type->decl ? type->decl->name : type->record ? type->written : "schema";
    case LType::Kind::kExternal: {
      if (catalog().KindOf(type->external) == ExternalKind::kObject && !type->module_alias.empty()) {
        return type->module_alias + "." + LastSegment(catalog().TypeName(type->external));
      }
      return ExternalToString(type->external, 0);
    }
  }
  return "any";
}

std::string TypeResolver::Description(const LTypeRef& raw) {
  LTypeRef type = Unwrap(raw);
  if (!type || type->kind != LType::Kind::kExternal) return "";
  return std::string(catalog().Description(type->external));
}

}  // namespace mast::lsp
