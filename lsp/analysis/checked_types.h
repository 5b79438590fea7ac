// The compiler's types (compiler/types/types.h), as the editor shows them.
// The checker names Kubernetes types by their full names
// (`io.k8s.api.apps.v1.Deployment`) and floats `float`; the editor writes
// them the way the file does (`apps.Deployment`, through the file's import
// alias) and `number`, and keeps alias names and schema declarations so hover
// can add an alias's definition and a schema's fields. Converting a checked
// type to the editor's LType lets hover print what checking inferred with
// the printer (TypeResolver::ToString) and the descriptions it already has.
#pragma once

#include "compiler/types/types.h"
#include "lsp/analysis/checked.h"
#include "lsp/analysis/types.h"

namespace mast::lsp {

// `type` as the editor's type, seen from `from` (whose import aliases name
// Kubernetes types). Null when checking did not know it (`any`); a part it
// did not know (`{string: any}`) is `any`. A float prints `number`, as the
// compiler's messages write it, also where the source wrote `float`: the
// checked type does not keep the spelling.
LTypeRef EditorTypeOf(TypeResolver& types, const CheckedDocument& checked, const std::shared_ptr<const ParsedFile>& from,
                      const TypeRef& type);

// How `from` names the module of a Kubernetes or CRD object type (`apps`);
// "" when no import of the file has it.
std::string ModuleAliasOf(TypeResolver& types, const ParsedFile& from, ExternalTypeId type);

}  // namespace mast::lsp
