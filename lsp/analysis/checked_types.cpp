#include "lsp/analysis/checked_types.h"

#include "lsp/analysis/context.h"

namespace mast::lsp {

namespace {

constexpr int kMaxCheckedTypeDepth = 32;  // nesting deeper than this counts as unknown

std::string LastNameOf(std::string_view full) {
  size_t dot = full.rfind('.');
  return std::string(dot == std::string_view::npos ? full : full.substr(dot + 1));
}

// The editor's type for a name declared in the file at `at` (an alias or a
// schema), resolved the way the editor resolves it from syntax so it
// carries the declaration (for the alias note and the schema's fields).
LTypeRef DeclaredNamed(TypeResolver& types, const CheckedDocument& checked, SourceRange at, const std::string& name) {
  if (name.empty() || !at.IsValid() || !checked.sources.Has(at.file)) return nullptr;
  std::shared_ptr<const ParsedFile> file = types.workspace().Parse(checked.PathOf(at.file));
  if (!file) return nullptr;
  LTypeRef named = types.Named(file, "", name);
  return named && named->kind != LType::Kind::kUnknown ? named : nullptr;
}

LTypeRef Convert(TypeResolver& types, const CheckedDocument& checked, const std::shared_ptr<const ParsedFile>& from,
                 const TypeRef& type, int depth) {
  if (!type || depth > kMaxCheckedTypeDepth) return nullptr;
  if (!type->name.empty()) {
    if (LTypeRef alias = DeclaredNamed(types, checked, type->declared_at, type->name)) return alias;
  }
  using K = Type::Kind;
  auto out = std::make_shared<LType>();
  switch (type->kind) {
    case K::kAny: {  // unknown; inside a type (`{string: any}`), printed as `any`
      if (depth == 0) return nullptr;
      out->kind = LType::Kind::kAny;
      return out;
    }
    case K::kNull: out->kind = LType::Kind::kNull; break;
    case K::kBool: out->kind = LType::Kind::kBool; break;
    case K::kInt:
    case K::kFloat:
    case K::kString:
      out->kind = type->kind == K::kInt ? LType::Kind::kInt : type->kind == K::kFloat ? LType::Kind::kFloat
                                                                                      : LType::Kind::kString;
      // A refinement prints as the compiler writes it (`int(1..50)`).
      if (type->range || type->text) out->written = TypeToString(*type);
      break;
    case K::kLiteral:
      out->kind = LType::Kind::kLiteral;
      out->literal = TypeToString(*type);
      break;
    case K::kUnion:
      out->kind = LType::Kind::kUnion;
      for (const TypeRef& member : type->members) {
        out->members.push_back(Convert(types, checked, from, member, depth + 1));
        if (!out->members.back()) out->members.back() = types.Basic(LType::Kind::kAny);
      }
      break;
    case K::kList:
    case K::kMap:
      out->kind = type->kind == K::kList ? LType::Kind::kList : LType::Kind::kMap;
      out->element = Convert(types, checked, from, type->element, depth + 1);
      if (!out->element) out->element = types.Basic(LType::Kind::kAny);
      break;
    case K::kSchema: {
      if (!type->schema) return nullptr;
      if (!type->schema->decl) {  // an inline record type: as the file writes it
        std::shared_ptr<const ParsedFile> home;
        if (checked.sources.Has(type->schema->name_range.file)) {
          home = types.workspace().Parse(checked.PathOf(type->schema->name_range.file));
        }
        const ast::TypeExpr* record = home ? RecordTypeAt(home.get(), type->schema->name_range.begin) : nullptr;
        return record ? types.Resolve(*record, home) : nullptr;
      }
      SourceRange at = type->schema->name_range;
      if (!at.IsValid() && type->schema->file != kNoFile) at = SourceRange{type->schema->file, 0, 0};
      return DeclaredNamed(types, checked, at, type->schema->name);
    }
    case K::kExternal:
      return types.External(type->external, from ? ModuleAliasOf(types, *from, type->external) : "");
  }
  return out;
}

}  // namespace

std::string ModuleAliasOf(TypeResolver& types, const ParsedFile& from, ExternalTypeId type) {
  const ExternalTypes& catalog = types.catalog();
  if (catalog.KindOf(type) != ExternalKind::kObject) return "";
  const std::string name = LastNameOf(catalog.TypeName(type));
  for (const auto& [alias, import] : from.imports) {
    if (import.external.empty()) continue;
    if (catalog.FindMember(import.external, name) == type) return alias;
  }
  return "";
}

LTypeRef EditorTypeOf(TypeResolver& types, const CheckedDocument& checked, const std::shared_ptr<const ParsedFile>& from,
                      const TypeRef& type) {
  return Convert(types, checked, from, type, 0);
}

}  // namespace mast::lsp
