// Internal to compiler/eval: the evaluator's state, shared by the files that
// implement expressions (evaluator.cpp), conformance as evaluation runs it
// (conform.cpp) and the standard library (builtins.cpp). Type resolution
// and conformance themselves are in sema/.
#pragma once

#include <functional>
#include <initializer_list>
#include <memory>
#include <new>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/base/pointer_map.h"
#include "compiler/base/provenance.h"
#include "compiler/eval/evaluator.h"
#include "compiler/eval/with_merge.h"
#include "compiler/sema/abort.h"
#include "compiler/sema/conform.h"
#include "compiler/sema/messages.h"
#include "compiler/sema/resolve_type.h"

namespace mast {

// Thrown to abandon the current top-level declaration after an error has
// been reported; evaluation continues with the next declaration. The same
// exception as sema's, so that a type error abandons a declaration too.
using EvalAbort = DeclarationAbort;
// Thrown when a limit is hit; evaluation stops.
struct EvalLimitHit {};

struct Builtin;

// The names one scope binds, in order. Most scopes bind one or two (a
// `let`, a `for`, a call of a small function), and those are kept in place:
// entering such a scope allocates nothing. A name may also borrow a value
// that outlives the scope (an element of the list a `for` walks, the object
// a policy checks), which then is not copied.
class ScopeVars {
 public:
  struct Entry {
    std::string_view name;
    const Value* borrowed = nullptr;
    Value owned;
    const Value& value() const { return borrowed ? *borrowed : owned; }
  };

  ScopeVars() {}  // NOLINT: the inline slots stay raw until bound
  ScopeVars(std::initializer_list<std::pair<std::string_view, Value>> entries) {
    for (const auto& [name, value] : entries) emplace_back(name, value);
  }
  ScopeVars(const ScopeVars&) = delete;
  ScopeVars& operator=(const ScopeVars&) = delete;
  ~ScopeVars() {
    for (size_t i = 0; i < size_ && i < kInline; ++i) InlineAt(i).~Entry();
  }

  void reserve(size_t count) {
    if (count > kInline) overflow_.reserve(count - kInline);
  }
  void emplace_back(std::string_view name, Value value) {
    if (size_ < kInline) new (&inline_[size_]) Entry{name, nullptr, std::move(value)};
    else overflow_.push_back(Entry{name, nullptr, std::move(value)});
    ++size_;
  }
  // `value` must outlive the scope. (The entry's own value is constructed
  // empty in place, not moved from a temporary.)
  void Borrow(std::string_view name, const Value& value) {
    if (size_ < kInline) new (&inline_[size_]) Entry{name, &value, Value()};
    else overflow_.push_back(Entry{name, &value, Value()});
    ++size_;
  }
  size_t size() const { return size_; }
  const Entry& operator[](size_t i) const { return i < kInline ? InlineAt(i) : overflow_[i - kInline]; }

 private:
  // The inline slots are raw memory until a name is bound to them: entering
  // a scope (every call, every loop iteration) must not clear three Values
  // it may never use; zeroing them was a third of a function call.
  Entry& InlineAt(size_t i) { return *std::launder(reinterpret_cast<Entry*>(&inline_[i])); }
  const Entry& InlineAt(size_t i) const { return *std::launder(reinterpret_cast<const Entry*>(&inline_[i])); }

