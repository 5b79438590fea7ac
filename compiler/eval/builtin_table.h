// Internal to compiler/eval: how built-in functions are written and
// registered. builtins.cpp holds the general library, builtins_k8s.cpp the
// Kubernetes helpers used by policies. Their names, arities and docs are in
// sema/builtins.cpp, where the checker reads them too.
#pragma once

#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/eval/evaluator_impl.h"
#include "compiler/sema/builtins.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace mast {

// A builtin's arguments, read in place.
struct CallArgList {
  const std::vector<const Value*>& values;
  const Value& operator[](size_t i) const { return *values[i]; }
  size_t size() const { return values.size(); }
};

struct CallContext {
  Evaluator& evaluator;
  const ast::Expr& call;
  CallArgList args;
  ModuleInfo& module;

  SourceRange ArgRange(size_t i) const { return i < call.args.size() ? call.args[i]->range : call.range; }
  [[noreturn]] void Fail(size_t i, std::string message) const {
    evaluator.Fail(DiagnosticCode::E0411, ArgRange(i), std::move(message));
  }
  const Value& Arg(size_t i, Value::Kind kind) const {
    const Value& value = args[i];
    bool ok = value.kind() == kind;
    if (!ok) {
      evaluator.Fail(DiagnosticCode::E0301, ArgRange(i),
                     "`" + call.left->name + "` expects " + std::string(KindName(kind)) + " as argument " +
                         std::to_string(i + 1) + ", found " + std::string(KindName(value.kind())));
    }
    return value;
  }
  const std::string& Str(size_t i) const { return Arg(i, Value::Kind::kString).AsString(); }
  const ValueList& List(size_t i) const { return Arg(i, Value::Kind::kList).AsList(); }
  const ValueMap& Map(size_t i) const { return Arg(i, Value::Kind::kMap).AsMap(); }
  int64_t Int(size_t i) const { return Arg(i, Value::Kind::kInt).AsInt(); }
  SourceRange At() const { return call.range; }
  // Before building a result of `bytes` (a string's size, or items times
  // Evaluator::kValueBytes): E0407 at the call past the evaluation limits.
  void Charge(uint64_t bytes) const {
    evaluator.ChargeBytes(bytes, At(), "the result of `" + (call.left ? call.left->name : std::string("call")) + "`");
  }
  void ChargeList(uint64_t items) const { Charge(items * Evaluator::kValueBytes); }
};

using BuiltinFn = std::function<Value(CallContext&)>;

struct Builtin {
  BuiltinSignature signature;
  BuiltinFn fn;
};

class BuiltinTable {
 public:
  // Implements the builtin `name`, whose signature sema/builtins.cpp gives.
  void Add(std::string_view name, BuiltinFn fn) {
    const BuiltinSignature* signature = FindBuiltinSignature(name);
    if (!signature) throw std::logic_error("builtin `" + std::string(name) + "` has no signature in sema/builtins.cpp");
    table_[signature->name] = Builtin{*signature, std::move(fn)};
  }
  const std::map<std::string_view, Builtin, std::less<>>& entries() const { return table_; }

 private:
  std::map<std::string_view, Builtin, std::less<>> table_;
};

void AddGeneralBuiltins(BuiltinTable& table);
void AddTextBuiltins(BuiltinTable& table);  // builtins_text.cpp: format, regexReplace, regexFind, ...

// The compiled RE2 pattern of a string value (cached per thread); check
// `ok()` before use.
const re2::RE2& CompiledPattern(const Value& pattern);
void AddKubernetesBuiltins(BuiltinTable& table);
void AddMergeBuiltins(BuiltinTable& table);  // builtins_merge.cpp: delete, replaceList (for `with`)

}  // namespace mast
