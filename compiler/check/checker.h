// Internal to compiler/check: the static checker's state, shared by the
// files that check declarations (static_checker.cpp), names, fields and calls
// (checker_names.cpp), expressions (checker_expressions.cpp), and record and
// list literals (checker_records.cpp).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/sema/conform.h"
#include "compiler/sema/program.h"
#include "compiler/sema/resolve_type.h"
#include "compiler/sema/semantic_index.h"
#include "compiler/types/types.h"

namespace mast::checker {

// A local name: its type, and what declares it (for the semantic index).
struct Var {
  std::string_view name;
  TypeRef type;
  SymbolKind kind = SymbolKind::kLocal;
  SourceRange definition;
};

// The names in scope and their types, innermost last.
struct Env {
  const Env* parent = nullptr;
  std::vector<Var> vars;

  const Var* FindVar(std::string_view name) const {
    for (const Env* env = this; env; env = env->parent) {
      for (auto it = env->vars.rbegin(); it != env->vars.rend(); ++it) {
        if (it->name == name) return &*it;
      }
    }
    return nullptr;
  }
  const TypeRef* Find(std::string_view name) const {
    const Var* var = FindVar(name);
    return var ? &var->type : nullptr;
  }
};

TypeRef Basic(Type::Kind kind);
bool IsAny(const TypeRef& type);
// The type of a value that is either an `a` or a `b` (the arms of an `if`,
// the items of a list): `any` when either is, else the common type, else
// their union (which checks as leniently as `any`).
TypeRef Join(const TypeRef& a, const TypeRef& b);
// The value kind a type's values have, when there is exactly one.
std::optional<Value::Kind> ValueKindOf(const Type& type);
std::string LastSegment(const std::string& name);
// A literal expression's value, for checking it against a type exactly as
// evaluation would.
std::optional<Value> ConstantOf(const ast::Expr& expr);

class StaticChecker {
 public:
  // `index`, when given, receives what each name refers to and its type.
  StaticChecker(Program& program, DiagnosticSink& sink, SemanticIndex* index = nullptr)
      : program_(program), types_(program, sink), conform_context_(program), sink_(sink), index_(index),
        index_types_(program, index_sink_) {}

  void CheckModule(ModuleInfo& module);
  // Records the names of the declarations that did not parse, which
  // checking skips (semantic_index.cpp). Run with a sink nobody reads: what
  // error recovery left is not reported.
  void IndexBrokenDecls(ModuleInfo& module);

 private:
  // Declarations (static_checker.cpp).
  TypeRef Resolve(const ast::TypeExpr* type);
  void CheckDecl(const ast::Decl& decl);
  // The type a global name has, from its declaration.
  TypeRef GlobalType(ModuleInfo& module, const ast::Decl& decl);
  TypeRef InferQuietly(const ast::Expr& expr);
  Diagnostic* Report(DiagnosticCode code, SourceRange range, std::string message);

  // Names, fields and calls (checker_names.cpp).
  TypeRef External(ExternalTypeId id) const;
  std::vector<std::string_view> VisibleNames(const Env* env);
  TypeRef InferName(const ast::Expr& expr, const Env* env);
  TypeRef FieldOf(const TypeRef& object, const ast::Expr& expr);
  TypeRef InferField(const ast::Expr& expr, const Env* env);
  TypeRef InferCall(const ast::Expr& expr, const Env* env);
  // A builtin's result where its signature and argument types tell it
  // (`len` is an int, `reverse(xs)` has the type of `xs`); else `any`.
  TypeRef BuiltinResult(const std::string& name, const std::vector<TypeRef>& args) const;

  // Expressions (checker_expressions.cpp).
  TypeRef Infer(const ast::Expr& expr, const Env* env);
  TypeRef InferBinary(const ast::Expr& expr, const Env* env);
  // Checks `expr` against an expected type where that can be decided without
  // evaluating; otherwise infers and leaves the rest to evaluation.
  // `null_ok`: null means "unset" here (an optional or defaulted field).
  void Check(const ast::Expr& expr, const TypeRef& expected, const Env* env, bool null_ok = false);
  void CheckCondition(const ast::Expr& condition, const Env* env, std::string_view what);
  // The scopes of a comprehension's clauses, the innermost last (reserved,
  // so that each keeps its parent where it is).
  // `visible`: the item or entry the variables are in scope in.
  std::vector<Env> ComprehensionEnvs(const ast::Comprehension& comprehension, const Env* env, SourceRange visible);
  Env ClauseEnv(const ast::Comprehension& comprehension, const Env* env, SourceRange visible);
  TypeRef InferList(const ast::Expr& expr, const Env* env);
  TypeRef InferIf(const ast::Expr& expr, const Env* env);