  static constexpr size_t kInline = 3;
  struct alignas(Entry) RawEntry {
    unsigned char bytes[sizeof(Entry)];
  };
  RawEntry inline_[kInline];
  std::vector<Entry> overflow_;
  size_t size_ = 0;
};

struct Scope {
  const Scope* parent = nullptr;
  ScopeVars vars;
  // The syntax that binds these names (a `let`, a comprehension, a function
  // or policy declaration, a schema), which fixes which name is in which
  // slot; null for none. A name's hint is trusted when the scope it points
  // at has the same binder.
  const void* binder = nullptr;
  const Value* Find(std::string_view name) const;
  // The same for a name expression: first where its hint points (see
  // ast::Expr::hint_depth), then by search, which renews the hint.
  const Value* Find(const ast::Expr& name) const;
};

class Evaluator;

// Conformance as evaluation runs it (conform.cpp): defaults and checks are
// evaluated, findings are explained by the calls that made the value.
class EvaluatorConformContext final : public ConformContext {
 public:
  EvaluatorConformContext(Evaluator& evaluator, Program& program)
      : ConformContext(program), evaluator_(evaluator) {}
  void CountStep() override;
  bool Keeps(const DiagnosticSink& sink) const override;
  void ExplainValue(Diagnostic& d, const Value& value, const DiagnosticSink& sink) const override;
  void ExplainMissingField(Diagnostic& d, const Value& record, const std::string& field,
                           const DiagnosticSink& sink) const override;
  void ValidatedExternal(const Value& object, const Type& type, DiagnosticSink& sink, size_t found_before) override;
  std::optional<Value> EvaluateDefault(const ast::Expr& value, ModuleInfo& home) override;
  std::optional<Value> EvaluateCheck(const ast::Expr& condition, ModuleInfo& home, const ast::Decl& schema,
                                     const Value& record) override;

 private:
  Evaluator& evaluator_;
};

class Evaluator {
 public:
  Evaluator(Program& program, SourceManager& sources, const EvalLimits& limits, DiagnosticSink& sink)
      : program_(program),
        sources_(sources),
        limits_(limits),
        sink_(sink),
        types_(program, sink, [this](Diagnostic& d) { AddLiveCallSites(d); }),
        conform_context_(*this, program),
        id_(NewId()) {}
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  Value Eval(const ast::Expr& expr, ModuleInfo& module, const Scope* scope);
  Value Global(ModuleInfo& module, std::string_view name, SourceRange use);
  void ApplyParams(const std::vector<ParamOverride>& params);

  // Types (sema/resolve_type.h); an error there carries the calls under way.
  TypeRef ResolveType(const ast::TypeExpr& type, ModuleInfo& module) { return types_.ResolveType(type, module); }
  TypeRef DeclaredType(ModuleInfo& module, const ast::Decl& decl) { return types_.DeclaredType(module, decl); }
  TypeRef TypeOfName(ModuleInfo& module, std::string_view module_alias, std::string_view name, SourceRange range) {
    return types_.TypeOfName(module, module_alias, name, range);
  }

  // Checks `value` against `type`, fills schema defaults and apiVersion/kind,
  // and returns the conformed value. Reports what does not fit
  // (sema/conform.h).
  Value Conform(const Value& value, const Type& type, DiagnosticSink& sink) {
    return mast::Conform(value, type, sink, conform_context_);
  }
  Value Conform(const Value& value, const Type& type) { return Conform(value, type, sink_); }
  bool Fits(const Value& value, const Type& type) { return mast::Fits(value, type, conform_context_); }

  // Builtins (builtins.cpp). FindBuiltin is null if `name` is not a builtin
  // (sema/builtins.h has their names and signatures).
  static const Builtin* FindBuiltin(std::string_view name);
  Value CallBuiltin(const Builtin& builtin, const ast::Expr& call, const std::vector<const Value*>& args,
                    ModuleInfo& module);
  // Builtins whose result is made of parts of their argument (podSpec,
  // containers, ...), so that a remembered result stays right.
  static bool ReturnsPartsOfArgument(const Builtin& builtin);

