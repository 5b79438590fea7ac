// The Mast syntax tree. Built by the parse adapter (parse.cpp, antlr_*.cpp), read by the
// checker, the evaluator, the formatter and the language server. Every node
// keeps its exact source range; comments are kept in Module::comments.
//
// Nodes are plain structs owned through unique_ptr: programs are small and a
// tree is the shape every consumer walks, so an arena would buy little.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/base/source.h"

namespace mast::ast {

struct Expr;
struct TypeExpr;
using ExprPtr = std::unique_ptr<Expr>;
using TypeExprPtr = std::unique_ptr<TypeExpr>;

struct Number {
  bool is_int = true;
  int64_t int_value = 0;
  double float_value = 0;
  double AsDouble() const { return is_int ? static_cast<double>(int_value) : float_value; }
};

// One argument of a refined type: `1..50`, `len: 1..63`, `matches: "^a$"`.
struct Refinement {
  std::string name;  // "" for the positional range, else "len", "matches", ...
  SourceRange range;
  bool is_range = false;
  std::optional<Number> low;
  std::optional<Number> high;
  std::string text;  // the string argument (a pattern)
};

// One field of an inline record type `{ path: string, port?: int }`.
struct RecordTypeField {
  std::string name;
  SourceRange name_range;
  bool optional = false;
  TypeExprPtr type;
};

struct TypeExpr {
  enum class Kind { kNamed, kStringLiteral, kIntLiteral, kBoolLiteral, kNull, kList, kMap, kUnion, kRecord, kError };
  Kind kind = Kind::kError;
  SourceRange range;
  std::string module;  // "apps" in `apps.Deployment`
  std::string name;    // "int", "WebApp", "Deployment"
  std::vector<Refinement> refinements;
  std::string string_value;
  int64_t int_value = 0;
  bool bool_value = false;
  std::vector<TypeExprPtr> children;  // list: [item]; map: [key, value]; union: members
  std::vector<RecordTypeField> fields;  // kRecord
};

enum class ExprKind : uint8_t {
  kNull, kBool, kInt, kFloat, kString,
  kName,          // a variable, parameter, let, param or fn
  kRecord,        // { ... }
  kTypedRecord,   // WebApp { ... }, apps.Deployment { ... }
  kList,          // [ ... ]
  kField,         // a.b
  kOptionalField, // a?.b
  kIndex,         // a[b]
  kCall,          // f(x), mod.f(x)
  kUnary,         // !a, -a
  kBinary,        // a + b, a ?? b, a with b, ...
  kIf,            // if a then b else c
  kLet,           // let x = a in b
  kError,         // what a syntax error left behind
};

enum class Operator : uint8_t {
  kNot, kNegate,
  kAdd, kSubtract, kMultiply, kDivide, kModulo,
  kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual,
  kAnd, kOr, kCoalesce, kWith,
};
const char* OperatorText(Operator op);

// Literal text or an interpolated expression of a string literal.
struct StringPart {
  std::string text;
  ExprPtr expr;  // set for ${...}
};

struct Comprehension {
  std::string key_var;    // `k` in `for k, v in m`, or the only variable
  SourceRange key_var_range;
  std::string value_var;  // "" when there is one variable
  SourceRange value_var_range;
  ExprPtr iterable;
  ExprPtr filter;  // optional `if`
  // `for x in xs, y in ys`: the clauses after the first, in order; each runs
  // once per element of the one before it and sees its variables. (Nested
  // clauses have no `nested` of their own.)
  std::vector<Comprehension> nested;
};

struct RecordEntry {
  enum class Kind { kField, kIf, kFor };
  Kind kind = Kind::kField;
  SourceRange range;
  // kField: a literal key (`name`, "a.b/c") or a computed key `(expr)`.
  std::string key;
  SourceRange key_range;
  ExprPtr key_expr;  // computed key; also the key of a kFor entry
  ExprPtr value;
  // kIf
  ExprPtr condition;
  std::vector<RecordEntry> then_entries;
  std::vector<RecordEntry> else_entries;
  bool has_else = false;
  // kFor
  std::optional<Comprehension> comprehension;
};

struct ListItem {
  ExprPtr value;
  std::optional<Comprehension> comprehension;  // `for x in xs: value`
  SourceRange range;
};

// The fields the evaluator reads on every visit come first, so that a
// node's first 64 bytes hold what a name, a call, a field access or an
// operator needs: the kind, the operands, and the hint or cache that
// resolves a name or a callee without a lookup. (Nodes are 256 bytes, and
// mimalloc places blocks of that size on cache lines.) The linter walks the
// policies' trees for every object, and each further line a node's visit
// reads is a cache miss for most nodes. ast_codec.cpp checks the size.
struct Expr {
  ExprKind kind = ExprKind::kError;
  Operator op = Operator::kAdd;
  bool bool_value = false;
  SourceRange range;
  // Filled by the evaluator, not part of the encoded tree (so a tree is
  // evaluated by one thread at a time; each compilation and each lint lane
  // decodes its own). A local name: found `hint_depth` scopes out, in slot
  // `hint_slot` of a scope bound by `cache` (cache_owner == kLocalHint).
  // Scopes are lexical, so a scope with that binder there holds the name in
  // that slot again.
  mutable uint16_t hint_depth = 0;
  mutable uint16_t hint_slot = 0;
  SourceRange name_range;
  // Else, tagged with the id of the evaluator that filled it: what a call
  // calls, the value of a string literal without interpolation, or the
  // global a name reads.
  mutable uint64_t cache_owner = 0;
  mutable const void* cache = nullptr;
  static constexpr uint64_t kLocalHint = UINT64_MAX;
  ExprPtr left;   // operand, object, callee, condition
  ExprPtr right;  // second operand, index, then-branch, let value

