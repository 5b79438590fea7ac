// Evaluation (evaluator_impl.h): the dispatcher, limits and budgets, names
// and globals, fields and indexes. Calls, operators, and strings, records
// and lists are in evaluator_calls.cpp, evaluator_operators.cpp and
// evaluator_collections.cpp.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <set>

#include "compiler/base/spelling.h"
#include "compiler/eval/evaluator_impl.h"
#include "compiler/eval/explain_origin.h"

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

}  // namespace mast
