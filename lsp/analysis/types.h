// The editor's view of Mast types: enough to answer "what fields does this
// record have", "what type does this field take" and "how do I show this
// type", from syntax trees alone (no evaluation). Resolution follows the
// compiler's rules (compiler/eval/resolve_type.cpp): builtins, aliases,
// schemas, literal unions, lists, maps and Kubernetes types of imported k8s
// modules. Where the compiler would report an error, the result is kUnknown.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/types/external_types.h"
#include "lsp/analysis/workspace.h"

namespace mast::lsp {

struct LType;
using LTypeRef = std::shared_ptr<const LType>;

struct LType {
  enum class Kind { kUnknown, kAny, kNull, kBool, kInt, kFloat, kString, kLiteral, kUnion, kList, kMap, kSchema, kExternal };
  Kind kind = Kind::kUnknown;
  std::string alias;                       // declared alias (`Port`), shown instead of the structure
  std::string written;                     // source text of the type expression, with refinements
  std::string literal;                     // kLiteral: as written (`"web"`, `3`, `true`)
  std::vector<LTypeRef> members;           // kUnion
  LTypeRef element;                        // kList item, kMap value
  std::shared_ptr<const ParsedFile> file;  // the module a schema (or alias) lives in
  const ast::Decl* decl = nullptr;         // kSchema: the schema; aliases: the `type` declaration
  const ast::TypeExpr* record = nullptr;   // kSchema of an inline record type `{ path: string }`
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
  std::string default_text;     // source text of a schema default
  std::shared_ptr<const ParsedFile> file;  // a schema field's file
  const ast::SchemaField* field = nullptr;
  // Kubernetes fields: the releases that have it ("since 1.33", "up to
  // Kubernetes 1.31 (removed in 1.32)"; "" when every built-in release has
  // it), whether the target's newest release lacks it, and whether the spec
  // calls it deprecated.
  std::string releases;
  bool outside_target = false;
  bool deprecated = false;
};

class TypeResolver {
 public:
  // `catalog`: the document's (FeatureContext::catalog); default: the
  // workspace's default target.
  explicit TypeResolver(Workspace& workspace, const ExternalTypes* catalog = nullptr);

  // A type expression written in `file`.
  LTypeRef Resolve(const ast::TypeExpr& type, const std::shared_ptr<const ParsedFile>& file);
  // A type name as written in an expression or type: `Name` or `alias.Name`.
  LTypeRef Named(const std::shared_ptr<const ParsedFile>& file, std::string_view module_alias, std::string_view name);
  LTypeRef External(ExternalTypeId id, std::string module_alias = "");
  LTypeRef Basic(LType::Kind kind);

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
  LTypeRef ResolveIn(const ast::TypeExpr& type, const std::shared_ptr<const ParsedFile>& file, int depth);
  LTypeRef NamedIn(const std::shared_ptr<const ParsedFile>& file, std::string_view module_alias, std::string_view name,
                   int depth);
  std::string ExternalToString(ExternalTypeId id, int depth);

  Workspace& workspace_;
  const ExternalTypes* catalog_ = nullptr;
};

// Source text of a type expression (`int(1..65535)`).
std::string TypeExprText(const ast::TypeExpr& type, const ParsedFile& file);

}  // namespace mast::lsp
