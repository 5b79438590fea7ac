// Completion. The cursor context comes from tokens (analysis/context.h), so
// it works in half-typed code. Names in scope and their types come from the
// compiler's semantic index of the document (analysis/checked.h: the
// locals visible at the cursor, each declaration's declared or inferred
// type); a declaration header the parser gave up on still lends its
// parameters from tokens.
//   record keys   the fields of the record's type (schema or Kubernetes),
//                 required ones first and marked, present ones left out
//   values        literal-union and boolean values of the expected type,
//                 names in scope, built-ins with signatures, keywords
//   `x.`          fields of x's type; declarations of an imported Mast file;
//                 types of an imported Kubernetes module
//   types         builtin types, type and schema names, import aliases
//   import paths  `k8s/...` modules and .mast files near the file
//   YAML          keys of the Kubernetes type at the cursor; apiVersion and
//                 kind values
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "compiler/sema/builtins.h"
#include "lsp/analysis/types.h"
#include "lsp/analysis/context.h"
#include "lsp/analysis/yaml_path.h"
#include "lsp/features/describe.h"
#include "lsp/features/features.h"
#include "schemas/kube_catalog.h"

namespace mast::lsp {

namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxItems = 500;

class Builder {
 public:
  Builder(const SourceFile& source, uint32_t begin, uint32_t end) : source_(source), begin_(begin), end_(end) {}

  CompletionItem& Add(std::string label, CompletionItemKind kind, std::string sort_group) {
    items_.emplace_back();
    CompletionItem& item = items_.back();
    item.label = std::move(label);
    item.kind = kind;
    item.sort_text = sort_group + item.label;
    item.text_edit = TextEdit{ToRange(source_, begin_, end_), item.label};
    return item;
  }
  void SetInsert(CompletionItem& item, std::string text, bool snippet = false) {
    item.text_edit->new_text = std::move(text);
    item.snippet = snippet;
  }
  bool Has(const std::string& label) const {
    return std::any_of(items_.begin(), items_.end(), [&](const CompletionItem& i) { return i.label == label; });
  }
  CompletionList Finish() {
    CompletionList list;
    if (items_.size() > kMaxItems) {
      items_.resize(kMaxItems);
      list.is_incomplete = true;
    }
    list.items = std::move(items_);
    return list;
  }

 private:
  const SourceFile& source_;
  uint32_t begin_;
  uint32_t end_;
  std::vector<CompletionItem> items_;
};

bool Excluded(const std::vector<std::string>& present, const std::string& name) {
  return std::find(present.begin(), present.end(), name) != present.end();
}

void AddFields(Builder& out, EditorTypes& types, const LTypeRef& record, const std::vector<std::string>& present,
               bool as_key) {
  for (const FieldInfo& field : types.Fields(record, /*every_release=*/true)) {
    if (as_key && Excluded(present, field.name)) continue;
    // Fields the target lacks come last, marked with the releases that have them.
    std::string group = field.outside_target ? "3" : field.required ? "0" : field.name == "status" ? "2" : "1";
    CompletionItem& item = out.Add(field.name, CompletionItemKind::kField, group);
    item.detail = types.ToString(field.type) + (field.required ? " (required)" : "");
    if (field.outside_target) item.detail += " (not in the target; " + field.releases + ")";
    item.deprecated = field.deprecated;
    item.documentation = DescribeField(types, field, record);
    if (as_key) out.SetInsert(item, field.name + ": ");
  }
}

void AddLiterals(Builder& out, EditorTypes& types, const LTypeRef& expected) {
  for (const std::string& value : types.LiteralValues(expected)) {
    if (out.Has(value)) continue;
    CompletionItem& item = out.Add(value, CompletionItemKind::kEnumMember, "0");
    item.detail = types.ToString(expected);
  }
}

// A YAML value position: booleans, and a closed set's values as plain
// scalars (`IfNotPresent`, not `"IfNotPresent"`).
void AddYamlValues(Builder& out, EditorTypes& types, const LTypeRef& type) {
  for (const std::string& value : types.LiteralValues(type)) {
    bool quoted = value.size() >= 2 && value.front() == '"';
    CompletionItem& item = out.Add(quoted ? value.substr(1, value.size() - 2) : value,
                                   quoted ? CompletionItemKind::kEnumMember : CompletionItemKind::kValue, "0");
    if (quoted) item.detail = types.ToString(type);
  }
}

bool ExpectsStringLiteral(EditorTypes& types, const LTypeRef& expected) {
  if (!expected) return false;
  std::vector<std::string> values = types.LiteralValues(expected);
  return !values.empty() && std::all_of(values.begin(), values.end(), [](const std::string& value) {
    return value.size() >= 2 && value.front() == '"';
  });
}

void AddBuiltins(Builder& out) {
  for (const BuiltinSignature& builtin : AllBuiltins()) {
    std::string name(builtin.name);
    if (out.Has(name)) continue;
    CompletionItem& item = out.Add(name, CompletionItemKind::kFunction, "4");
    item.detail = std::string(builtin.signature);
    item.documentation = std::string(builtin.doc);
    out.SetInsert(item, name + (builtin.max_args == 0 ? "()" : "($1)"), true);
  }
}

void AddKeywords(Builder& out, std::initializer_list<const char*> keywords) {
  for (const char* keyword : keywords) {
    if (!out.Has(keyword)) out.Add(keyword, CompletionItemKind::kKeyword, "5");
  }
}

CompletionItemKind KindOfDecl(const ast::Decl& decl) {
  switch (decl.kind) {
    case ast::Decl::Kind::kFn: return CompletionItemKind::kFunction;
    case ast::Decl::Kind::kSchema: return CompletionItemKind::kStruct;
    case ast::Decl::Kind::kType: return CompletionItemKind::kTypeParameter;
    case ast::Decl::Kind::kParam: return CompletionItemKind::kConstant;
    default: return CompletionItemKind::kVariable;
  }
}

// The start of the receiver chain (`app.spec.`) or word that ends at `end`.
uint32_t ChainBegin(std::string_view text, uint32_t end) {
  uint32_t begin = std::min<uint32_t>(end, static_cast<uint32_t>(text.size()));
  while (begin > 0) {
    char c = text[begin - 1];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '?')) break;
    --begin;
  }
  return begin;
}

