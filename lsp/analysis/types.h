// The editor's presentation of the compiler's types. The editor resolves no
// type by rules of its own: a type expression or a type name is resolved by
// the compiler's TypeResolver (compiler/sema/resolve_type.h) in the module
// the checked program loaded for the file (the document's check, else the
// last check of it that parsed, else a check made for the purpose), and a
// type the checker inferred comes from the semantic index. What stays here
// is how the editor shows such a type (LType, a view computed from a
// compiler TypeRef) and lists a record's fields for completion and hover:
//   - Kubernetes and CRD types through the file's import alias
//     (`apps.Deployment`, not `io.k8s.api.apps.v1.Deployment`);
//   - alias names, with the alias's declaration for hover;
//   - a schema with its declaration as the file now has it (docs, default
//     text, the place of each field for go to definition);
//   - Kubernetes fields with their descriptions, release facts and closed
//     value sets (schemas/rules/field_enums.h).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/sema/resolve_type.h"
#include "compiler/types/external_types.h"
#include "compiler/types/types.h"
#include "lsp/analysis/checked.h"
#include "lsp/analysis/workspace.h"

namespace mast::lsp {

struct LType;
using LTypeRef = std::shared_ptr<const LType>;

// A compiler type as the editor shows it. Made only by EditorTypes, from a
// TypeRef; kUnknown stands for a type the compiler could not resolve.
struct LType {
  enum class Kind { kUnknown, kAny, kNull, kBool, kInt, kFloat, kString, kLiteral, kUnion, kList, kMap, kSchema, kExternal };
  Kind kind = Kind::kUnknown;
  TypeRef type;                            // what it is a view of (null for kUnknown and catalog types)
  // The check `type`'s ranges and declarations belong to: the view is valid
  // while it lives (EditorTypes keeps the checks it resolves in; callers of
  // Of keep theirs). Null for a type of no check (Kubernetes value sets).
  const CheckedDocument* checked = nullptr;
  std::string alias;                       // declared alias (`Port`), shown instead of the structure
  std::string written;                     // a refined builtin as the compiler prints it (`int(1..50)`)
  std::string literal;                     // kLiteral: `"web"`, `3`, `true`
  std::vector<LTypeRef> members;           // kUnion
  LTypeRef element;                        // kList item, kMap value
  // kSchema: the schema's declaration in the checked program (null for a
  // record type); aliases: the `type` declaration. `source` is the text the
  // check read it from.
  const ast::Decl* decl = nullptr;
  const SourceFile* source = nullptr;
  ExternalTypeId external = 0;             // kExternal
  std::string module_alias;                // kExternal: how the file named its module (`apps`)
};

// One field of a record type.
struct FieldInfo {
  std::string name;
  LTypeRef type;
  bool required = false;        // no default, not optional, not nullable
  bool has_default = false;
  std::string doc;              // `///` doc or the Kubernetes description
  bool optional = false;        // declared `name?:`
  std::string type_text;        // a schema field's type as written (`int(1..50)`)
  std::string default_text;     // source text of a schema default
  // Where the field is declared, in the editor's parse of the schema's file
  // (go to definition); null when that text does not declare it.
  std::shared_ptr<const ParsedFile> file;
  const ast::SchemaField* field = nullptr;
  // Kubernetes fields: the releases that have it ("since 1.33", "up to
  // Kubernetes 1.31 (removed in 1.32)"; "" when every built-in release has
  // it), whether the target's newest release lacks it, and whether the spec
  // calls it deprecated.
  std::string releases;
  bool outside_target = false;
  bool deprecated = false;
};

class EditorTypes {
 public:
  // The checks names are resolved in, tried in order (a feature's: the
  // document's check, then the last one that parsed); called once, when a
  // name is first resolved.
  using ChecksFn = std::function<std::vector<std::shared_ptr<const CheckedDocument>>()>;

  // `catalog`: the document's (FeatureContext::types); default: the
  // workspace's default target.
  explicit EditorTypes(Workspace& workspace, const ExternalTypes* catalog = nullptr, ChecksFn checks = nullptr);

