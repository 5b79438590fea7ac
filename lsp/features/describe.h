// Markdown descriptions of symbols, fields, builtins and policy rules,
// shared by hover and completion.
#pragma once

#include <string>

#include "lsp/analysis/checked.h"
#include "lsp/analysis/types.h"
#include "lsp/analysis/workspace.h"

namespace mast::lsp {

// A name the checker recorded in `checked` (a use or declaration in `file`):
// what it refers to and its type (`any` where checking did not know it);
// "" when its declaration is in no file the workspace can parse.
std::string DescribeEntry(EditorTypes& types, const CheckedDocument& checked,
                          const std::shared_ptr<const ParsedFile>& file, const SemanticEntry& entry);
// A top-level declaration of `file`; `type` is the value's type for a `let`
// or `param` (shown when none is written, with "(type inferred)").
std::string DescribeDeclaration(EditorTypes& types, const std::shared_ptr<const ParsedFile>& file,
                                const ast::Decl& decl, const LTypeRef& type);
// A parameter, local or loop variable: `what` says which ("parameter of `f`").
std::string DescribeLocal(EditorTypes& types, const std::string& name, const LTypeRef& type, const std::string& what);
std::string DescribePolicyParameter(const std::string& name);
// A field as declared in `schema` (in `file`).
std::string DescribeSchemaField(EditorTypes& types, const std::shared_ptr<const ParsedFile>& file,
                                const ast::Decl& schema, const ast::SchemaField& field);
// `record` is the record type the field belongs to (for "field of X").
std::string DescribeField(EditorTypes& types, const FieldInfo& field, const LTypeRef& record);
std::string DescribeType(EditorTypes& types, const LTypeRef& type);
std::string DescribeBuiltin(std::string_view name);
std::string DescribeRule(const Workspace::RuleDoc& rule);
// `fn name(a: T): R` from the declaration's source.
std::string FunctionSignature(const ParsedFile& file, const ast::Decl& fn);
// `"k8s/apps/v1"`: what the module is.
std::string DescribeImport(EditorTypes& types, const ParsedFile& file, const ast::Import& import);

}  // namespace mast::lsp