// Names and their types as the compiler checked the document: the locals
// the semantic index has in scope at an offset, and the declared or
// inferred type of a top-level declaration (of this file or one it
// imports). A declaration being typed often does not parse (`x.`): its
// locals, and the types checking no longer knows while the text does not
// parse, come from the last check that parsed (FeatureContext::Earlier),
// for names outside what was typed since.
class CheckedNames {
 public:
  struct Local {
    const CheckedDocument* checked;
    SemanticEntry entry;  // in the current text's offsets
  };

  CheckedNames(EditorTypes& types, std::shared_ptr<const ParsedFile> file,
               std::shared_ptr<const CheckedDocument> checked, std::optional<EarlierCheck> earlier)
      : types_(types), file_(std::move(file)), checked_(std::move(checked)), earlier_(std::move(earlier)) {}

  std::vector<Local> Locals(uint32_t offset) const {
    std::vector<Local> current;
    if (checked_) {
      for (const SemanticEntry* entry : checked_->LocalsAt(file_->path, offset)) {
        current.push_back(Local{checked_.get(), *entry});
      }
    }
    if (!earlier_) return current;
    std::vector<Local> earlier;
    std::optional<uint32_t> old = earlier_->ToOld(offset);
    for (const SemanticEntry* entry : old ? earlier_->checked->LocalsAt(file_->path, *old)
                                          : std::vector<const SemanticEntry*>{}) {
      if (std::optional<SemanticEntry> mapped = earlier_->ToNew(*entry)) {
        earlier.push_back(Local{earlier_->checked.get(), std::move(*mapped)});
      }
    }
    if (!ParsedAt(offset) && !earlier.empty()) return earlier;
    // A local whose type a syntax error elsewhere hid (its schema is being
    // edited): as the earlier check typed it.
    for (Local& local : current) {
      if (!Untyped(local.entry)) continue;
      for (const Local& before : earlier) {
        if (before.entry.range == local.entry.range && !Untyped(before.entry)) local = before;
      }
    }
    return current;
  }
  LTypeRef TypeOf(const Local& local) const { return types_.Of(*local.checked, file_, local.entry.type); }
  // A `let` or `param` of `home`: as written, else as checking inferred it.
  LTypeRef TypeOfDecl(const std::shared_ptr<const ParsedFile>& home, const ast::Decl& decl) const {
    if (decl.type) return types_.Resolve(*decl.type, home);
    const SemanticEntry* entry = checked_ ? checked_->DeclarationAt(home->path, decl.name_range) : nullptr;
    LTypeRef type = entry ? types_.Of(*checked_, file_, entry->type) : nullptr;
    if (type || !earlier_ || home->path != file_->path) return type;
    std::optional<SemanticEntry> earlier = earlier_->At(decl.name_range.begin);
    bool same = earlier && earlier->definition && earlier->range == decl.name_range;
    return same ? types_.Of(*earlier_->checked, file_, earlier->type) : nullptr;
  }
  // The type of `name` in scope at `offset`: a local, else a global value.
  LTypeRef TypeOfName(const std::string& name, uint32_t offset) const {
    for (const Local& local : Locals(offset)) {
      if (local.entry.symbol.name == name) return TypeOf(local);
    }
    auto decl = file_->decls.find(name);
    if (decl == file_->decls.end() || file_->imports.count(name)) return nullptr;
    bool valued = decl->second->kind == ast::Decl::Kind::kLet || decl->second->kind == ast::Decl::Kind::kParam;
    return valued ? TypeOfDecl(file_, *decl->second) : nullptr;
  }
  const std::shared_ptr<const ParsedFile>& file() const { return file_; }