  ExprPtr third;                     // else-branch, let body
  std::string name;  // kName, kField/kOptionalField member, kTypedRecord type name, kLet variable
  std::vector<ExprPtr> args;         // kCall arguments
  int64_t int_value = 0;
  double float_value = 0;
  std::vector<StringPart> parts;     // kString
  std::vector<RecordEntry> entries;  // kRecord, kTypedRecord
  std::vector<ListItem> items;       // kList
  std::string module;                // kTypedRecord: `apps` in apps.Deployment
  TypeExprPtr type;                  // kLet annotation
};

struct Import {
  std::string path;
  SourceRange path_range;
  std::string alias;
  SourceRange alias_range;
  SourceRange range;
};

struct SchemaField {
  std::string name;
  SourceRange name_range;
  bool optional = false;
  TypeExprPtr type;
  ExprPtr default_value;
  std::string doc;
  SourceRange range;
};

struct SchemaCheck {
  ExprPtr condition;
  std::string message;
  SourceRange message_range;
  SourceRange range;
};

struct Parameter {
  std::string name;
  SourceRange name_range;
  TypeExprPtr type;
};

// One `name: expr` metadata entry of a policy (severity, match, ...).
struct PolicyField {
  std::string name;
  SourceRange name_range;
  ExprPtr value;
};

// One step of a `test` block, run in order by `mast test` (compiler/testing).
struct TestStep {
  enum class Kind { kLet, kAssert, kExpectError, kSnapshot };
  Kind kind = Kind::kAssert;
  SourceRange range;
  std::string name;  // kLet: the variable
  SourceRange name_range;
  TypeExprPtr type;  // kLet: optional annotation
  ExprPtr value;     // kLet: the value; kAssert: the condition
  std::string message;  // kAssert: optional message
  // kExpectError: the codes the program's build must report; kSnapshot: unused.
  std::vector<std::string> codes;
  std::vector<SourceRange> code_ranges;
  std::string program;  // kExpectError, kSnapshot: the .mast file to build, relative to this file
  SourceRange program_range;
  std::string snapshot;  // kSnapshot: the YAML file holding the expected output
  SourceRange snapshot_range;
};

struct Decl {
  enum class Kind { kType, kSchema, kParam, kFn, kLet, kEmit, kPolicy, kTest };
  Kind kind = Kind::kLet;
  SourceRange range;
  std::string name;
  SourceRange name_range;
  std::string doc;  // from `///` comments right above
  TypeExprPtr type;  // alias target, param type, fn return type, let annotation
  std::vector<SchemaField> fields;
  std::vector<SchemaCheck> checks;
  std::vector<Parameter> params;  // fn parameters; a policy's `violations(...)` parameters (untyped)
  ExprPtr value;  // param default, fn body, let value, emit value, policy violations body
  std::vector<PolicyField> policy_fields;  // kPolicy; `name` holds the policy id
  std::vector<TestStep> steps;  // kTest; `name` holds the test's name
  // The declaration did not parse: what is here is what error recovery made
  // of it. Kept for the editor's outline and navigation; checking and
  // evaluation skip it, and uses of its name stay quiet.
  bool has_syntax_error = false;
};

struct Comment {
  SourceRange range;
  bool is_doc = false;
};

struct Module {
  FileId file = kNoFile;
  std::vector<Import> imports;
  std::vector<Decl> decls;
  std::vector<Comment> comments;
};

}  // namespace mast::ast
