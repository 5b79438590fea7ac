// Calls: resolving what a call expression calls, the arguments, memoized
// calls, and calling a function (checking its parameter and return types).
#include "compiler/base/spelling.h"
#include "compiler/eval/evaluator_impl.h"

namespace mast {

Evaluator::CallArgs& Evaluator::TakeArgs() {
  if (args_in_use_ == arg_frames_.size()) arg_frames_.push_back(std::make_unique<CallArgs>());
  return *arg_frames_[args_in_use_++];
}

void Evaluator::ReturnArgs() {
  CallArgs& args = *arg_frames_[--args_in_use_];
  args.values.clear();
  args.owned.clear();
}

Value Evaluator::EvalCall(const ast::Expr& expr, ModuleInfo& module, const Scope* scope) {
  Callee& callee = ResolveCallee(expr, module, scope);
  if (memoize_calls_ && callee.memo && callee.memo->valid && callee.memo->args.size() == expr.args.size()) {
    // The same arguments as last time, read in place (locals and their
    // fields): the remembered result, without copying the arguments.
    CallMemo& memo = *callee.memo;
    bool same = true;
    for (size_t i = 0; i < expr.args.size() && same; ++i) {
      const Value* in_place = FindInPlace(*expr.args[i], scope);
      same = in_place && in_place->IsSameAs(memo.args[i]);
    }
    if (same) {
      ++memo.calls;
      ++memo.hits;
      return memo.result.origin() == memo.call ? memo.result.WithOrigin(expr.range) : memo.result;
    }
  }
  struct ArgsFrame {
    Evaluator& evaluator;
    CallArgs& args;
    ~ArgsFrame() { evaluator.ReturnArgs(); }
  } frame{*this, TakeArgs()};
  CallArgs& args = frame.args;
  // Arguments found in place are passed by reference (a function borrows
  // them); the others are evaluated into `owned`, which must not move.
  // (A frame keeps its room from earlier calls: reserving again only when it
  // must grow saves a call on every call.)
  if (args.owned.capacity() < expr.args.size()) args.owned.reserve(expr.args.size());
  for (const auto& arg : expr.args) {
    Value& slot = args.owned.emplace_back();
    const Value& value = EvalRef(*arg, module, scope, slot);
    if (&value != &slot) args.owned.pop_back();  // read in place
    args.values.push_back(&value);
  }
  if (memoize_calls_ && callee.memoizable && !callee.memo) {
    // One memo per function or builtin, shared by all its call sites.
    const void* key = callee.fn ? static_cast<const void*>(callee.fn) : static_cast<const void*>(callee.builtin);
    callee.memo = &memos_[key];
  }
  if (!memoize_calls_ || !callee.memoizable || callee.memo->off) {
    if (callee.fn) return CallFunction(callee, expr, args.values);
    return CallBuiltin(*callee.builtin, expr, args.values, module);
  }
  CallMemo& memo = *callee.memo;
  ++memo.calls;
  if (memo.valid && memo.args.size() == args.values.size() &&
      std::equal(args.values.begin(), args.values.end(), memo.args.begin(),
                 [](const Value* a, const Value& b) { return a->IsSameAs(b); })) {
    ++memo.hits;
    // A result that carries its call's range as origin gets this call's.
    return memo.result.origin() == memo.call ? memo.result.WithOrigin(expr.range) : memo.result;
  }
  if (memo.calls >= CallMemo::kProbeCalls && memo.hits < memo.calls / 8) {
    memo.off = true;
    memo.valid = false;
    memo.args = std::vector<Value>();
    memo.result = Value();
    if (callee.fn) return CallFunction(callee, expr, args.values);
    return CallBuiltin(*callee.builtin, expr, args.values, module);
  }
  memo.valid = false;  // until the call returns
  Value result = callee.fn ? CallFunction(callee, expr, args.values)
                           : CallBuiltin(*callee.builtin, expr, args.values, module);
  // The memo keeps copies: they keep alive the storage IsSameAs compares.
  memo.args.clear();
  for (const Value* arg : args.values) memo.args.push_back(*arg);
  memo.result = result;
  memo.call = expr.range;
  memo.valid = true;
  return result;
}

Evaluator::Callee& Evaluator::ResolveCallee(const ast::Expr& expr, ModuleInfo& module, const Scope* scope) {
  if (Callee* cached = CachedIn<Callee>(expr)) return *cached;
  if (Callee* known = callees_.Find(&expr)) {
    CacheIn(expr, known);
    return *known;
  }
  const ast::Expr& callee = *expr.left;
  // A local variable shadows a function of the same name. Scopes are
  // lexical, so a call site that resolved once never meets such a local.
  if (callee.kind == ast::ExprKind::kName && scope && scope->Find(callee.name)) {
    Fail(DiagnosticCode::E0305, callee.range, "`" + callee.name + "` is a value, not a function");
  }
  Callee resolved;
  std::string_view name;
  if (callee.kind == ast::ExprKind::kName) {
    name = callee.name;
    auto decl = module.decls.find(callee.name);
    if (decl != module.decls.end()) {
      if (decl->second->kind != ast::Decl::Kind::kFn) {
        Fail(DiagnosticCode::E0305, callee.range, "`" + callee.name + "` is not a function");
      }
      resolved.module = &module;
      resolved.fn = decl->second;
    }
  } else if (callee.kind == ast::ExprKind::kField && callee.left->kind == ast::ExprKind::kName) {
    auto import = module.imports.find(callee.left->name);
    if (import != module.imports.end() && !import->second.IsExternal()) {
      ModuleInfo* target = import->second.module;
      name = callee.name;
      auto decl = target->decls.find(callee.name);
      if (decl == target->decls.end() || decl->second->kind != ast::Decl::Kind::kFn) {
        std::vector<std::string_view> names;
        for (const auto& [n, d] : target->decls) {
          if (d->kind == ast::Decl::Kind::kFn) names.push_back(n);
        }
        std::string message = "module `" + callee.left->name + "` has no function `" + callee.name + "`";
        if (auto suggestion = ClosestMatch(name, names)) message += "; did you mean `" + *suggestion + "`?";
        Fail(DiagnosticCode::E0205, callee.name_range, message);
      }
      resolved.module = target;
      resolved.fn = decl->second;
    }
  }
  // A function that did not parse was reported with its syntax error.
  if (resolved.fn && resolved.fn->has_syntax_error) throw EvalAbort{};
  if (!resolved.fn && name.empty()) {
    std::string type = CalledTypeName(callee, module);
    if (!type.empty()) {
      Fail(DiagnosticCode::E0305, callee.range,
           type + " is a type, not a function; to check a value against it, give a `let` that type (`let x: " +
               type.substr(1, type.size() - 2) + " = value`), or build one with `" + type.substr(1, type.size() - 2) +
               " { ... }`");
    }
    Fail(DiagnosticCode::E0305, callee.range, "only named functions can be called");
  }
  if (!resolved.fn) resolved.builtin = FindBuiltin(name);
  resolved.memoizable = resolved.fn || (resolved.builtin && ReturnsPartsOfArgument(*resolved.builtin));
  if (!resolved.fn && !resolved.builtin) {
    std::vector<std::string_view> names = VisibleNames(module, scope);
    std::string message = "`" + std::string(name) + "` is not a function";
    if (auto suggestion = ClosestMatch(name, names)) message += "; did you mean `" + *suggestion + "`?";
    Fail(DiagnosticCode::E0201, callee.range, message);
  }
  Callee& inserted = callees_.Insert(&expr, std::move(resolved));
  CacheIn(expr, &inserted);
  return inserted;
}

namespace {

// Whether `value` is of a plain scalar type as it is, so that conforming it
// would return it unchanged (most helpers take and return `bool`, `string`
// or `int`).
bool FitsAsIs(const Value& value, const Type& type) {
  switch (type.kind) {
    case Type::Kind::kBool: return value.IsBool();
    case Type::Kind::kString: return value.IsString() && !type.text;
    case Type::Kind::kInt: return value.IsInt() && !type.range;
    case Type::Kind::kNull: return value.IsNull();
    default: return false;
  }
}

}  // namespace

Value Evaluator::CallFunction(Callee& callee, const ast::Expr& call, const std::vector<const Value*>& args) {
  ModuleInfo& module = *callee.module;
  const ast::Decl& fn = *callee.fn;
  if (args.size() != fn.params.size()) {
    Diagnostic& d = Report(DiagnosticCode::E0304, call.range,
                           "`" + fn.name + "` takes " + std::to_string(fn.params.size()) + " argument" +
                               (fn.params.size() == 1 ? "" : "s") + ", found " + std::to_string(args.size()));
    d.labels.push_back({fn.name_range, "`" + fn.name + "` is declared here"});
    AddLiveCallSites(d);
    throw EvalAbort{};
  }
  if (call_depth_ >= limits_.max_call_depth) {
    AddLiveCallSites(Report(DiagnosticCode::E0406, call.range,
                            "function calls nest deeper than " + std::to_string(limits_.max_call_depth) +
                                " levels; is `" + fn.name + "` recursing without end?"));
    throw EvalLimitHit{};
  }
  if (!callee.signature_resolved) {
    auto checked = [&](const ast::TypeExpr* type) -> TypeRef {
      if (!type) return nullptr;
      TypeRef resolved = ResolveType(*type, module);
      return resolved->kind == Type::Kind::kAny ? nullptr : resolved;
    };
    callee.param_types.clear();
    for (const ast::Parameter& param : fn.params) callee.param_types.push_back(checked(param.type.get()));
    callee.return_type = checked(fn.type.get());
    callee.signature_resolved = true;
  }
  // Parameters borrow their arguments, which outlive the call; one that
  // must be conformed to its type holds the conformed value.
  Scope scope;
  scope.binder = &fn;
  scope.vars.reserve(args.size());
  for (size_t i = 0; i < args.size(); ++i) {
    const TypeRef& type = callee.param_types[i];
    if (type && !FitsAsIs(*args[i], *type)) scope.vars.emplace_back(fn.params[i].name, Conform(*args[i], *type));
    else scope.vars.Borrow(fn.params[i].name, *args[i]);
  }
  ++call_depth_;
  struct CallGuard {
    size_t& depth;
    ProvenanceId& chain;
    ProvenanceId caller;
    ~CallGuard() {
      --depth;
      chain = caller;
    }
  } guard{call_depth_, call_chain_, call_chain_};
  if (track_calls_) call_chain_ = CallChainOf(callee, call);
  Value result = Eval(*fn.value, module, &scope);
  // A value the body returns as written (a string literal, which is shared)
  // was made by this call too.
  if (track_calls_ && result.provenance() == kNoProvenance && fn.range.Contains(result.origin())) {
    result.set_provenance(call_chain_);
  }
  if (callee.return_type && !FitsAsIs(result, *callee.return_type)) result = Conform(result, *callee.return_type);
  return result;
}

}  // namespace mast