 private:
  // Whether the declaration at `offset` parsed in the current text.
  bool ParsedAt(uint32_t offset) const {
    const ast::Decl* at = nullptr;
    for (const ast::Decl& decl : file_->module.decls) {
      if (decl.range.begin <= offset) at = &decl;
    }
    return at && !at->has_syntax_error;
  }

  EditorTypes& types_;
  std::shared_ptr<const ParsedFile> file_;
  std::shared_ptr<const CheckedDocument> checked_;
  std::optional<EarlierCheck> earlier_;
};

// A top-level declaration of `home` (this file or an imported one).
void AddDeclaration(Builder& out, EditorTypes& types, const CheckedNames& names,
                    const std::shared_ptr<const ParsedFile>& home, const ast::Decl& decl, const std::string& group) {
  if (decl.name.empty() || out.Has(decl.name)) return;
  CompletionItem& item = out.Add(decl.name, KindOfDecl(decl), group);
  const bool valued = decl.kind == ast::Decl::Kind::kLet || decl.kind == ast::Decl::Kind::kParam;
  LTypeRef type = valued ? names.TypeOfDecl(home, decl) : nullptr;
  if (decl.kind == ast::Decl::Kind::kFn) {
    item.detail = FunctionSignature(*home, decl);
    out.SetInsert(item, decl.name + "($1)", true);
  } else if (decl.kind != ast::Decl::Kind::kSchema && decl.kind != ast::Decl::Kind::kType) {
    item.detail = types.ToString(type);
  }
  item.documentation = DescribeDeclaration(types, home, decl, type);
}

// The locals in scope at `offset`, then the file's declarations and imports.
void AddNamesInScope(Builder& out, EditorTypes& types, const CheckedNames& names, uint32_t offset) {
  const std::shared_ptr<const ParsedFile>& file = names.file();
  for (const CheckedNames::Local& local : names.Locals(offset)) {
    const std::string& name = local.entry.symbol.name;
    if (out.Has(name)) continue;
    CompletionItem& item = out.Add(name, CompletionItemKind::kVariable, "2");
    item.detail = types.ToString(names.TypeOf(local));
    item.documentation = DescribeEntry(types, *local.checked, file, local.entry);
  }
  for (const auto& [name, decl] : file->decls) AddDeclaration(out, types, names, file, *decl, "3");
  for (const auto& [alias, import] : file->imports) {
    if (out.Has(alias)) continue;
    CompletionItem& item = out.Add(alias, CompletionItemKind::kModule, "3");
    if (import.import) item.documentation = DescribeImport(types, *file, *import.import);
  }
}

void AddTypes(Builder& out, const ParsedFile& file) {
  for (const char* builtin : {"int", "float", "number", "string", "bool", "any"}) {
    out.Add(builtin, CompletionItemKind::kTypeParameter, "1");
  }
  for (const auto& [name, decl] : file.decls) {
    if (decl->kind == ast::Decl::Kind::kSchema || decl->kind == ast::Decl::Kind::kType) {
      CompletionItem& item = out.Add(name, KindOfDecl(*decl), "0");
      item.documentation = decl->doc;
    }
  }
  for (const auto& [alias, import] : file.imports) {
    CompletionItem& item = out.Add(alias, CompletionItemKind::kModule, "2");
    item.detail = import.import ? "\"" + import.import->path + "\"" : "";
  }
}

