// Static checks, before anything is evaluated (static_checker.h): the entry
// point, and the checks of each kind of declaration.
#include "compiler/check/static_checker.h"

#include "compiler/check/checker.h"

namespace mast::checker {

TypeRef Basic(Type::Kind kind) {
  Type type;
  type.kind = kind;
  return MakeType(std::move(type));
}

bool IsAny(const TypeRef& type) { return !type || type->kind == Type::Kind::kAny; }

namespace {

constexpr size_t kMaxJoinMembers = 16;  // a wider union says no more than `any`

bool SameType(const Type& a, const Type& b) {
  if (&a == &b) return true;
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Type::Kind::kAny:
    case Type::Kind::kNull:
    case Type::Kind::kBool: return true;
    case Type::Kind::kInt:
    case Type::Kind::kFloat:
    case Type::Kind::kString: return !a.range && !a.text && !b.range && !b.text;
    case Type::Kind::kLiteral: return a.literal.Equals(b.literal);
    case Type::Kind::kList:
    case Type::Kind::kMap: return a.element && b.element && SameType(*a.element, *b.element);
    case Type::Kind::kSchema: return a.schema == b.schema;
    case Type::Kind::kExternal: return a.external == b.external && a.catalog == b.catalog;
    case Type::Kind::kUnion: return false;
  }
  return false;
}

void AddMember(std::vector<TypeRef>& members, const TypeRef& type) {
  if (type->kind == Type::Kind::kUnion) {
    for (const TypeRef& member : type->members) AddMember(members, member);
    return;
  }
  for (const TypeRef& member : members) {
    if (SameType(*member, *type)) return;
  }
  members.push_back(type);
}

}  // namespace

TypeRef Join(const TypeRef& a, const TypeRef& b) {
  if (IsAny(a) || IsAny(b)) return AnyType();
  if (SameType(*a, *b)) return a;
  if (a->kind == b->kind) {
    switch (a->kind) {
      case Type::Kind::kList:
      case Type::Kind::kMap: {
        Type joined;
        joined.kind = a->kind;
        joined.element = Join(a->element, b->element);
        return MakeType(std::move(joined));
      }
      // Refinements of one base type: checking reads the kind only.
      case Type::Kind::kBool:
      case Type::Kind::kInt:
      case Type::Kind::kFloat:
      case Type::Kind::kString: return a;
      default: break;
    }
  }
  Type joined;
  joined.kind = Type::Kind::kUnion;
  AddMember(joined.members, a);
  AddMember(joined.members, b);
  if (joined.members.size() > kMaxJoinMembers) return AnyType();
  return MakeType(std::move(joined));
}

std::optional<Value::Kind> ValueKindOf(const Type& type) {
  switch (type.kind) {
    case Type::Kind::kNull: return Value::Kind::kNull;
    case Type::Kind::kBool: return Value::Kind::kBool;
    case Type::Kind::kInt: return Value::Kind::kInt;
    case Type::Kind::kFloat: return Value::Kind::kFloat;
    case Type::Kind::kString: return Value::Kind::kString;
    case Type::Kind::kLiteral: return type.literal.kind();
    case Type::Kind::kList: return Value::Kind::kList;
    case Type::Kind::kMap:
    case Type::Kind::kSchema: return Value::Kind::kMap;
    default: return std::nullopt;
  }
}

