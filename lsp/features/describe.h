// Markdown descriptions of symbols, fields, builtins and policy rules,
// shared by hover and completion.
#pragma once

#include <string>

#include "lsp/analysis/model.h"
#include "lsp/analysis/types.h"
#include "lsp/analysis/workspace.h"

namespace mast::lsp {

std::string DescribeSymbol(FileModel& model, TypeResolver& types, const Symbol& symbol);
// `record` is the record type the field belongs to (for "field of X").
std::string DescribeField(TypeResolver& types, const FieldInfo& field, const LTypeRef& record);
std::string DescribeType(TypeResolver& types, const LTypeRef& type);
std::string DescribeBuiltin(std::string_view name);
std::string DescribeRule(const Workspace::RuleDoc& rule);
// `fn name(a: T): R` from the declaration's source.
std::string FunctionSignature(const ParsedFile& file, const ast::Decl& fn);
// `"k8s/apps/v1"`: what the module is.
std::string DescribeImport(TypeResolver& types, const ParsedFile& file, const ast::Import& import);

}  // namespace mast::lsp