void AddModuleMembers(Builder& out, Workspace& workspace, EditorTypes& types, const CheckedNames& names,
                      const ParsedFile::ImportInfo& import, bool types_only) {
  if (!import.external.empty()) {
    for (const std::string& member : types.catalog().ModuleMembers(import.external)) {
      CompletionItem& item = out.Add(member, CompletionItemKind::kClass, "1");
      if (std::optional<ExternalTypeId> id = types.catalog().FindMember(import.external, member)) {
        if (std::optional<GroupVersionKind> gvk = types.catalog().ResourceKind(*id)) {
          item.detail = gvk->api_version + " " + gvk->kind;
          item.sort_text = "0" + member;  // resources before their parts
        }
        std::string description(types.catalog().Description(*id));
        item.documentation = description;
      }
    }
    return;
  }
  std::shared_ptr<const ParsedFile> target = workspace.Parse(import.target_path);
  if (!target) return;
  for (const auto& [name, decl] : target->decls) {
    bool is_type = decl->kind == ast::Decl::Kind::kSchema || decl->kind == ast::Decl::Kind::kType;
    if (types_only && !is_type) continue;
    AddDeclaration(out, types, names, target, *decl, "1");
  }
}

void AddImportPaths(Builder& out, const FeatureContext& context, const std::string& typed) {
  for (const std::string& module : context.catalog().ModulePaths()) {
    CompletionItem& item = out.Add(module, CompletionItemKind::kModule, "1");
    item.detail = "Kubernetes module";
  }
  const std::string& path = context.document.path;
  if (path.empty() || path.front() != '/') return;
  fs::path directory = fs::path(path).parent_path();
  // .mast files below the file's directory (and its parent), without `.mast`.
  std::error_code ec;
  size_t count = 0;
  for (const fs::path& base : {directory, directory.parent_path()}) {
    fs::recursive_directory_iterator it(base, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end && count < 200; it.increment(ec)) {
      if (it.depth() > 3) {
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_directory(ec)) {
        std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.' || name == "node_modules" || name.rfind("build", 0) == 0) {
          it.disable_recursion_pending();
        }
        continue;
      }
      if (it->path().extension() != ".mast" || it->path() == fs::path(path)) continue;
      std::string relative = it->path().lexically_relative(directory).replace_extension("").string();
      if (relative.empty() || out.Has(relative)) continue;
      CompletionItem& item = out.Add(relative, CompletionItemKind::kFile, relative.rfind("..", 0) == 0 ? "3" : "2");
      item.detail = it->path().string();
      ++count;
    }
    if (base == directory.parent_path()) break;
  }
  (void)typed;
}

CompletionList CompleteMast(const FeatureContext& context, Position position) {
  std::shared_ptr<const ParsedFile> file = context.Parsed();
  if (!file) return {};
  const SourceFile& source = *file->source;
  const uint32_t offset = ToOffset(source, position);
  EditorTypes types = TypesFor(context);
  // Names are looked up where the receiver chain or word starts.
  uint32_t lookup = offset;
  std::unique_ptr<CheckedNames> names;
  auto name_types = [&](const std::string& name, uint32_t) {
    return names ? names->TypeOfName(name, lookup) : nullptr;
  };
  ContextAnalyzer analyzer(file->text(), file, types, name_types);
  CursorContext cursor = analyzer.At(offset);
  lookup = ChainBegin(file->text(), cursor.word_begin);
  names = std::make_unique<CheckedNames>(types, file, context.Checked(), context.Earlier());

  using K = CursorContext::Kind;
  if (cursor.kind == K::kImportPath || cursor.kind == K::kStringValue) {
    // Replace the string's content (keep the quotes).
    uint32_t begin = cursor.string_begin + 1;
    uint32_t end = cursor.string_terminated ? cursor.string_end - 1 : cursor.string_end;
    Builder out(source, begin, std::max(begin, end));
    if (cursor.kind == K::kImportPath) {
      AddImportPaths(out, context, cursor.string_prefix);
    } else {
      for (const std::string& value : types.LiteralValues(cursor.expected)) {
        if (value.size() < 2 || value.front() != '"') continue;
        CompletionItem& item = out.Add(value.substr(1, value.size() - 2), CompletionItemKind::kEnumMember, "0");
        item.detail = types.ToString(cursor.expected);
      }
    }
    return out.Finish();
  }
  Builder out(source, cursor.word_begin, std::max(cursor.word_begin, cursor.word_end));
  switch (cursor.kind) {
    case K::kRecordKey:
      if (cursor.in_schema) {
        AddKeywords(out, {"check"});
        break;
      }
      AddFields(out, types, cursor.record, cursor.present_keys, true);
      if (types.Fields(cursor.record).empty()) AddKeywords(out, {"if", "for"});
      break;
    case K::kMember: {
      const std::string& first = cursor.receiver.front();
      auto import = file->imports.find(first);
      bool shadowed = false;
      for (const auto& [name, type] : analyzer.HeaderParameters(offset)) shadowed = shadowed || name == first;
      if (import != file->imports.end() && cursor.receiver.size() == 1 && !shadowed) {
        AddModuleMembers(out, *context.workspace, types, *names, import->second, false);
        break;
      }
      LTypeRef type = analyzer.ReceiverType(cursor.receiver, offset);
      AddFields(out, types, type, {}, false);
      break;
    }
    case K::kType:
      AddTypes(out, *file);
      break;
    case K::kDeclaration:
      for (const char* keyword : {"import", "type", "schema", "param", "fn", "let", "emit", "policy", "test"}) {
        out.Add(keyword, CompletionItemKind::kKeyword, "0");
      }
      break;
    case K::kValue: {
      if (cursor.expected) AddLiterals(out, types, cursor.expected);
      for (const auto& [name, type] : analyzer.HeaderParameters(offset)) {
        if (out.Has(name)) continue;
        CompletionItem& item = out.Add(name, CompletionItemKind::kVariable, "2");
        item.detail = types.ToString(type);
      }
      AddNamesInScope(out, types, *names, lookup);
      // Where one of a closed set of strings is expected (`imagePullPolicy:`),
      // the set and the names in scope are the useful answers.
      if (ExpectsStringLiteral(types, cursor.expected)) break;
      AddBuiltins(out);
      AddKeywords(out, {"if", "then", "else", "let", "in", "for", "with", "true", "false", "null"});
      break;
    }
    case K::kNone:
    case K::kImportPath:
    case K::kStringValue: break;
  }
  return out.Finish();
}