  [[noreturn]] void Fail(DiagnosticCode code, SourceRange range, std::string message);
  Diagnostic& Report(DiagnosticCode code, SourceRange range, std::string message) {
    return sink_.Report(code, range, std::move(message));
  }
  // Counts one evaluation step; past the limit, reports E0407 and stops.
  void Step() {
    if (++steps_ > limits_.max_steps) StepLimitHit();
  }
  [[noreturn]] void StepLimitHit();
  void ResetSteps() {
    steps_ = 0;
    built_bytes_ = 0;
  }
  // Charges a string of `bytes` (or a list: kValueBytes per item) that an
  // operator or built-in is about to build, before building it: more than
  // EvalLimits::max_output_bytes for the one value is E0407 at `range`;
  // more than max_built_bytes for the whole run is E0407 and stops
  // evaluation. `what` names the result ("the result of `join`").
  void ChargeBytes(uint64_t bytes, SourceRange range, std::string_view what);
  static constexpr uint64_t kValueBytes = sizeof(Value);
  // Adds an emitted document's estimated text to the output budget.
  void ChargeEmitted(const Value& document, SourceRange range);

  SourceRange current_declaration;  // where a step-limit error is reported

  // Calls of functions, and of the builtins that navigate an object, then
  // remember their last arguments and result. The policy linter runs every
  // rule on one object in turn, so its helpers see the same object again
  // and again. Functions are pure; errors are never remembered.
  void set_memoize_calls(bool on) { memoize_calls_ = on; }

  // Whether values remember the calls under way when they were made, so
  // that a finding on one names its call sites (base/provenance.h). On for
  // programs; the policy linter, whose findings are about the objects it
  // reads, turns it off.
  void set_track_calls(bool on) { track_calls_ = on; }
  // The calls under way (kNoProvenance at the top level).
  ProvenanceId calls() const { return call_chain_; }
  ProvenanceTable& provenance() { return sources_.provenance(); }
  // Adds the call sites that led to `d` (at an expression being evaluated,
  // under the calls under way).
  void AddLiveCallSites(Diagnostic& d) const;

  // Whether this very object went through ConformExternal as its resource
  // type (a function returning `apps.Deployment`), so that validating it
  // again when it is emitted would only repeat the same findings. `clean`,
  // when given, tells whether that validation found nothing.
  bool ValidatedAsResource(const Value& object, bool* clean = nullptr) const;

  Program& program() { return program_; }
  SourceManager& sources() { return sources_; }
  const EvalLimits& limits() const { return limits_; }

