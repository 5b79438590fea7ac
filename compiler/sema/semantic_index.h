// What checking made of each name in the program: the side table the
// static checker leaves when asked to (CompileOptions::semantic_index), in
// the spirit of Carbon's SemIR index. For every occurrence of a name
// (declarations, uses, parameters, `let` and `for` bindings, import
// aliases, schema fields as record keys and field accesses, type names,
// builtins, and Kubernetes or CRD types and fields) it records the symbol
// the name binds or refers to, where that symbol is declared, and the type
// checking inferred for it. The language server answers navigation from it
// instead of binding the program a second time.
//
// Filling it is optional: the checker records only when given an index, so
// `mast build` pays nothing for it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/source.h"
#include "compiler/types/external_types.h"
#include "compiler/types/types.h"

namespace mast {

enum class SymbolKind : uint8_t {
  kDeclaration,      // a top-level let, param, fn, type or schema
  kImport,           // an import alias
  kParameter,        // a function parameter
  kPolicyParameter,  // `violations(object, context)`
  kLocal,            // `let x = ... in`, a test's `let` step
  kLoopVariable,     // `for x in ...`
  kSchemaField,      // a field of a Mast schema (declared, set as a key, read)
  kBuiltin,          // a built-in function
  kExternalType,     // a Kubernetes or CRD type (`apps.Deployment`, `certs.Certificate`)
  kExternalField,    // a field of a Kubernetes or CRD type
};

struct SemanticSymbol {
  SymbolKind kind = SymbolKind::kDeclaration;
  std::string name;
  // The declaring name; invalid for builtins and external types and fields,
  // which have no Mast source.
  SourceRange definition;
  // kExternalType: the type; kExternalField: the type that has the field.
  ExternalTypeId external = 0;
  // kDeclaration: what is declared; for the editor's wording.
  enum class Declares : uint8_t { kValue, kFunction, kType, kSchema } declares = Declares::kValue;

  // Identity: two occurrences refer to the same thing when their keys are equal.
  bool SameAs(const SemanticSymbol& other) const;
};

struct SemanticEntry {
  SourceRange range;  // the name as written
  SemanticSymbol symbol;
  // The type of the value the name stands for here (a declaration's declared
  // or inferred type, a field's type, the type a type name denotes); null
  // when checking cannot know it.
  TypeRef type;
  bool definition = false;  // the occurrence that declares the symbol
};

// A local binding (a parameter, `let ... in`, a loop variable, a test's
// `let` step, a schema field in the schema's checks, a policy parameter)
// and the text where it is in scope: what completion offers at an offset.
struct SemanticScope {
  SourceRange visible;
  SemanticEntry binding;  // the declaring occurrence, with its type
};

class SemanticIndex {
 public:
  void Add(SemanticEntry entry);
  void AddScope(SemanticScope scope);
  // Sorts the entries by file and position and drops repeats (a name seen
  // twice by the checker); called once checking is done.
  void Finish();

  const std::vector<SemanticEntry>& entries() const { return entries_; }
  // The entry whose name contains `offset` in `file` (end inclusive: a
  // cursor right after a name still finds it).
  const SemanticEntry* At(FileId file, uint32_t offset) const;
  // The entries of one file, in order.
  std::vector<const SemanticEntry*> InFile(FileId file) const;
  // The local bindings in scope at `offset` in `file` (end inclusive), the
  // innermost first; a shadowed name comes after the one that shadows it.
  std::vector<const SemanticScope*> ScopesAt(FileId file, uint32_t offset) const;

 private:
  std::vector<SemanticEntry> entries_;
  std::vector<SemanticScope> scopes_;  // by file and binding after Finish
};

// The range of `name` at the end of a qualified name written at `range`
// (`apps.Deployment`): names are written without space around the dot.
SourceRange LastNameRange(SourceRange range, std::string_view name);

}  // namespace mast