CompletionList CompleteYaml(const FeatureContext& context, Position position) {
  const std::string& text = *context.document.text;
  if (LooksLikeTemplate(text)) return {};
  SourceFile source(context.document.path, text);
  const uint32_t offset = ToOffset(source, position);
  YamlCursor cursor = LocateInYaml(text, offset);
  EditorTypes types(*context.workspace, &context.types());
  Builder out(source, std::min(cursor.word_begin, offset), offset);
  const KubeCatalog& catalog = context.catalog();
  if (cursor.in_value) {
    if (!cursor.parents.empty()) {
      LTypeRef record = TypeAtPath(types, ResourceType(types, cursor), cursor.parents);
      if (std::optional<FieldInfo> field = types.Field(record, cursor.key)) AddYamlValues(out, types, field->type);
      return out.Finish();
    }
    if (cursor.key == "apiVersion") {
      std::set<std::string> seen;
      for (const KnownResource& resource : catalog.Resources()) {
        if (!cursor.kind.empty() && resource.kind != cursor.kind) continue;
        if (seen.insert(std::string(resource.api_version)).second) {
          out.Add(std::string(resource.api_version), CompletionItemKind::kValue, "0");
        }
      }
    } else if (cursor.key == "kind") {
      std::set<std::string> seen;
      for (const KnownResource& resource : catalog.Resources()) {
        if (!cursor.api_version.empty() && resource.api_version != cursor.api_version) continue;
        if (seen.insert(std::string(resource.kind)).second) {
          CompletionItem& item = out.Add(std::string(resource.kind), CompletionItemKind::kClass, "0");
          item.detail = std::string(resource.api_version);
        }
      }
    } else {
      LTypeRef record = TypeAtPath(types, ResourceType(types, cursor), cursor.parents);
      if (std::optional<FieldInfo> field = types.Field(record, cursor.key)) AddYamlValues(out, types, field->type);
    }
    return out.Finish();
  }
  if (!cursor.on_key) return {};
  LTypeRef resource = ResourceType(types, cursor);
  if (cursor.parents.empty() && !resource) {
    for (const char* key : {"apiVersion", "kind", "metadata"}) {
      if (Excluded(cursor.sibling_keys, key)) continue;
      CompletionItem& item = out.Add(key, CompletionItemKind::kField, "0");
      out.SetInsert(item, std::string(key) + ": ");
    }
    return out.Finish();
  }
  LTypeRef record = TypeAtPath(types, resource, cursor.parents);
  std::vector<std::string> present = cursor.sibling_keys;
  // The key being typed is not "present".
  present.erase(std::remove(present.begin(), present.end(), cursor.key), present.end());
  AddFields(out, types, record, present, true);
  return out.Finish();
}

}  // namespace

CompletionList CompleteAt(const FeatureContext& context, Position position) {
  if (context.IsMast()) return CompleteMast(context, position);
  if (context.IsYaml()) return CompleteYaml(context, position);
  return {};
}

}  // namespace mast::lsp