 private:
  Value EvalName(const ast::Expr& expr, ModuleInfo& module, const Scope* scope);
  Value EvalTypedRecord(const ast::Expr& expr, ModuleInfo& module, const Scope* scope);
  Value EvalIf(const ast::Expr& expr, ModuleInfo& module, const Scope* scope);
  Value EvalLet(const ast::Expr& expr, ModuleInfo& module, const Scope* scope);
  Value EvalField(const ast::Expr& expr, ModuleInfo& module, const Scope* scope);
  // The value a local name, or a chain of present fields of one, already
  // holds; null when `expr` must be evaluated (see EvalField).
  // With `nulls`, a `?.` chain that meets null or a missing field is
  // answered as well (EvalField would only find that again): the null it
  // evaluates to is put in `nulls`, and that is returned.
  const Value* FindInPlace(const ast::Expr& expr, const Scope* scope, Value* nulls = nullptr);
  // Eval, without a copy where FindInPlace finds the value: the result is
  // that value, or `storage` with the evaluated one.
  const Value& EvalRef(const ast::Expr& expr, ModuleInfo& module, const Scope* scope, Value& storage) {
    switch (expr.kind) {
      case ast::ExprKind::kName:
      case ast::ExprKind::kField:
      case ast::ExprKind::kOptionalField:
      case ast::ExprKind::kString:
        if (const Value* found = FindInPlace(expr, scope, &storage)) {
          Step();
          return *found;
        }
        break;
      default: break;  // never in place
    }
    EvalInto(storage, expr, module, scope);
    return storage;
  }
  // Evaluates `expr` straight into `slot`, replacing the value there.
  // (Moving a returned temporary into place copied it field by field, and
  // stalled on reading back what Eval had just written.)
  void EvalInto(Value& slot, const ast::Expr& expr, ModuleInfo& module, const Scope* scope) {
    slot.~Value();
    try {
      new (&slot) Value(Eval(expr, module, scope));
    } catch (...) {
      new (&slot) Value();
      throw;
    }
  }
  Value EvalIndex(const ast::Expr& expr, ModuleInfo& module, const Scope* scope);
  Value EvalCall(const ast::Expr& expr, ModuleInfo& module, const Scope* scope);
  // The last call of a function or builtin, when calls are memoized.
  struct CallMemo {
    std::vector<Value> args;
    Value result;
    SourceRange call;    // the call that computed it
    bool valid = false;  // false until a call completed (or while one runs)
    // Remembering costs a copy of the arguments on every miss. A function
    // that is seldom called with the same arguments twice in a row (a
    // helper on one container or string after another) stops being
    // remembered once it has had kProbeCalls calls or more with fewer than
    // 1 in 8 hits.
    static constexpr uint32_t kProbeCalls = 256;
    uint32_t calls = 0;
    uint32_t hits = 0;
    bool off = false;
  };
  // What a call expression calls: a function declaration or a builtin.
  struct Callee {
    ModuleInfo* module = nullptr;
    const ast::Decl* fn = nullptr;
    const Builtin* builtin = nullptr;
    // The function's parameter and return types, resolved at its first call;
    // null where there is nothing to check (no type, or `any`).
    bool memoizable = false;  // a function, or a builtin that returns parts of its argument
    CallMemo* memo = nullptr;  // its entry in memos_, once looked up
    bool signature_resolved = false;
    std::vector<TypeRef> param_types;
    TypeRef return_type;
    // The calls under way in the last call from here, by the calls of its
    // caller: a call site is called from the same caller again and again.
    ProvenanceId chain_caller = ~ProvenanceId{0};
    ProvenanceId chain = kNoProvenance;
  };
  // The calls under way once `callee` is called at `call`.
  ProvenanceId CallChainOf(Callee& callee, const ast::Expr& call);
  Callee& ResolveCallee(const ast::Expr& call, ModuleInfo& module, const Scope* scope);
  Value CallFunction(Callee& callee, const ast::Expr& call, const std::vector<const Value*>& args);
  // The arguments of one call, by reference: each points at a value found
  // in place (a local, a field of one) or at one evaluated into `owned`.
  struct CallArgs {
    std::vector<const Value*> values;
    std::vector<Value> owned;
  };
  // The arguments of the calls under way, innermost last: a call takes the
  // next frame and gives it back emptied (its vectors keep their room).
  CallArgs& TakeArgs();
  void ReturnArgs();

  Value EvalUnary(const ast::Expr& expr, ModuleInfo& module, const Scope* scope);
  Value EvalBinary(const ast::Expr& expr, ModuleInfo& module, const Scope* scope);
  Value EvalArithmetic(const ast::Expr& expr, const Value& left, const Value& right);
  // `a with b` (with_merge.cpp): records merge key by key, lists with
  // Kubernetes merge keys item by item, other lists are replaced.
  Value EvalWith(const ast::Expr& expr, const Value& left, const Value& right, ModuleInfo& module,
                 const Scope* scope);
  // What the value of `expr` is known to be without looking at it: the type
  // of a typed record, of a name declared with a type, of a call of a
  // function with a return type, and fields of those. Unknown otherwise.
  MergeType StaticMergeType(const ast::Expr& expr, ModuleInfo& module, const Scope* scope, int depth = 0);
  MergeType LocalMergeType(const ast::Expr& name, ModuleInfo& module, const Scope* scope);
  MergeType GlobalMergeType(ModuleInfo& module, std::string_view name, int depth);
  Value EvalString(const ast::Expr& expr, ModuleInfo& module, const Scope* scope);
  Value EvalRecord(const ast::Expr& expr, ModuleInfo& module, const Scope* scope);
  void EvalEntries(const std::vector<ast::RecordEntry>& entries, ModuleInfo& module, const Scope* scope,
                   ValueMap& out);
  void AddEntry(ValueMap& out, std::string key, SourceRange key_range, Value value);
  Value EvalList(const ast::Expr& expr, ModuleInfo& module, const Scope* scope);
  // Calls `body` once per element of a comprehension (after its filter);
  // with nested clauses (`for x in xs, y in ys`), once per combination.
  template <typename Body>
  void Iterate(const ast::Comprehension& comprehension, ModuleInfo& module, const Scope* scope, Body body);
  template <typename Body>
  void IterateClause(const ast::Comprehension& clause, ModuleInfo& module, const Scope* scope, Body body);
  void IterateNested(const ast::Comprehension& comprehension, size_t clause, ModuleInfo& module, const Scope* scope,
                     const std::function<void(const Scope*)>& body);
  // Charges one more result of a comprehension that has `built` so far, before
  // it is added: E0407 past the size of one value or the evaluation budget.
  void ChargeComprehensionResult(size_t built, SourceRange range) {
    const uint64_t bytes = (static_cast<uint64_t>(built) + 1) * kValueBytes;
    if (bytes > limits_.max_output_bytes) ChargeBytes(bytes, range, "the comprehension's result");
    ChargeBytes(kValueBytes, range, "the comprehension's result");
  }
  bool ExpectBool(const Value& value, SourceRange range, std::string_view what) {
    if (value.IsBool()) return value.AsBool();
    NotBool(value, range, what);
  }
  [[noreturn]] void NotBool(const Value& value, SourceRange range, std::string_view what);
  std::vector<std::string_view> VisibleNames(ModuleInfo& module, const Scope* scope);

