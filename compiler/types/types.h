// Mast's static types. Types are immutable and shared; refinements (ranges,
// lengths, patterns) ride on the base types and are checked against values
// by Conform (sema/conform.h).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/base/source.h"
#include "compiler/syntax/ast.h"
#include "compiler/types/external_types.h"

namespace re2 {
class RE2;
}

namespace mast {

struct Type;
using TypeRef = std::shared_ptr<const Type>;

struct SchemaInfo;

struct NumberRange {
  std::optional<double> low;
  std::optional<double> high;
  SourceRange range;  // where the constraint is written, for labels
};

struct StringConstraints {
  std::optional<NumberRange> length;
  std::shared_ptr<const re2::RE2> pattern;
  std::string pattern_text;
  SourceRange pattern_range;
};

struct Type {
  enum class Kind { kAny, kNull, kBool, kInt, kFloat, kString, kLiteral, kUnion, kList, kMap, kSchema, kExternal };
  Kind kind = Kind::kAny;
  std::string name;  // the alias name it was declared under, for messages
  SourceRange declared_at;
  std::optional<NumberRange> range;      // kInt, kFloat
  std::optional<StringConstraints> text;  // kString
  Value literal;                          // kLiteral
  std::vector<TypeRef> members;           // kUnion
  TypeRef element;                        // kList item, kMap value
  std::shared_ptr<const SchemaInfo> schema;  // kSchema
  ExternalTypeId external = 0;               // kExternal
  const ExternalTypes* catalog = nullptr;    // kExternal
};

struct SchemaFieldInfo {
  std::string name;
  SourceRange name_range;
  TypeRef type;
  bool optional = false;
  const ast::Expr* default_value = nullptr;
  std::string doc;
};

struct SchemaInfo {
  std::string name;
  SourceRange name_range;
  std::string doc;
  std::vector<SchemaFieldInfo> fields;
  const ast::Decl* decl = nullptr;  // for checks
  FileId file = kNoFile;
  const SchemaFieldInfo* Find(std::string_view field) const;
};

TypeRef AnyType();
TypeRef MakeType(Type type);
// "int(1..50)", "\"web\" | \"worker\"", "apps.Deployment", "{string: string}".
std::string TypeToString(const Type& type);
bool IsNullable(const Type& type);

}  // namespace mast
