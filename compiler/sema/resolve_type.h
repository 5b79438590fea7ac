// Type resolution: type expressions, aliases, schemas, record types,
// refinements, and the types of imported modules (Mast files and Kubernetes
// or CRD modules), as the static checker and the evaluator both see them.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/sema/abort.h"
#include "compiler/sema/program.h"
#include "compiler/types/types.h"

namespace mast {

class TypeResolver {
 public:
  // Errors are reported into `sink`, then DeclarationAbort is thrown.
  // `explain`, when given, adds context to an error before it is thrown
  // (the evaluator adds the calls under way).
  TypeResolver(const Program& program, DiagnosticSink& sink, std::function<void(Diagnostic&)> explain = {})
      : program_(program), sink_(sink), explain_(std::move(explain)) {}

  // The type a type expression of `module` denotes. Remembered per
  // expression: functions resolve their parameter types on every call.
  TypeRef ResolveType(const ast::TypeExpr& type, ModuleInfo& module);
  // The declared type of a declaration (`any` without one).
  TypeRef DeclaredType(ModuleInfo& module, const ast::Decl& decl);
  // The type named `name` in `module`, or in the module it imports as
  // `module_alias` when that is not empty. Remembered per module
  // (ModuleInfo::resolved_types); a type that refers to itself is E0206.
  TypeRef TypeOfName(ModuleInfo& module, std::string_view module_alias, std::string_view name, SourceRange range);

 private:
  TypeRef ResolveTypeUncached(const ast::TypeExpr& type, ModuleInfo& module);
  TypeRef ResolveRecordType(const ast::TypeExpr& type, ModuleInfo& module);
  TypeRef ResolveDeclaredName(ModuleInfo& module, const ast::Decl& decl);
  TypeRef ExternalTypeOf(const ImportTarget& target, std::string_view module_alias, std::string_view name,
                         SourceRange range);
  TypeRef RefinedBaseType(const ast::TypeExpr& expr, Type type);
  [[noreturn]] void Fail(DiagnosticCode code, SourceRange range, std::string message);

  const Program& program_;
  DiagnosticSink& sink_;
  std::function<void(Diagnostic&)> explain_;
  std::unordered_map<const ast::TypeExpr*, TypeRef> resolved_;
};

}  // namespace mast