  // A type expression written in `file`, resolved by the compiler in the
  // module a check loaded from `file`'s path. kUnknown where the compiler
  // reports an error.
  LTypeRef Resolve(const ast::TypeExpr& type, const std::shared_ptr<const ParsedFile>& file);
  // A type written as text in `file` (`[apps.Deployment] | null`): parsed,
  // then resolved as Resolve does.
  LTypeRef ResolveText(const std::string& type, const std::shared_ptr<const ParsedFile>& file);
  // A type name as written in an expression or type: `Name` or `alias.Name`.
  LTypeRef Named(const std::shared_ptr<const ParsedFile>& file, std::string_view module_alias, std::string_view name);
  // A type the compiler computed in `checked`, seen from `from` (whose
  // import aliases name Kubernetes types). Null when it is unknown (`any`);
  // an unknown part (`{string: any}`) is `any`.
  LTypeRef Of(const CheckedDocument& checked, const std::shared_ptr<const ParsedFile>& from, const TypeRef& type);
  // A type that names no Mast declaration (a Kubernetes field's closed
  // value set).
  LTypeRef Of(const TypeRef& type);
  // A Kubernetes or CRD type of the catalog, named through `module_alias`.
  LTypeRef External(ExternalTypeId id, std::string module_alias = "");
  // What the compiler could not resolve (kUnknown).
  static LTypeRef Unknown();

  // Strips aliases and a nullable union (`T | null`) down to one type.
  static LTypeRef Unwrap(const LTypeRef& type);
  // True for types whose values are records with known fields.
  bool IsRecord(const LTypeRef& type) const;
  // The fields of the target's newest release; with `every_release`,
  // Kubernetes fields of other releases too, marked `outside_target`
  // (completion shows them marked rather than hiding them).
  std::vector<FieldInfo> Fields(const LTypeRef& type, bool every_release = false);
  // A field of the target, else of another release (marked), so hover
  // explains a field the target lacks.
  std::optional<FieldInfo> Field(const LTypeRef& type, std::string_view name);
  // List item / map value; nullptr otherwise.
  LTypeRef Element(const LTypeRef& type);
  // A map's value type for an arbitrary key (`{string: T}`, k8s maps).
  LTypeRef MapValue(const LTypeRef& type);
  // Literal values the type allows (`"web"`, `"worker"`), for completion.
  std::vector<std::string> LiteralValues(const LTypeRef& type);

  // `int(1..50)`, `"web" | "worker"`, `apps.Deployment`, `[Container]`.
  std::string ToString(const LTypeRef& type);
  // The Kubernetes description of an external type, or "".
  std::string Description(const LTypeRef& type);

  Workspace& workspace() { return workspace_; }
  const ExternalTypes& catalog() const;

 private:
  // Resolves with the compiler in each check that loaded `file`'s path, in
  // order, until one succeeds (`resolve` gets the check's module); then,
  // when none does, the same with `recover` (what broken text needs).
  using ResolveFn = std::function<TypeRef(mast::TypeResolver&, ModuleInfo&)>;
  LTypeRef InChecks(const std::shared_ptr<const ParsedFile>& file, const ResolveFn& resolve,
                    const ResolveFn& recover = nullptr);
  const std::vector<std::shared_ptr<const CheckedDocument>>& Checks();
  // `checked`: the check `type` comes from (its aliases and schemas); null
  // for a type with neither (a Kubernetes field's closed value set).
  LTypeRef View(const CheckedDocument* checked, const std::shared_ptr<const ParsedFile>& from, const TypeRef& type,
                int depth);
  LTypeRef AliasView(const CheckedDocument& checked, const std::shared_ptr<const ParsedFile>& from,
                     const TypeRef& type, int depth);
  LTypeRef SchemaView(const CheckedDocument& checked, const TypeRef& type);
  // The declaration named `name` in the module `checked` loaded from `file`.
  static const ast::Decl* DeclIn(const CheckedDocument& checked, FileId file, const std::string& name);
  std::vector<FieldInfo> SchemaFields(const LType& schema);
  std::string ExternalToString(ExternalTypeId id, int depth);

  Workspace& workspace_;
  const ExternalTypes* catalog_ = nullptr;
  ChecksFn checks_fn_;
  std::optional<std::vector<std::shared_ptr<const CheckedDocument>>> checks_;
  // Checks made for files no given check loaded (by path), kept for the
  // views that point into them.
  std::map<std::string, std::shared_ptr<const CheckedDocument>> own_checks_;
};

// The text at `range` of `source`; "" when the range is not in it.
std::string SourceSlice(const SourceFile& source, SourceRange range);
// Source text of a type expression (`int(1..65535)`).
std::string TypeExprText(const ast::TypeExpr& type, const SourceFile& source);
std::string TypeExprText(const ast::TypeExpr& type, const ParsedFile& file);

// How `from` names the module of a Kubernetes or CRD object type (`apps`);
// "" when no import of the file has it.
std::string ModuleAliasOf(const ExternalTypes& catalog, const ParsedFile& from, ExternalTypeId type);

}  // namespace mast::lsp
