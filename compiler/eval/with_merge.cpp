// `with`: the deep merge of two records, with lists merged the way a
// Kubernetes strategic merge patch merges them (see docs/language.md,
// "Merging with `with`").
#include <algorithm>
#include <unordered_map>

#include "compiler/base/spelling.h"
#include "compiler/eval/evaluator_impl.h"

namespace mast {

MergeType MergeType::Of(const TypeRef& type) {
  if (!type) return {};
  switch (type->kind) {
    case Type::Kind::kExternal: return External(type->catalog, type->external);
    case Type::Kind::kAny: return {};
    case Type::Kind::kUnion: {
      // `T | null` (and `T?` fields) is T; a union of several types is unknown.
      TypeRef only;
      for (const TypeRef& member : type->members) {
        if (member->kind == Type::Kind::kNull) continue;
        if (only) return {};
        only = member;
      }
      return Of(only);
    }
    default: return {type, nullptr, 0};
  }
}

MergeType MergeType::Field(std::string_view name) const {
  if (catalog) {
    switch (catalog->KindOf(external)) {
      case ExternalKind::kObject: {
        std::optional<ExternalField> field = catalog->FindField(external, name);
        return field ? External(catalog, field->type) : MergeType{};
      }
      case ExternalKind::kMap: return External(catalog, catalog->ElementType(external));
      default: return {};
    }
  }
  if (!mast) return {};
  if (mast->kind == Type::Kind::kMap) return Of(mast->element);
  if (mast->kind != Type::Kind::kSchema || !mast->schema) return {};
  const SchemaFieldInfo* field = mast->schema->Find(name);
  return field ? Of(field->type) : MergeType{};
}

MergeType MergeType::Element() const {
  if (catalog) {
    return catalog->KindOf(external) == ExternalKind::kList ? External(catalog, catalog->ElementType(external))
                                                           : MergeType{};
  }
  return mast && mast->kind == Type::Kind::kList ? Of(mast->element) : MergeType{};
}

std::vector<std::string_view> MergeType::MergeKeys() const {
  return catalog ? catalog->MergeKeys(external) : std::vector<std::string_view>{};
}

namespace {

bool IsLocal(std::string_view name, const Scope* scope) {
  for (const Scope* s = scope; s; s = s->parent) {
    for (size_t i = 0; i < s->vars.size(); ++i) {
      if (s->vars[i].name == name) return true;
    }
  }
  return false;
}

enum class MergeDirective { kNone, kDelete, kReplace };

MergeDirective DirectiveOf(const Value& item) {
  const Value* patch = item.IsMap() ? item.Find(kPatchDirective) : nullptr;
  if (!patch || !patch->IsString()) return MergeDirective::kNone;
  if (patch->AsString() == "delete") return MergeDirective::kDelete;
  if (patch->AsString() == "replace") return MergeDirective::kReplace;
  return MergeDirective::kNone;
}

// The value a key field has when an item leaves it out, as the API server
// defaults it before server-side apply matches items: a port's protocol is
// TCP. Other keys have no default; a missing one matches only a missing one.
const char* KeyDefault(std::string_view key) { return key == "protocol" ? "TCP" : nullptr; }

// `name: "web"`, `containerPort: 80, protocol: "TCP"`.
std::string DescribeKey(const Value& item, const std::vector<std::string_view>& keys) {
  std::string text;
  for (std::string_view key : keys) {
    const Value* value = item.Find(key);
    if (!value && KeyDefault(key) == nullptr) continue;
    if (!text.empty()) text += ", ";
    text += std::string(key) + ": ";
    text += value ? (value->IsString() ? "\"" + value->AsString() + "\"" : DisplayValue(*value))
                  : "\"" + std::string(KeyDefault(key)) + "\"";
  }
  return text;
}

// One string per distinct key: each key's kind and text, defaults filled in.
std::string KeySignature(const Value& item, const std::vector<std::string_view>& keys) {
  std::string signature;
  for (std::string_view key : keys) {
    const Value* value = item.Find(key);
    if (value) {
      signature += static_cast<char>('a' + static_cast<int>(value->kind()));
      signature += value->IsString() ? value->AsString() : DisplayValue(*value, 1000);
    } else if (const char* fallback = KeyDefault(key)) {
      signature += static_cast<char>('a' + static_cast<int>(Value::Kind::kString));
      signature += fallback;
    } else {
      signature += '-';
    }
    signature += '\x1f';
  }
  return signature;
}

// Merges the overlay of one `with` into its base, following what the left
// side is known to be. Errors abort the declaration (Evaluator::Fail).
class WithMerger {
 public:
  explicit WithMerger(Evaluator& evaluator) : evaluator_(evaluator) {}