std::string LastSegment(const std::string& name) {
  size_t dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

std::optional<Value> ConstantOf(const ast::Expr& expr) {
  switch (expr.kind) {
    case ast::ExprKind::kNull: return Value::Null(expr.range);
    case ast::ExprKind::kBool: return Value::Bool(expr.bool_value, expr.range);
    case ast::ExprKind::kInt: return Value::Int(expr.int_value, expr.range);
    case ast::ExprKind::kFloat: return Value::Float(expr.float_value, expr.range);
    case ast::ExprKind::kString:
      if (expr.parts.size() == 1 && !expr.parts[0].expr) return Value::String(expr.parts[0].text, expr.range);
      return std::nullopt;
    default: return std::nullopt;
  }
}

void StaticChecker::CheckModule(ModuleInfo& module) {
  module_ = &module;
  IndexImports(module);
  for (const ast::Decl& decl : module.ast.decls) {
    if (decl.has_syntax_error) continue;  // a broken one has its syntax error
    IndexDeclName(decl);
    CheckDecl(decl);
  }
}

TypeRef StaticChecker::Resolve(const ast::TypeExpr* type) {
  if (!type) return AnyType();
  TypeRef resolved;
  try {
    resolved = types_.ResolveType(*type, *module_);
  } catch (const DeclarationAbort&) {
    // Its parts are looked up again for the index without reporting.
    IndexType(*type, index_types_);
    return AnyType();
  }
  IndexType(*type, types_);  // every part is resolved and remembered: no lookup reports
  return resolved;
}

void StaticChecker::CheckDecl(const ast::Decl& decl) {
  switch (decl.kind) {
    case ast::Decl::Kind::kType:
      Resolve(decl.type.get());
      break;
    case ast::Decl::Kind::kSchema: {
      Env fields;
      for (const ast::SchemaField& field : decl.fields) {
        TypeRef type = Resolve(field.type.get());
        if (field.default_value) Check(*field.default_value, type, nullptr);
        fields.vars.push_back(Var{field.name, type, SymbolKind::kSchemaField, field.name_range});
        RecordVar(field.name_range, fields.vars.back(), true);
      }
      // The fields are in scope in the checks (defaults see no fields).
      if (!decl.checks.empty()) {
        SourceRange checks{decl.range.file, decl.checks.front().range.begin, decl.checks.back().range.end};
        for (const Var& field : fields.vars) RecordScope(field, checks);
      }
      for (const ast::SchemaCheck& check : decl.checks) Check(*check.condition, Basic(Type::Kind::kBool), &fields);
      try {
        types_.TypeOfName(*module_, "", decl.name, decl.name_range);
      } catch (const DeclarationAbort&) {
      }
      break;
    }
    case ast::Decl::Kind::kParam:
    case ast::Decl::Kind::kLet:
      if (decl.value) Check(*decl.value, Resolve(decl.type.get()), nullptr);
      break;
    case ast::Decl::Kind::kFn: {
      Env params;
      for (const ast::Parameter& param : decl.params) {
        params.vars.push_back(Var{param.name, Resolve(param.type.get()), SymbolKind::kParameter, param.name_range});
        RecordVar(param.name_range, params.vars.back(), true);
        RecordScope(params.vars.back(), decl.range);
      }
      if (decl.value) Check(*decl.value, Resolve(decl.type.get()), &params);
      break;
    }
    case ast::Decl::Kind::kEmit:
      if (decl.value) Infer(*decl.value, nullptr);
      break;
    case ast::Decl::Kind::kPolicy: {
      for (const ast::PolicyField& field : decl.policy_fields) Infer(*field.value, nullptr);
      Env params;
      for (const ast::Parameter& param : decl.params) {
        params.vars.push_back(Var{param.name, AnyType(), SymbolKind::kPolicyParameter, param.name_range});
        if (Indexing()) Record(param.name_range, VarSymbol(params.vars.back()), nullptr, true);
        RecordScope(params.vars.back(), decl.range);
      }
      if (decl.value) Infer(*decl.value, &params);
      break;
    }
    case ast::Decl::Kind::kTest: {
      // Steps see the lets before them, as nested `let ... in` would.
      Env locals;
      for (const ast::TestStep& step : decl.steps) {
        if (!step.value) continue;
        if (step.kind == ast::TestStep::Kind::kLet) {
          TypeRef type;
          if (step.type) {
            type = Resolve(step.type.get());
            Check(*step.value, type, &locals);
          } else {
            type = Infer(*step.value, &locals);
          }
          locals.vars.push_back(Var{step.name, type, SymbolKind::kLocal, step.name_range});
          RecordVar(step.name_range, locals.vars.back(), true);
          RecordScope(locals.vars.back(), SourceRange{decl.range.file, step.range.end, decl.range.end});
        } else if (step.kind == ast::TestStep::Kind::kAssert) {
          CheckCondition(*step.value, &locals, "an `assert`");
        }
      }
      break;
    }
  }
}

TypeRef StaticChecker::GlobalType(ModuleInfo& module, const ast::Decl& decl) {
  if (decl.kind != ast::Decl::Kind::kLet && decl.kind != ast::Decl::Kind::kParam) return AnyType();
  if (!Inferable(decl)) return AnyType();
  if (decl.type) {
    ModuleInfo* saved = module_;
    module_ = &module;
    TypeRef type = Resolve(decl.type.get());
    module_ = saved;
    return type;
  }
  if (!decl.value || inferring_.count(&decl)) return AnyType();
  auto cached = global_types_.find(&decl);
  if (cached != global_types_.end()) return cached->second;
  inferring_.insert(&decl);
  ModuleInfo* saved = module_;
  module_ = &module;
  TypeRef type = InferQuietly(*decl.value);
  module_ = saved;
  inferring_.erase(&decl);
  global_types_[&decl] = type;
  return type;
}

TypeRef StaticChecker::InferQuietly(const ast::Expr& expr) {
  // Inference of another declaration must not report its errors twice:
  // report nothing for the duration.
  quiet_ = true;
  TypeRef type = Infer(expr, nullptr);
  quiet_ = false;
  return type;
}

Diagnostic* StaticChecker::Report(DiagnosticCode code, SourceRange range, std::string message) {
  if (quiet_) return nullptr;
  return &sink_.Report(code, range, std::move(message));
}

}  // namespace mast::checker

namespace mast {

void CheckProgram(Program& program, DiagnosticSink& sink, SemanticIndex* index) {
  checker::StaticChecker checker(program, sink, index);
  for (auto& module : program.modules) checker.CheckModule(*module);
  if (!index) return;
  // What error recovery left of a broken declaration is indexed with a sink
  // nobody reads: its syntax error is the one finding it has.
  DiagnosticSink muted;
  checker::StaticChecker binder(program, muted, index);
  for (auto& module : program.modules) binder.IndexBrokenDecls(*module);
  index->Finish();
}

}  // namespace mast
