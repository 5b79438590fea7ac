// Names and types of one parsed .mast file, for navigation, hover, rename
// and completion. The binder walks the syntax tree with the scoping rules of
// the language (declarations per file in any order, imports, function and
// policy parameters, `let ... in`, comprehension variables, schema fields in
// `check`s) and records every occurrence of a name with what it refers to.
// Types are inferred on demand from annotations and expressions, the way the
// static checker infers them (compiler/check/static_checker.cpp); what it
// cannot know is "any".
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "lsp/analysis/types.h"
#include "lsp/analysis/workspace.h"

namespace mast::lsp {

struct Symbol {
  enum class Kind {
    kNone,
    kDecl,         // a top-level declaration (let, fn, param, type, schema)
    kImport,       // an import alias
    kParameter,    // a function parameter
    kLetIn,        // `let x = ... in ...`
    kLoopVar,      // `for x in ...`
    kPolicyParam,  // `violations(object, context)`
    kSchemaField,  // a schema field (in the schema's checks, or as a record key)
    kBuiltin,      // a built-in function
    kExternalType, // a Kubernetes type (`apps.Deployment`)
  };
  Kind kind = Kind::kNone;
  std::string name;
  std::shared_ptr<const ParsedFile> file;  // where it is declared (keeps the pointers below alive)
  uint32_t def_begin = 0;                  // its name in `file`
  uint32_t def_end = 0;
  const ast::Decl* decl = nullptr;         // kDecl; the fn of a kParameter; the schema of a kSchemaField
  const ast::Import* import = nullptr;     // kImport
  const ast::Parameter* parameter = nullptr;
  const ast::Expr* let = nullptr;          // kLetIn
  const ast::Comprehension* loop = nullptr;
  bool loop_value = false;                 // the second variable of `for k, v in`
  const ast::SchemaField* field = nullptr;
  ExternalTypeId external = 0;             // kExternalType
  std::string module_alias;                // kExternalType: `apps`

  bool IsDeclared() const { return kind != Kind::kNone && kind != Kind::kBuiltin && kind != Kind::kExternalType; }
  // Identity across files: "path#offset"; builtins "builtin:name".
  std::string Key() const;
};

struct Occurrence {
  uint32_t begin = 0;
  uint32_t end = 0;
  Symbol symbol;
  bool definition = false;
};

class ModelCache;

class FileModel {
 public:
  FileModel(std::shared_ptr<const ParsedFile> file, ModelCache& cache);

  const std::shared_ptr<const ParsedFile>& file() const { return file_; }
  const std::vector<Occurrence>& occurrences() const { return occurrences_; }
  // The occurrence whose name contains `offset` (end inclusive, so a cursor
  // right after a name still finds it).
  const Occurrence* At(uint32_t offset) const;

  LTypeRef TypeOf(const Symbol& symbol);
  LTypeRef Infer(const ast::Expr& expr);
  // The symbol a name expression refers to, if bound.
  const Symbol* SymbolOf(const ast::Expr& name) const;
  // The field access (`a.b`, `a?.b`) whose member name contains `offset`.
  const ast::Expr* FieldAccessAt(uint32_t offset) const;
  // The field a field access reads, when its object's type is known.
  std::optional<FieldInfo> FieldOfAccess(const ast::Expr& access, LTypeRef* object_type = nullptr);
  // The innermost declaration containing `offset`.
  const ast::Decl* DeclAt(uint32_t offset) const;
  // Names visible at `offset` (locals first, then globals and imports).
  std::vector<Symbol> VisibleAt(uint32_t offset) const;

 private:
  struct Scope {
    const Scope* parent = nullptr;
    std::vector<std::pair<std::string, Symbol>> names;
    const Symbol* Find(std::string_view name) const;
  };
  struct ScopeSpan {  // for VisibleAt: a local binding and where it is visible
    uint32_t begin;
    uint32_t end;
    Symbol symbol;
  };

  void Bind();
  void BindDecl(const ast::Decl& decl);
  void BindExpr(const ast::Expr& expr, const Scope* scope);
  void BindEntries(const std::vector<ast::RecordEntry>& entries, const Scope* scope);
  // The scopes of a comprehension's clauses, the innermost last.
  std::vector<Scope> BindComprehension(const ast::Comprehension& comprehension, const Scope* scope,
                                       uint32_t visible_end);
  Scope BindClause(const ast::Comprehension& clause, const Scope* scope, uint32_t visible_end);
  void BindType(const ast::TypeExpr& type);
  void BindTypeName(uint32_t begin, uint32_t end, const std::string& module, const std::string& name);
  Symbol Global(const std::string& name) const;
  Symbol MemberOf(const ParsedFile::ImportInfo& import, const std::string& name, const std::string& alias);
  void Add(uint32_t begin, uint32_t end, Symbol symbol, bool definition);
  Symbol Local(Symbol::Kind kind, const std::string& name, SourceRange range);
  LTypeRef InferIn(const ast::Expr& expr, int depth);
  LTypeRef InferFieldIn(const ast::Expr& access, int depth);  // `a.b`, `a?.b`
  LTypeRef InferCallIn(const ast::Expr& call);
  LTypeRef InferBinaryIn(const ast::Expr& expr, int depth);
  LTypeRef TypeOfIn(const Symbol& symbol, int depth);
  LTypeRef BuiltinResult(const std::string& name);

  std::shared_ptr<const ParsedFile> file_;
  ModelCache& cache_;
  TypeResolver& types_;
  std::vector<Occurrence> occurrences_;  // sorted by begin after Bind
  std::unordered_map<const ast::Expr*, Symbol> names_;
  std::vector<ScopeSpan> locals_;
  std::set<const void*> inferring_;  // recursion guard for inference
};

// FileModels for the files of one request, built on first use.
class ModelCache {
 public:
  explicit ModelCache(Workspace& workspace, const ExternalTypes* catalog = nullptr)
      : workspace_(workspace), types_(workspace, catalog) {}
  FileModel& Get(const std::shared_ptr<const ParsedFile>& file);
  FileModel* Get(const std::string& path);  // parses through the workspace
  TypeResolver& types() { return types_; }
  Workspace& workspace() { return workspace_; }

 private:
  Workspace& workspace_;
  TypeResolver types_;
  std::map<const ParsedFile*, std::unique_ptr<FileModel>> models_;
  std::vector<std::shared_ptr<const ParsedFile>> keep_;
};

bool IsBuiltinFunction(std::string_view name);

}  // namespace mast::lsp
