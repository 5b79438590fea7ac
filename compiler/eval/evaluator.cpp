#include <algorithm>
#include <atomic>
#include <cmath>
#include <set>

#include "base/spelling.h"
#include "eval/evaluator_impl.h"
#include "eval/explain_origin.h"

namespace mast {

const Value* Scope::Find(std::string_view name) const {
  for (const Scope* scope = this; scope; scope = scope->parent) {
    for (size_t i = scope->vars.size(); i-- > 0;) {
      const ScopeVars::Entry& var = scope->vars[i];
      if (var.name == name) return &var.value();
    }
  }
  return nullptr;
}

uint64_t Evaluator::NewId() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

namespace {

// Names are short: compared in place, without a call to memcmp.
bool SameName(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

const Value* Scope::Find(const ast::Expr& expr) const {
  if (expr.cache_owner == ast::Expr::kLocalHint) {
    const Scope* scope = this;
    for (uint16_t hops = expr.hint_depth; scope && hops > 0; --hops) scope = scope->parent;
    if (scope && scope->binder == expr.cache && expr.hint_slot < scope->vars.size()) {
      return &scope->vars[expr.hint_slot].value();
    }
  }
  const std::string_view name = expr.name;
  size_t hops = 0;
  for (const Scope* scope = this; scope; scope = scope->parent, ++hops) {
    for (size_t i = scope->vars.size(); i-- > 0;) {
      const ScopeVars::Entry& var = scope->vars[i];
      if (!SameName(var.name, name)) continue;
      if (scope->binder && hops <= UINT16_MAX && i <= UINT16_MAX) {
        expr.hint_depth = static_cast<uint16_t>(hops);
        expr.hint_slot = static_cast<uint16_t>(i);
        expr.cache_owner = ast::Expr::kLocalHint;
        expr.cache = scope->binder;
      }
      return &var.value();
    }
  }
  return nullptr;
}

bool InOptionalChain(const ast::Expr& expr) {
  for (const ast::Expr* e = &expr; e; e = e->left.get()) {
    if (e->kind == ast::ExprKind::kOptionalField) return true;
    if (e->kind != ast::ExprKind::kField && e->kind != ast::ExprKind::kIndex) return false;
  }
  return false;
}

void Evaluator::Fail(DiagnosticCode code, SourceRange range, std::string message) {
  AddLiveCallSites(sink_.Report(code, range, std::move(message)));
  throw EvalAbort{};
}

void Evaluator::AddLiveCallSites(Diagnostic& d) const { AddCallSites(d, sources_.provenance(), call_chain_, d.range); }

ProvenanceId Evaluator::CallChainOf(Callee& callee, const ast::Expr& call) {
  if (callee.chain_caller != call_chain_) {
    callee.chain = sources_.provenance().Call(call_chain_, call.range, callee.fn->range, callee.fn->name);
    callee.chain_caller = call_chain_;
  }
  return callee.chain;
}

void Evaluator::StepLimitHit() {
  sink_.Report(DiagnosticCode::E0407, current_declaration,
               "evaluation took more than " + std::to_string(limits_.max_steps) +
                   " steps; look for a comprehension over a huge range or runaway recursion");
  throw EvalLimitHit{};
}

void Evaluator::ChargeBytes(uint64_t bytes, SourceRange range, std::string_view what) {
  if (bytes > limits_.max_output_bytes) {
    Fail(DiagnosticCode::E0407, range,
         std::string(what) + " would be " + std::to_string(bytes) + " bytes, more than the limit of " +
             std::to_string(limits_.max_output_bytes) + " bytes for one value; build smaller values");
  }
  built_bytes_ += bytes;
  if (built_bytes_ > limits_.max_built_bytes) {
    Report(DiagnosticCode::E0407, range,
           "evaluation has built more than " + std::to_string(limits_.max_built_bytes) +
               " bytes of strings and lists; " + std::string(what) +
               " went past that budget; look for strings or lists that grow in a loop");
    throw EvalLimitHit{};
  }
}

void Evaluator::ChargeEmitted(const Value& document, SourceRange range) {
  const uint64_t room = limits_.max_emitted_bytes - std::min(emitted_bytes_, limits_.max_emitted_bytes);
  const uint64_t bytes = EstimateTextBytes(document, room);
  emitted_bytes_ += bytes;
  if (bytes > room) {
    Report(DiagnosticCode::E0407, range,
           "the emitted documents would be more than " + std::to_string(limits_.max_emitted_bytes) +
               " bytes of YAML; emit fewer or smaller objects (values that repeat a shared list count every time)");
    throw EvalLimitHit{};
  }
}

void Evaluator::NotBool(const Value& value, SourceRange range, std::string_view what) {
  Fail(DiagnosticCode::E0301, range,
       std::string(what) + " must be a boolean, found " + std::string(KindName(value.kind())));
}

// A dispatcher only: the cases are calls in tail position, so an evaluation
// step costs no stack frame of its own (the cases with locals were a third
// of its instructions when they were written here).
Value Evaluator::Eval(const ast::Expr& expr, ModuleInfo& module, const Scope* scope) {
  Step();
  using K = ast::ExprKind;
  switch (expr.kind) {
    case K::kNull: return Value::Null(expr.range, call_chain_);
    case K::kBool: return Value::Bool(expr.bool_value, expr.range, call_chain_);
    case K::kInt: return Value::Int(expr.int_value, expr.range, call_chain_);
    case K::kFloat: return Value::Float(expr.float_value, expr.range, call_chain_);
    case K::kString: return EvalString(expr, module, scope);
    case K::kName: return EvalName(expr, module, scope);
    case K::kRecord: return EvalRecord(expr, module, scope);
    case K::kTypedRecord: return EvalTypedRecord(expr, module, scope);
    case K::kList: return EvalList(expr, module, scope);
    case K::kField:
    case K::kOptionalField: return EvalField(expr, module, scope);
    case K::kIndex: return EvalIndex(expr, module, scope);
    case K::kCall: return EvalCall(expr, module, scope);
    case K::kUnary: return EvalUnary(expr, module, scope);
    case K::kBinary: return EvalBinary(expr, module, scope);
    case K::kIf: return EvalIf(expr, module, scope);
    case K::kLet: return EvalLet(expr, module, scope);
    case K::kError: break;
  }
  throw EvalAbort{};
}

Value Evaluator::EvalTypedRecord(const ast::Expr& expr, ModuleInfo& module, const Scope* scope) {
  Value record = EvalRecord(expr, module, scope);
  TypeRef type = TypeOfName(module, expr.module, expr.name, expr.name_range);
  if (type->kind != Type::Kind::kSchema && type->kind != Type::Kind::kExternal) {
    Fail(DiagnosticCode::E0301, expr.name_range,
         "`" + expr.name + "` is not a schema or Kubernetes type, so it cannot build a record");
  }
  return Conform(record, *type);
}

Value Evaluator::EvalIf(const ast::Expr& expr, ModuleInfo& module, const Scope* scope) {
  Value storage;
  const Value& condition = EvalRef(*expr.left, module, scope, storage);
  bool taken = ExpectBool(condition, expr.left->range, "the condition of `if`");
  return Eval(taken ? *expr.right : *expr.third, module, scope);
}

Value Evaluator::EvalLet(const ast::Expr& expr, ModuleInfo& module, const Scope* scope) {
  Value bound = Eval(*expr.right, module, scope);
  if (expr.type) bound = Conform(bound, *ResolveType(*expr.type, module));
  Scope inner{scope, {}, &expr};
  inner.vars.emplace_back(expr.name, std::move(bound));
  return Eval(*expr.third, module, &inner);
}

std::vector<std::string_view> Evaluator::VisibleNames(ModuleInfo& module, const Scope* scope) {
  std::vector<std::string_view> names;
  for (const Scope* s = scope; s; s = s->parent) {
    for (size_t i = 0; i < s->vars.size(); ++i) names.push_back(s->vars[i].name);
  }
  for (const auto& [name, decl] : module.decls) names.push_back(name);
  for (const auto& [alias, target] : module.imports) names.push_back(alias);
  for (std::string_view builtin : BuiltinNames()) names.push_back(builtin);
  return names;
}

Value Evaluator::EvalName(const ast::Expr& expr, ModuleInfo& module, const Scope* scope) {
  if (const Value* known = FindInPlace(expr, scope)) return *known;  // a local, or a global used before
  if (module.decls.count(expr.name)) {
    // A global, once evaluated, never changes: each use remembers where it is.
    Value value = Global(module, expr.name, expr.range);
    auto it = module.globals.find(expr.name);
    // (A map node keeps its place; a global once evaluated is never replaced.)
    if (it != module.globals.end() && it->second) CacheIn(expr, &*it->second);
    return value;
  }
  if (module.failed_imports.count(expr.name)) throw EvalAbort{};  // the import's error says why
  std::string message = "`" + expr.name + "` is not defined";
  if (module.imports.count(expr.name)) {
    message = "`" + expr.name + "` is a module; use a member such as `" + expr.name + ".name`";
  } else if (IsBuiltin(expr.name)) {
    message = "`" + expr.name + "` is a built-in function; call it with `" + expr.name + "(...)`";
  } else if (auto suggestion = ClosestMatch(expr.name, VisibleNames(module, scope))) {
    message += "; did you mean `" + *suggestion + "`?";
    Diagnostic& d = Report(DiagnosticCode::E0201, expr.range, message);
    d.fix = Fix{"replace with `" + *suggestion + "`", {{expr.range, *suggestion}}};
    AddLiveCallSites(d);
    throw EvalAbort{};
  }
  Fail(DiagnosticCode::E0201, expr.range, message);
}

Value Evaluator::Global(ModuleInfo& module, std::string_view name, SourceRange use) {
  auto decl_it = module.decls.find(name);
  if (decl_it == module.decls.end()) {
    Fail(DiagnosticCode::E0201, use, "`" + std::string(name) + "` is not defined");
  }
  const ast::Decl& decl = *decl_it->second;
  switch (decl.kind) {
    case ast::Decl::Kind::kFn:
      Fail(DiagnosticCode::E0301, use, "`" + decl.name + "` is a function; call it with `" + decl.name + "(...)`");
    case ast::Decl::Kind::kType:
    case ast::Decl::Kind::kSchema:
      Fail(DiagnosticCode::E0301, use,
           "`" + decl.name + "` is a type; build a value with `" + decl.name + " { ... }`");
    default: break;
  }
  // A declaration that did not parse was reported with its syntax error.
  if (decl.has_syntax_error || module.failed_globals.count(name)) throw EvalAbort{};
  auto it = module.globals.find(name);
  if (it != module.globals.end()) {
    if (!it->second) {
      Fail(DiagnosticCode::E0201, use, "`" + decl.name + "` is defined in terms of itself");
    }
    return *it->second;
  }
  module.globals[decl.name] = std::nullopt;
  // A global belongs to no call, whichever call reads it first.
  struct CallsReset {
    ProvenanceId& calls;
    ProvenanceId saved;
    ~CallsReset() { calls = saved; }
  } reset{call_chain_, call_chain_};
  call_chain_ = kNoProvenance;
  try {
    if (!decl.value) {
      // A param without default and without -D.
      Fail(DiagnosticCode::E0410, decl.name_range,
           "param `" + decl.name + "` has no default and was not set; pass `-D " + decl.name + "=...`");
    }
    Value value = Eval(*decl.value, module, nullptr);
    if (decl.type) value = Conform(value, *DeclaredType(module, decl));
    module.globals[decl.name] = value;
    return value;
  } catch (const EvalAbort&) {
    module.globals.erase(decl.name);
    module.failed_globals.insert(decl.name);
    throw;
  } catch (...) {
    module.globals.erase(decl.name);
    throw;
  }
}

Value Evaluator::EvalField(const ast::Expr& expr, ModuleInfo& module, const Scope* scope) {
  const ast::Expr& object_expr = *expr.left;
  // `alias.member` of an imported Mast module (unless a local or a
  // declaration of the same name hides the module).
  if (object_expr.kind == ast::ExprKind::kName && !module.imports.empty()) {
    auto import = module.imports.find(object_expr.name);
    if (import != module.imports.end() && !(scope && scope->Find(object_expr)) &&
        !module.decls.count(object_expr.name)) {
      if (import->second.IsExternal()) {
        Fail(DiagnosticCode::E0301, expr.range,
             "`" + object_expr.name + "." + expr.name + "` is a Kubernetes type; build a value with `" +
                 object_expr.name + "." + expr.name + " { ... }`");
      }
      ModuleInfo& target = *import->second.module;
      if (!target.decls.count(expr.name)) {
        std::vector<std::string_view> names;
        for (const auto& [name, decl] : target.decls) names.push_back(name);
        std::string message = "module `" + object_expr.name + "` has no member `" + expr.name + "`";
        if (auto suggestion = ClosestMatch(expr.name, names)) message += "; did you mean `" + *suggestion + "`?";
        Fail(DiagnosticCode::E0205, expr.name_range, message);
      }
      return Global(target, expr.name, expr.range);
    }
  }
  // A chain such as `c?.securityContext?.privileged` reads values that
  // already exist: they are found in place rather than copied level by level.
  Value evaluated;
  const Value& object = EvalRef(object_expr, module, scope, evaluated);
  // `a?.b.c` is null when `a` is: `?.` short-circuits the rest of the chain.
  bool optional = expr.kind == ast::ExprKind::kOptionalField || InOptionalChain(object_expr);
  if (object.IsNull()) {
    if (optional) return Value::Null(expr.range, call_chain_);
    Fail(DiagnosticCode::E0409, object_expr.range,
         "cannot read `" + expr.name + "` of null; use `?." + expr.name + "` or `??` to give a default");
  }
  if (!object.IsMap()) {
    Fail(DiagnosticCode::E0301, expr.name_range,
         "cannot read field `" + expr.name + "` of " + WithArticle(KindName(object.kind())));
  }
  if (const Value* field = object.Find(expr.name)) return *field;
  if (optional) return Value::Null(expr.range, call_chain_);
  std::vector<std::string_view> keys;
  for (const MapEntry& entry : object.AsMap()) keys.push_back(entry.key);
  std::string message = "no field `" + expr.name + "` in this record";
  if (auto suggestion = ClosestMatch(expr.name, keys)) {
    message += "; did you mean `" + *suggestion + "`?";
  } else {
    message += "; use `?." + expr.name + "` to read it as null when it is missing";
  }
  Fail(DiagnosticCode::E0403, expr.name_range, message);
}

const Value* Evaluator::FindInPlace(const ast::Expr& expr, const Scope* scope, Value* nulls) {
  switch (expr.kind) {
    case ast::ExprKind::kName: {
      // A name this evaluator read as a global before is one: scopes are
      // lexical, so no local can bind it here.
      if (const Value* global = CachedIn<const Value>(expr)) return global;
      return scope ? scope->Find(expr) : nullptr;
    }
    case ast::ExprKind::kField:
    case ast::ExprKind::kOptionalField: {
      // A present field is found in place. Anything else but a `?.` chain
      // that meets null (an error, a member of an imported module) is left
      // to EvalField, which reports or resolves it.
      const Value* object = FindInPlace(*expr.left, scope, nulls);
      if (!object) return nullptr;
      if (object->IsMap()) {
        if (const Value* field = object->Find(expr.name)) return field;
      } else if (!object->IsNull()) {
        return nullptr;  // not a record: an error
      }
      // A missing field or null: as EvalField evaluates it, if the chain is
      // optional (else EvalField reports it).
      if (!nulls || (expr.kind != ast::ExprKind::kOptionalField && !InOptionalChain(*expr.left))) return nullptr;
      // (No provenance: reading a member here would cost every lookup a
      // saved register, and a null is left out of the output anyway.)
      *nulls = Value::Null(expr.range);
      return nulls;
    }
    case ast::ExprKind::kString:
      return expr.parts.size() == 1 && !expr.parts[0].expr ? &StringConstant(expr) : nullptr;
    default: return nullptr;
  }
}

Value Evaluator::EvalIndex(const ast::Expr& expr, ModuleInfo& module, const Scope* scope) {
  Value object = Eval(*expr.left, module, scope);
  Value index = Eval(*expr.right, module, scope);
  if (object.IsList()) {
    if (!index.IsInt()) {
      Fail(DiagnosticCode::E0301, expr.right->range,
           "a list index must be an integer, found " + std::string(KindName(index.kind())));
    }
    const ValueList& items = object.AsList();
    int64_t i = index.AsInt();
    if (i < 0) i += static_cast<int64_t>(items.size());
    if (i < 0 || i >= static_cast<int64_t>(items.size())) {
      Fail(DiagnosticCode::E0404, expr.right->range,
           "index " + std::to_string(index.AsInt()) + " is outside a list of " + std::to_string(items.size()));
    }
    return items[static_cast<size_t>(i)];
  }
  if (object.IsMap()) {
    if (!index.IsString()) {
      Fail(DiagnosticCode::E0301, expr.right->range,
           "a record key must be a string, found " + std::string(KindName(index.kind())));
    }
    if (const Value* value = object.Find(index.AsString())) return *value;
    std::vector<std::string_view> keys;
    for (const MapEntry& entry : object.AsMap()) keys.push_back(entry.key);
    std::string message = "no key \"" + index.AsString() + "\" in this record";
    if (auto suggestion = ClosestMatch(index.AsString(), keys)) message += "; did you mean \"" + *suggestion + "\"?";
    else message += "; guard the lookup with `contains(record, key)`";
    Fail(DiagnosticCode::E0403, expr.right->range, message);
  }
  if (object.IsString()) {
    Fail(DiagnosticCode::E0301, expr.left->range, "strings cannot be indexed; use `substr(s, start, length)`");
  }
  Fail(DiagnosticCode::E0301, expr.left->range,
       "cannot index a " + std::string(KindName(object.kind())) + "; only lists and records can be indexed");
}

Evaluator::CallArgs& Evaluator::TakeArgs() {
  if (args_in_use_ == arg_frames_.size()) arg_frames_.emplace_back();
  return arg_frames_[args_in_use_++];
}

void Evaluator::ReturnArgs() {
  CallArgs& args = arg_frames_[--args_in_use_];
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
  args.owned.reserve(expr.args.size());
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

Value Evaluator::EvalUnary(const ast::Expr& expr, ModuleInfo& module, const Scope* scope) {
  Value storage;
  const Value& operand = EvalRef(*expr.left, module, scope, storage);
  if (expr.op == ast::Operator::kNot) {
    return Value::Bool(!ExpectBool(operand, expr.left->range, "the operand of `!`"), expr.range, call_chain_);
  }
  if (operand.IsInt()) {
    if (operand.AsInt() == INT64_MIN) Fail(DiagnosticCode::E0412, expr.range, "negation overflows 64 bits");
    return Value::Int(-operand.AsInt(), expr.range, call_chain_);
  }
  if (operand.IsFloat()) return Value::Float(-operand.AsFloat(), expr.range, call_chain_);
  Fail(DiagnosticCode::E0307, expr.left->range,
       "`-` needs a number, found " + std::string(KindName(operand.kind())));
}

namespace {

int CompareValues(const Value& a, const Value& b) {
  if (a.IsString()) return a.AsString().compare(b.AsString());
  double x = a.AsFloat();
  double y = b.AsFloat();
  if (a.IsInt() && b.IsInt()) return a.AsInt() < b.AsInt() ? -1 : a.AsInt() > b.AsInt() ? 1 : 0;
  return x < y ? -1 : x > y ? 1 : 0;
}

}  // namespace

Value Evaluator::EvalBinary(const ast::Expr& expr, ModuleInfo& module, const Scope* scope) {
  using Op = ast::Operator;
  Value left_storage;
  const Value& left = EvalRef(*expr.left, module, scope, left_storage);
  switch (expr.op) {
    case Op::kAnd: {
      if (!ExpectBool(left, expr.left->range, "the left side of `&&`")) {
        return Value::Bool(false, expr.range, call_chain_);
      }
      Value right_storage;
      const Value& right = EvalRef(*expr.right, module, scope, right_storage);
      return Value::Bool(ExpectBool(right, expr.right->range, "the right side of `&&`"), expr.range, call_chain_);
    }
    case Op::kOr: {
      if (ExpectBool(left, expr.left->range, "the left side of `||`")) {
        return Value::Bool(true, expr.range, call_chain_);
      }
      Value right_storage;
      const Value& right = EvalRef(*expr.right, module, scope, right_storage);
      return Value::Bool(ExpectBool(right, expr.right->range, "the right side of `||`"), expr.range, call_chain_);
    }
    case Op::kCoalesce:
      return left.IsNull() ? Eval(*expr.right, module, scope) : left;
    default: break;
  }
  Value right_storage;
  const Value& right = EvalRef(*expr.right, module, scope, right_storage);
  switch (expr.op) {
    case Op::kEqual: return Value::Bool(left.Equals(right), expr.range, call_chain_);
    case Op::kNotEqual: return Value::Bool(!left.Equals(right), expr.range, call_chain_);
    case Op::kWith: {
      if (!left.IsMap() || !right.IsMap()) {
        bool left_bad = !left.IsMap();
        Fail(DiagnosticCode::E0307, (left_bad ? expr.left : expr.right)->range,
             WithNotRecordMessage(left_bad, left_bad ? left.kind() : right.kind()));
      }
      return EvalWith(expr, left, right, module, scope);
    }
    case Op::kLess:
    case Op::kLessEqual:
    case Op::kGreater:
    case Op::kGreaterEqual: {
      bool comparable = (left.IsNumber() && right.IsNumber() && left.kind() == right.kind()) ||
                        (left.IsString() && right.IsString());
      if (!comparable) {
        Fail(DiagnosticCode::E0307, expr.range,
             std::string("`") + ast::OperatorText(expr.op) + "` compares two integers, two floats or two strings, found " +
                 std::string(KindName(left.kind())) + " and " + std::string(KindName(right.kind())));
      }
      int c = CompareValues(left, right);
      bool result = expr.op == Op::kLess ? c < 0 : expr.op == Op::kLessEqual ? c <= 0
                    : expr.op == Op::kGreater ? c > 0 : c >= 0;
      return Value::Bool(result, expr.range, call_chain_);
    }
    default: return EvalArithmetic(expr, left, right);
  }
}

Value Evaluator::EvalArithmetic(const ast::Expr& expr, const Value& left, const Value& right) {
  using Op = ast::Operator;
  if (expr.op == Op::kAdd && left.IsString() && right.IsString()) {
    ChargeBytes(left.AsString().size() + right.AsString().size(), expr.range, "the joined string");
    return Value::String(left.AsString() + right.AsString(), expr.range, call_chain_);
  }
  if (expr.op == Op::kAdd && left.IsList() && right.IsList()) {
    ChargeBytes((left.AsList().size() + right.AsList().size()) * kValueBytes, expr.range, "the joined list");
    ValueList items = left.AsList();
    items.insert(items.end(), right.AsList().begin(), right.AsList().end());
    return Value::List(std::move(items), expr.range, call_chain_);
  }
  if (left.IsInt() && right.IsInt()) {
    int64_t a = left.AsInt();
    int64_t b = right.AsInt();
    int64_t out = 0;
    bool overflow = false;
    switch (expr.op) {
      case Op::kAdd: overflow = __builtin_add_overflow(a, b, &out); break;
      case Op::kSubtract: overflow = __builtin_sub_overflow(a, b, &out); break;
      case Op::kMultiply: overflow = __builtin_mul_overflow(a, b, &out); break;
      case Op::kDivide:
      case Op::kModulo:
        if (b == 0) Fail(DiagnosticCode::E0405, expr.right->range, "division by zero");
        if (a == INT64_MIN && b == -1) overflow = true;
        else out = expr.op == Op::kDivide ? a / b : a % b;
        break;
      default: break;
    }
    if (overflow) Fail(DiagnosticCode::E0412, expr.range, "integer arithmetic overflows 64 bits");
    return Value::Int(out, expr.range, call_chain_);
  }
  if (left.IsFloat() && right.IsFloat()) {
    double a = left.AsFloat();
    double b = right.AsFloat();
    switch (expr.op) {
      case Op::kAdd:
      case Op::kSubtract:
      case Op::kMultiply: {
        double result = expr.op == Op::kAdd ? a + b : expr.op == Op::kSubtract ? a - b : a * b;
        if (!std::isfinite(result)) Fail(DiagnosticCode::E0412, expr.range, "the result is not a finite number");
        return Value::Float(result, expr.range, call_chain_);
      }
      case Op::kDivide:
      case Op::kModulo: {
        if (b == 0) Fail(DiagnosticCode::E0405, expr.right->range, "division by zero");
        double result = expr.op == Op::kDivide ? a / b : std::fmod(a, b);
        if (!std::isfinite(result)) Fail(DiagnosticCode::E0412, expr.range, "the result is not a finite number");
        return Value::Float(result, expr.range, call_chain_);
      }
      default: break;
    }
  }
  std::string hint;
  if (left.IsNumber() && right.IsNumber()) hint = "; numbers are not converted implicitly: use `float(x)` or `int(x)`";
  else if (left.IsString() || right.IsString()) hint = "; use interpolation \"${...}\" to build strings";
  Fail(DiagnosticCode::E0307, expr.range,
       std::string("`") + ast::OperatorText(expr.op) + "` cannot combine " + std::string(KindName(left.kind())) +
           " and " + std::string(KindName(right.kind())) + hint);
}

const Value& Evaluator::StringConstant(const ast::Expr& literal) {
  if (const Value* cached = CachedIn<const Value>(literal)) return *cached;
  const Value* known = string_constants_.Find(&literal);
  if (!known) {
    string_constants_.Insert(&literal, Value::String(literal.parts[0].text, literal.range));
    known = string_constants_.Find(&literal);
  }
  CacheIn(literal, known);
  return *known;
}

Value Evaluator::EvalString(const ast::Expr& expr, ModuleInfo& module, const Scope* scope) {
  if (expr.parts.size() == 1 && !expr.parts[0].expr) return StringConstant(expr);
  // Room for the literal text and a short value per interpolation, so that
  // a message is built with one allocation rather than one per doubling.
  size_t room = 0;
  for (const ast::StringPart& part : expr.parts) room += part.expr ? 16 : part.text.size();
  std::string text;
  text.reserve(room);
  for (const ast::StringPart& part : expr.parts) {
    if (!part.expr) {
      text += part.text;
      continue;
    }
    // Read in place where possible, and strings appended as they are.
    Value storage;
    const Value& value = EvalRef(*part.expr, module, scope, storage);
    if (value.IsList() || value.IsMap()) {
      Fail(DiagnosticCode::E0301, part.expr->range,
           "cannot interpolate a " + std::string(KindName(value.kind())) + "; use `toJson(...)` or `join(...)`");
    }
    if (value.IsString()) text += value.AsString();
    else text += DisplayValue(value, std::string::npos);
    if (text.size() > limits_.max_output_bytes) ChargeBytes(text.size(), expr.range, "the interpolated string");
  }
  ChargeBytes(text.size(), expr.range, "the interpolated string");
  return Value::String(std::move(text), expr.range, call_chain_);
}

void Evaluator::AddEntry(ValueMap& out, std::string key, SourceRange key_range, Value value) {
  for (const MapEntry& existing : out) {
    if (existing.key == key) {
      Diagnostic& d = Report(DiagnosticCode::E0207, key_range, "field `" + key + "` is set twice in this record");
      d.labels.push_back({existing.key_range, "first set here"});
      AddLiveCallSites(d);
      return;
    }
  }
  out.push_back({std::move(key), key_range, std::move(value)});
}

template <typename Body>
void Evaluator::Iterate(const ast::Comprehension& comprehension, ModuleInfo& module, const Scope* scope, Body body) {
  if (comprehension.nested.empty()) {
    IterateClause(comprehension, module, scope, body);
    return;
  }
  IterateNested(comprehension, 0, module, scope, [&](const Scope* inner) { body(inner); });
}

// Clause 0 is `comprehension` itself, clause i its nested[i - 1]; each runs
// once per element of the clauses before it, in their scope.
void Evaluator::IterateNested(const ast::Comprehension& comprehension, size_t clause, ModuleInfo& module,
                              const Scope* scope, const std::function<void(const Scope*)>& body) {
  const ast::Comprehension& current = clause == 0 ? comprehension : comprehension.nested[clause - 1];
  if (clause == comprehension.nested.size()) {
    IterateClause(current, module, scope, body);
    return;
  }
  IterateClause(current, module, scope, [&](const Scope* inner) {
    Step();  // an inner iterable that is empty still costs its evaluation
    IterateNested(comprehension, clause + 1, module, inner, body);
  });
}

template <typename Body>
void Evaluator::IterateClause(const ast::Comprehension& comprehension, ModuleInfo& module, const Scope* scope,
                              Body body) {
  Value storage;  // the elements borrowed below live in it, or in place
  const Value& iterable = EvalRef(*comprehension.iterable, module, scope, storage);
  bool two_vars = !comprehension.value_var.empty();
  // The element is borrowed from `iterable`, which outlives the scope.
  auto visit = [&](Value first, const Value& second) {
    Scope inner{scope, {}, &comprehension};
    if (two_vars) {
      inner.vars.emplace_back(comprehension.key_var, std::move(first));
      inner.vars.Borrow(comprehension.value_var, second);
    } else {
      inner.vars.Borrow(comprehension.key_var, second);
    }
    Value filter_storage;
    if (comprehension.filter &&
        !ExpectBool(EvalRef(*comprehension.filter, module, &inner, filter_storage), comprehension.filter->range,
                    "the `if` filter")) {
      return;
    }
    body(&inner);
  };
  if (iterable.IsList()) {
    const ValueList& items = iterable.AsList();
    for (size_t i = 0; i < items.size(); ++i) {
      visit(Value::Int(static_cast<int64_t>(i), comprehension.iterable->range), items[i]);
    }
  } else if (iterable.IsMap()) {
    for (const MapEntry& entry : iterable.AsMap()) {
      visit(two_vars ? Value::String(entry.key, entry.key_range) : Value(), entry.value);
    }
  } else if (iterable.IsNull()) {
    Fail(DiagnosticCode::E0409, comprehension.iterable->range,
         "cannot iterate over null; use `?? []` to iterate over nothing");
  } else {
    Fail(DiagnosticCode::E0301, comprehension.iterable->range,
         "`for` iterates over a list or a record, found " + std::string(KindName(iterable.kind())));
  }
}

void Evaluator::EvalEntries(const std::vector<ast::RecordEntry>& entries, ModuleInfo& module, const Scope* scope,
                            ValueMap& out) {
  for (const ast::RecordEntry& entry : entries) {
    Step();
    switch (entry.kind) {
      case ast::RecordEntry::Kind::kField: {
        std::string key = entry.key;
        if (entry.key_expr) {
          Value key_value = Eval(*entry.key_expr, module, scope);
          if (!key_value.IsString()) {
            Fail(DiagnosticCode::E0301, entry.key_expr->range,
                 "a record key must be a string, found " + std::string(KindName(key_value.kind())));
          }
          key = key_value.AsString();
        }
        if (!entry.value) break;
        AddEntry(out, std::move(key), entry.key_range, Eval(*entry.value, module, scope));
        break;
      }
      case ast::RecordEntry::Kind::kIf: {
        bool taken = ExpectBool(Eval(*entry.condition, module, scope), entry.condition->range, "the condition of `if`");
        EvalEntries(taken ? entry.then_entries : entry.else_entries, module, scope, out);
        break;
      }
      case ast::RecordEntry::Kind::kFor: {
        Iterate(*entry.comprehension, module, scope, [&](const Scope* inner) {
          ChargeComprehensionResult(out.size(), entry.range);
          Value key = Eval(*entry.key_expr, module, inner);
          if (!key.IsString()) {
            Fail(DiagnosticCode::E0301, entry.key_expr->range,
                 "a record key must be a string, found " + std::string(KindName(key.kind())));
          }
          AddEntry(out, key.AsString(), entry.key_expr->range, Eval(*entry.value, module, inner));
        });
        break;
      }
    }
  }
}

Value Evaluator::EvalRecord(const ast::Expr& expr, ModuleInfo& module, const Scope* scope) {
  ValueMap out;
  out.reserve(expr.entries.size());  // exact unless `if`/`for` entries add or drop some
  EvalEntries(expr.entries, module, scope, out);
  return Value::Map(std::move(out), expr.range, call_chain_);
}

Value Evaluator::EvalList(const ast::Expr& expr, ModuleInfo& module, const Scope* scope) {
  ValueList out;
  // Room for the plain items only: most comprehensions of the linter's
  // rules yield nothing, and an empty list allocates nothing.
  size_t plain = 0;
  for (const ast::ListItem& item : expr.items) plain += item.comprehension ? 0 : 1;
  if (plain > 0) out.reserve(plain);
  for (const ast::ListItem& item : expr.items) {
    if (!item.value) continue;
    if (!item.comprehension) {
      EvalInto(out.emplace_back(), *item.value, module, scope);
      continue;
    }
    Iterate(*item.comprehension, module, scope, [&](const Scope* inner) {
      ChargeComprehensionResult(out.size(), item.range);
      EvalInto(out.emplace_back(), *item.value, module, inner);
    });
  }
  return Value::List(std::move(out), expr.range, call_chain_);
}

}  // namespace mast