  Value Merge(const Value& base, const Value& overlay, const MergeType& type, std::string_view field);
  // The overlay as it is where the base has nothing: its lists' directives
  // applied to empty lists. Returns `value` itself when it has none.
  Value Resolve(const Value& value, const MergeType& type, std::string_view field);

 private:
  // `base` is null where the base has no such list.
  Value MergeLists(const Value* base, const Value& overlay, const MergeType& type, std::string_view field);
  Value ReplaceList(const Value& overlay, const MergeType& element, std::string_view field, std::string_view why);
  [[noreturn]] void DeleteNotFound(const Value& item, const ValueList& base, const std::vector<std::string_view>& keys,
                                   std::string_view field);
  [[noreturn]] void KeyMissing(const Value& item, const std::vector<std::string_view>& keys, std::string_view field);

  Evaluator& evaluator_;
};

// Whether `merged` lost the last item of `before` to a `delete(...)` of
// `overlay`: the field then reads as missing, as if the overlay removed it.
bool DeletedLastItem(const Value& before, const Value& merged, const Value& overlay) {
  if (!before.IsList() || before.AsList().empty() || !merged.IsList() || !merged.AsList().empty()) return false;
  if (!overlay.IsList()) return false;
  const ValueList& items = overlay.AsList();
  return std::any_of(items.begin(), items.end(),
                     [](const Value& item) { return DirectiveOf(item) == MergeDirective::kDelete; });
}

Value WithMerger::Merge(const Value& base, const Value& overlay, const MergeType& type, std::string_view field) {
  if (base.IsList() && overlay.IsList()) return MergeLists(&base, overlay, type, field);
  if (!base.IsMap() || !overlay.IsMap()) return Resolve(overlay, type, field);
  ValueMap merged = base.AsMap();
  // The merged record is the base's, with the overlay's removals remembered:
  // a required field that goes missing is the overlay's doing.
  ProvenanceId provenance = base.provenance();
  auto removed = [&](const MapEntry& entry) {
    provenance = evaluator_.provenance().Removed(provenance, entry.key,
                                                 SourceRange::Join(entry.key_range, entry.value.origin()),
                                                 evaluator_.calls());
  };
  for (const MapEntry& entry : overlay.AsMap()) {
    auto it = std::find_if(merged.begin(), merged.end(), [&](const MapEntry& e) { return e.key == entry.key; });
    if (entry.value.IsNull()) {
      if (it != merged.end()) {
        merged.erase(it);
        removed(entry);
      }
    } else if (it != merged.end()) {
      Value before = std::move(it->value);
      it->value = Merge(before, entry.value, type.Field(entry.key), entry.key);
      it->key_range = entry.key_range;
      if (DeletedLastItem(before, it->value, entry.value)) removed(entry);
    } else {
      merged.push_back({entry.key, entry.key_range, Resolve(entry.value, type.Field(entry.key), entry.key)});
    }
  }
  return Value::Map(std::move(merged), base.origin(), provenance);
}

Value WithMerger::Resolve(const Value& value, const MergeType& type, std::string_view field) {
  if (value.IsList()) {
    for (const Value& item : value.AsList()) {
      if (item.IsMap()) return MergeLists(nullptr, value, type, field);  // items may hold directives
    }
    return value;
  }
  if (!value.IsMap()) return value;
  ValueMap entries;
  bool changed = false;
  const ValueMap& original = value.AsMap();
  for (size_t i = 0; i < original.size(); ++i) {
    const MapEntry& entry = original[i];
    Value resolved = Resolve(entry.value, type.Field(entry.key), entry.key);
    if (!changed && resolved.IsSameAs(entry.value)) continue;
    if (!changed) entries.assign(original.begin(), original.begin() + static_cast<std::ptrdiff_t>(i));
    changed = true;
    entries.push_back({entry.key, entry.key_range, std::move(resolved)});
  }
  return changed ? Value::Map(std::move(entries), value.origin(), value.provenance()) : value;
}

// Without merge keys, or with a `replaceList`: the overlay's items, each
// resolved, replace the list. A `delete(...)` among them is E0422, `why`
// says why the list is replaced.
Value WithMerger::ReplaceList(const Value& overlay, const MergeType& element, std::string_view field,
                              std::string_view why) {
  const ValueList& original = overlay.AsList();
  ValueList items;  // filled from the first item that changes
  bool changed = false;
  for (size_t i = 0; i < original.size(); ++i) {
    const Value& item = original[i];
    const MergeDirective directive = DirectiveOf(item);
    if (directive == MergeDirective::kDelete) {
      evaluator_.Fail(DiagnosticCode::E0422, item.origin(),
                      "`delete(...)` in `" + std::string(field) + "`, " + std::string(why));
    }
    Value resolved = directive == MergeDirective::kNone ? Resolve(item, element, field) : Value();
    if (!changed && directive == MergeDirective::kNone && resolved.IsSameAs(item)) continue;
    if (!changed) items.assign(original.begin(), original.begin() + static_cast<std::ptrdiff_t>(i));
    changed = true;
    if (directive == MergeDirective::kNone) items.push_back(std::move(resolved));
  }
  return changed ? Value::List(std::move(items), overlay.origin(), overlay.provenance()) : overlay;
}

Value WithMerger::MergeLists(const Value* base, const Value& overlay, const MergeType& type, std::string_view field) {
  bool replace = false;
  bool deletes = false;
  for (const Value& item : overlay.AsList()) {
    const MergeDirective directive = DirectiveOf(item);
    replace = replace || directive == MergeDirective::kReplace;
    deletes = deletes || directive == MergeDirective::kDelete;
  }
  const MergeType element = type.Element();
  const std::vector<std::string_view> keys = type.MergeKeys();
  if (replace) {
    return ReplaceList(overlay, element, field,
                       "a list that `replaceList(...)` replaces whole; leave the item out of the list instead");
  }
  if (keys.empty() || (!base && !deletes)) {
    return ReplaceList(overlay, element, field,
                       type.Known() ? "a list that has no merge key in Kubernetes, so `with` replaces it whole; "
                                      "leave the item out of the new list instead"
                                    : "but the Kubernetes type of this list is not known here, so `with` replaces "
                                      "it whole; give the left side of `with` a Kubernetes type "
                                      "(`apps.Deployment { ... }`, or `let name: apps.Deployment = ...`)");
  }
  ValueList merged = base ? base->AsList() : ValueList{};
  std::vector<bool> deleted(merged.size(), false);
  std::unordered_map<std::string, size_t> index;  // key signature -> first item with it
  for (size_t i = 0; i < merged.size(); ++i) {
    if (merged[i].IsMap() && merged[i].Find(keys[0])) index.emplace(KeySignature(merged[i], keys), i);
  }
  for (const Value& item : overlay.AsList()) {
    evaluator_.Step();
    if (!item.IsMap() || !item.Find(keys[0])) KeyMissing(item, keys, field);
    const std::string signature = KeySignature(item, keys);
    auto found = index.find(signature);
    if (DirectiveOf(item) == MergeDirective::kDelete) {
      if (found == index.end()) DeleteNotFound(item, merged, keys, field);
      deleted[found->second] = true;
      index.erase(found);
    } else if (found != index.end()) {
      merged[found->second] = Merge(merged[found->second], item, element, field);
    } else {
      index.emplace(signature, merged.size());
      merged.push_back(Resolve(item, element, field));
      deleted.push_back(false);
    }
  }
  ValueList kept;
  kept.reserve(merged.size());
  for (size_t i = 0; i < merged.size(); ++i) {
    if (!deleted[i]) kept.push_back(std::move(merged[i]));
  }
  // Like a merged record, the merged list keeps the base's origin.
  const Value& kept_from = base ? *base : overlay;
  return Value::List(std::move(kept), kept_from.origin(), kept_from.provenance());
}

void WithMerger::KeyMissing(const Value& item, const std::vector<std::string_view>& keys, std::string_view field) {
  std::string message = "an item of `" + std::string(field) + "` ";
  message += item.IsMap() ? "has no `" + std::string(keys[0]) + "`" : "is " + WithArticle(KindName(item.kind()));
  message += ", but `with` merges the items of `" + std::string(field) + "` by `" + std::string(keys[0]) +
             "`; give the item its `" + std::string(keys[0]) +
             "` to merge it into the base item with the same one, or replace the whole list with "
             "`replaceList([...])`";
  evaluator_.Fail(DiagnosticCode::E0420, item.origin(), message);
}

void WithMerger::DeleteNotFound(const Value& item, const ValueList& base, const std::vector<std::string_view>& keys,
                                std::string_view field) {
  std::string message = "`delete(...)` names no item of `" + std::string(field) + "`: the base list has no item with `" +
                        DescribeKey(item, keys) + "`";
  const Value* wanted = item.Find(keys[0]);
  std::vector<std::string> names;
  for (const Value& candidate : base) {
    const Value* key = candidate.IsMap() ? candidate.Find(keys[0]) : nullptr;
    if (key && key->IsString()) names.push_back(key->AsString());
  }
  std::vector<std::string_view> views(names.begin(), names.end());
  std::optional<std::string> suggestion =
      wanted && wanted->IsString() ? ClosestMatch(wanted->AsString(), views) : std::nullopt;
  if (suggestion && *suggestion != wanted->AsString()) {
    message += "; did you mean `" + *suggestion + "`?";
  } else {
    message += "; remove the `delete(...)`, or name an item the base has";
  }
  evaluator_.Fail(DiagnosticCode::E0421, item.origin(), message);
}

}  // namespace

Value Evaluator::EvalWith(const ast::Expr& expr, const Value& left, const Value& right, ModuleInfo& module,
                          const Scope* scope) {
  MergeType type = StaticMergeType(*expr.left, module, scope);
  if (!type.Known() && program_.external) {
    // An object with an apiVersion and kind the catalog knows is of that type.
    const Value* api_version = left.Find("apiVersion");
    const Value* kind = left.Find("kind");
    if (api_version && kind && api_version->IsString() && kind->IsString()) {
      if (auto id = program_.external->FindResource(api_version->AsString(), kind->AsString())) {
        type = MergeType::External(program_.external, *id);
      }
    }
  }
  return WithMerger(*this).Merge(left, right, type, "");
}

MergeType Evaluator::LocalMergeType(const ast::Expr& name, ModuleInfo& module, const Scope* scope) {
  for (const Scope* s = scope; s; s = s->parent) {
    for (size_t i = 0; i < s->vars.size(); ++i) {
      if (s->vars[i].name != name.name) continue;
      // A parameter of a function of this module: its declared type.
      for (const auto& [decl_name, decl] : module.decls) {
        if (decl != s->binder || decl->kind != ast::Decl::Kind::kFn) continue;
        if (i < decl->params.size() && decl->params[i].type) {
          return MergeType::Of(ResolveType(*decl->params[i].type, module));
        }
      }
      return {};
    }
  }
  return {};
}

MergeType Evaluator::GlobalMergeType(ModuleInfo& module, std::string_view name, int depth) {
  auto found = module.decls.find(name);
  if (found == module.decls.end() || depth > 64) return {};
  const ast::Decl& decl = *found->second;
  if (decl.kind != ast::Decl::Kind::kLet && decl.kind != ast::Decl::Kind::kParam) return {};
  if (decl.type) return MergeType::Of(DeclaredType(module, decl));
  // `let pod = core.PodSpec { ... }`: what its expression is known to be.
  return decl.kind == ast::Decl::Kind::kLet && decl.value ? StaticMergeType(*decl.value, module, nullptr, depth + 1)
                                                          : MergeType{};
}

MergeType Evaluator::StaticMergeType(const ast::Expr& expr, ModuleInfo& module, const Scope* scope, int depth) {
  if (depth > 64) return {};
  switch (expr.kind) {
    case ast::ExprKind::kTypedRecord: return MergeType::Of(TypeOfName(module, expr.module, expr.name, expr.name_range));
    case ast::ExprKind::kName: {
      MergeType local = LocalMergeType(expr, module, scope);
      if (local.Known()) return local;
      if (IsLocal(expr.name, scope)) return {};  // a local of unknown type
      return GlobalMergeType(module, expr.name, depth);
    }
    case ast::ExprKind::kCall: {
      if (!expr.left || (expr.left->kind == ast::ExprKind::kName && IsBuiltin(expr.left->name))) return {};
      Callee& callee = ResolveCallee(expr, module, scope);
      return callee.fn && callee.signature_resolved ? MergeType::Of(callee.return_type) : MergeType{};
    }
    case ast::ExprKind::kField:
    case ast::ExprKind::kOptionalField: {
      if (!expr.left) return {};
      // `base.checkout`, a global of an imported Mast file.
      if (expr.left->kind == ast::ExprKind::kName && !IsLocal(expr.left->name, scope)) {
        auto import = module.imports.find(expr.left->name);
        if (import != module.imports.end() && !module.decls.count(expr.left->name)) {
          return import->second.IsExternal() ? MergeType{}
                                             : GlobalMergeType(*import->second.module, expr.name, depth + 1);
        }
      }
      return StaticMergeType(*expr.left, module, scope, depth + 1).Field(expr.name);
    }
    case ast::ExprKind::kIndex: {
      if (!expr.left) return {};
      MergeType container = StaticMergeType(*expr.left, module, scope, depth + 1);
      MergeType element = container.Element();
      return element.Known() ? element : container.Field("");
    }
    case ast::ExprKind::kBinary:
      return expr.op == ast::Operator::kWith && expr.left ? StaticMergeType(*expr.left, module, scope, depth + 1)
                                                          : MergeType{};
    default: return {};
  }
}

}  // namespace mast