  // The semantic index (checker_index.cpp); no-ops without an index, and
  // while inferring quietly (the declaration is recorded when checked).
  bool Indexing() const { return index_ != nullptr && !quiet_; }
  void Record(SourceRange range, SemanticSymbol symbol, TypeRef type, bool definition = false);
  // A local name at `range`, with its type: builds the symbol only when
  // indexing (checking looks names up far more often than it indexes).
  void RecordVar(SourceRange range, const Var& var, bool definition = false);
  // A local binding declared by `var` and in scope in `visible`.
  void RecordScope(const Var& var, SourceRange visible);
  SemanticSymbol DeclSymbol(const ast::Decl& decl) const;
  static SemanticSymbol VarSymbol(const Var& var);
  SemanticSymbol ImportSymbol(const ImportTarget& target, std::string_view alias) const;
  void IndexDeclName(const ast::Decl& decl);
  void IndexImports(const ModuleInfo& module);
  // `resolver`: the checker's own once `type` resolved (its parts are then
  // remembered), else index_types_ (which reports nowhere).
  void IndexType(const ast::TypeExpr& type, TypeResolver& resolver);
  // `alias.Name` or `Name` written at `range` as a type (a typed record, an
  // annotation), given the type it denotes.
  void IndexTypeName(SourceRange range, const std::string& module_alias, const std::string& name, const TypeRef& type);
  // `alias.member` read in an expression.
  void IndexMember(const ast::Expr& expr, const ImportTarget& target, const TypeRef& type);
  TypeRef TypeOfDecl(ModuleInfo& module, const ast::Decl& decl);
  // Whether a global's value can be inferred: it parsed, or (only while
  // indexing the declarations that did not, IndexBrokenDecls) error
  // recovery left every part that inference reads.
  bool Inferable(const ast::Decl& decl) const;
  void IndexSchemaField(SourceRange range, const SchemaFieldInfo& field);
  void IndexExternalField(SourceRange range, ExternalTypeId owner, const std::string& name, ExternalTypeId type);
  // The function a call names (`f`, `alias.f`); `target` as InferCall found it.
  void IndexCallee(const ast::Expr& callee, const Env* env, ModuleInfo* target);

  // Record and list literals against an expected type (checker_records.cpp).
  void CheckList(const ast::Expr& expr, const TypeRef& expected, const Env* env);
  // Record literal against a schema, a Kubernetes object or a map type.
  void CheckRecord(const ast::Expr& expr, const TypeRef& expected, const Env* env);
  static bool HasDynamicEntries(const std::vector<ast::RecordEntry>& entries);
  void CheckMapEntries(const std::vector<ast::RecordEntry>& entries, const TypeRef& element, const Env* env);
  void CheckSchemaEntries(const std::vector<ast::RecordEntry>& entries, const SchemaInfo& schema, const Env* env);
  void ReportMissingSchemaFields(const ast::Expr& expr, const SchemaInfo& schema);
  void CheckExternalEntries(const std::vector<ast::RecordEntry>& entries, ExternalTypeId type, const Env* env);
  void InferEntry(const ast::RecordEntry& entry, const Env* env);
  void InferEntries(const std::vector<ast::RecordEntry>& entries, const Env* env);

  Program& program_;
  TypeResolver types_;
  StaticConformContext conform_context_;  // constants only: no defaults or checks to evaluate
  DiagnosticSink& sink_;
  ModuleInfo* module_ = nullptr;
  bool quiet_ = false;
  bool broken_decls_ = false;  // IndexBrokenDecls is running
  std::map<const ast::Decl*, TypeRef> global_types_;
  std::set<const ast::Decl*> inferring_;
  SemanticIndex* index_ = nullptr;
  // Type lookups made only for the index report into a sink nobody reads:
  // checking reports those errors where it resolves the same types.
  DiagnosticSink index_sink_;
  TypeResolver index_types_;
};

}  // namespace mast::checker