  friend class EvaluatorConformContext;

  Program& program_;
  SourceManager& sources_;
  EvalLimits limits_;  // a copy: policy evaluators outlive the options they were made from
  DiagnosticSink& sink_;
  TypeResolver types_;
  EvaluatorConformContext conform_context_;
  // Each evaluator has its own id, which tags what it caches in syntax tree
  // nodes (ast::Expr::cache): a call's callee, a string literal's value, the
  // global a name reads. The maps below own the first two; a node cached by
  // another evaluator is looked up in them.
  static uint64_t NewId();
  template <typename T>  // T: Callee, or const Value
  T* CachedIn(const ast::Expr& expr) const {
    return expr.cache_owner == id_ ? static_cast<T*>(const_cast<void*>(expr.cache)) : nullptr;
  }
  void CacheIn(const ast::Expr& expr, const void* value) const {
    expr.cache_owner = id_;
    expr.cache = value;
  }
  PointerMap<Callee> callees_;  // call expression -> callee, once resolved
  // String literals without interpolation, built once: comparing a field
  // with "Pod" must not allocate a string each time.
  PointerMap<Value> string_constants_;
  const Value& StringConstant(const ast::Expr& literal);
  // Each frame in its own allocation, so that it stays in place while calls
  // nest deeper (indexing a deque of them divided by its block size on
  // every call).
  std::vector<std::unique_ptr<CallArgs>> arg_frames_;
  size_t args_in_use_ = 0;
  std::unordered_map<const void*, CallMemo> memos_;  // by function declaration or builtin
  bool memoize_calls_ = false;
  // Objects ConformExternal validated as a resource type, by storage; the
  // value is kept so that its storage cannot be reused by another object.
  struct ValidatedResource {
    Value object;
    ExternalTypeId type = 0;
    bool clean = false;  // the validation found nothing
  };
  std::unordered_map<const void*, ValidatedResource> validated_resources_;
  uint64_t steps_ = 0;
  uint64_t built_bytes_ = 0;    // ChargeBytes since the last ResetSteps
  uint64_t emitted_bytes_ = 0;  // ChargeEmitted in this run
  size_t call_depth_ = 0;
  bool track_calls_ = true;
  ProvenanceId call_chain_ = kNoProvenance;  // the calls under way, when tracked
  const uint64_t id_;
};

// Whether `expr` is a field/index chain that contains a `?.` (which then
// short-circuits the whole chain on null).
bool InOptionalChain(const ast::Expr& expr);

}  // namespace mast
