// ObjectReads::Of: the abstract walk over the rules' syntax (see
// object_reads.h). Values are abstracted as the parts of input objects they
// may be (a root object and a path of fields and "any element" steps) plus,
// for records and lists the rules' code builds, what their members may be.
#include <algorithm>
#include <set>

#include "compiler/sema/program.h"
#include "policies/object_reads.h"
#include "policies/suppressions.h"

namespace mast {
namespace {

struct Step {
  bool any = false;  // any element of a list, or any entry of a record
  std::string name;
  friend bool operator==(const Step&, const Step&) = default;
};
using Path = std::vector<Step>;

struct Ref {
  uint32_t root = 0;  // 0: the rule's own object; else a lookup's objects (ReadsAnalysis::roots_)
  Path path;
  friend bool operator==(const Ref&, const Ref&) = default;
};

struct Abs {
  std::vector<Ref> refs;             // parts of objects this value may be
  std::shared_ptr<const Abs> inner;  // what the members of a record or list the code built may be
  bool list = false;                 // certainly a list
  bool context = false;              // the rule's `context`
  bool objects = false;              // `context.objects`
  bool strings_known = false;        // the value is one of `strings` (constants)
  std::vector<std::string> strings;
};

Abs Strings(std::vector<std::string> strings) {
  Abs out;
  out.strings_known = true;
  out.strings = std::move(strings);
  return out;
}

Abs ListOf(Abs members) {
  Abs out;
  out.list = true;
  out.inner = std::make_shared<const Abs>(std::move(members));
  return out;
}

void AddRef(std::vector<Ref>& refs, Ref ref) {
  if (std::find(refs.begin(), refs.end(), ref) == refs.end()) refs.push_back(std::move(ref));
}

Abs Union(const Abs& a, const Abs& b) {
  Abs out = a;
  for (const Ref& ref : b.refs) AddRef(out.refs, ref);
  if (a.inner && b.inner) out.inner = std::make_shared<const Abs>(Union(*a.inner, *b.inner));
  else if (b.inner) out.inner = b.inner;
  out.list = a.list && b.list;
  out.context = a.context || b.context;
  out.objects = a.objects || b.objects;
  out.strings_known = a.strings_known && b.strings_known;
  if (out.strings_known) out.strings.insert(out.strings.end(), b.strings.begin(), b.strings.end());
  else out.strings.clear();
  return out;
}

bool IsAnyType(const ast::TypeExpr* type) {
  return type == nullptr || (type->kind == ast::TypeExpr::Kind::kNamed && type->module.empty() && type->name == "any");
}

bool InOptionalChain(const ast::Expr& expr) {
  for (const ast::Expr* e = &expr; e; e = e->left.get()) {
    if (e->kind == ast::ExprKind::kOptionalField) return true;
    if (e->kind != ast::ExprKind::kField && e->kind != ast::ExprKind::kIndex) return false;
  }
  return false;
}

bool IsScalarLiteral(const ast::Expr& expr) {
  switch (expr.kind) {
    case ast::ExprKind::kNull:
    case ast::ExprKind::kBool:
    case ast::ExprKind::kInt:
    case ast::ExprKind::kFloat: return true;
    case ast::ExprKind::kString: return expr.parts.size() <= 1 && (expr.parts.empty() || !expr.parts[0].expr);
    default: return false;
  }
}

// The kinds that have a pod template (PodTemplate in builtins_k8s.cpp).
const std::vector<std::string>& WorkloadKinds() {
  static const std::vector<std::string> kinds = {"Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet",
                                                 "Job", "ReplicationController", "CronJob", "PodTemplate"};
  return kinds;
}

struct GiveUp {};  // the analysis cannot tell what a rule reads

// A part of the syntax that must be there (error recovery may leave it out).
const ast::Expr& Need(const ast::ExprPtr& expr) {
  if (!expr) throw GiveUp{};
  return *expr;
}

}  // namespace

class ReadsAnalysis {
 public:
  explicit ReadsAnalysis(ObjectReads& out) : out_(out) {}

  void Rule(const PolicyDefinition& rule, FieldDemand& own) {
    own_ = &own;
    const ast::Decl& decl = *rule.decl;
    frame_base_ = env_.size();
    Abs object;
    object.refs.push_back({0, {}});
    env_.emplace_back(decl.params[0].name, object);
    if (decl.params.size() > 1) {
      Abs context;
      context.context = true;
      env_.emplace_back(decl.params[1].name, context);
    }
    Whole(Eval(Need(decl.value), *rule.module));
    env_.clear();
  }

 private:
  enum class Mode { kPresent, kKeys, kWhole, kAnchor };

  // ---- demands
  void Demand(const Ref& ref, Mode mode) {
    std::vector<FieldDemand*> bases;
    if (ref.root == 0) {
      bases.push_back(own_);
    } else if (roots_[ref.root - 1].empty()) {
      bases.push_back(&out_.of_looked_up_[""]);
    } else {
      for (const std::string& kind : roots_[ref.root - 1]) bases.push_back(&out_.of_looked_up_[kind]);
    }
    for (FieldDemand* node : bases) {
      for (const Step& step : ref.path) {
        if (node->whole) break;
        if (step.any) {
          node->all_entries = true;
          if (!node->each) node->each = std::make_unique<FieldDemand>();
          node = node->each.get();
        } else {
          node = &node->fields[step.name];
        }
      }
      if (mode == Mode::kWhole) node->whole = true;
      if (mode == Mode::kKeys) node->all_entries = true;
      if (mode == Mode::kAnchor) node->anchor = true;
    }
  }
  void DemandAll(const Abs& value, Mode mode) {
    if (value.context || value.objects) throw GiveUp{};
    for (const Ref& ref : value.refs) Demand(ref, mode);
  }
  void Present(const Abs& value) { DemandAll(value, Mode::kPresent); }
  void Keys(const Abs& value) { DemandAll(value, Mode::kKeys); }
  void Whole(const Abs& value) {
    DemandAll(value, Mode::kWhole);
    if (value.inner) Whole(*value.inner);
  }
  void DemandPath(uint32_t root, std::string_view dotted, Mode mode) {
    Ref ref{root, {}};
    while (!dotted.empty()) {
      size_t dot = dotted.find('.');
      ref.path.push_back({false, std::string(dotted.substr(0, dot))});
      dotted = dot == std::string_view::npos ? std::string_view() : dotted.substr(dot + 1);
    }
    Demand(ref, mode);
  }

  // ---- navigation
  static Abs Field(const Abs& value, const std::string& name) {
    if (value.objects) throw GiveUp{};
    Abs out;
    if (value.context) {
      if (name == "objects") out.objects = true;
      else if (name != "params") throw GiveUp{};
      return out;
    }
    for (const Ref& ref : value.refs) {
      Ref field = ref;
      field.path.push_back({false, name});
      out.refs.push_back(std::move(field));
    }
    return value.inner ? Union(out, *value.inner) : out;
  }
  // Every element of a list, or value of a record.
  static Abs Each(const Abs& value) {
    if (value.context || value.objects) throw GiveUp{};
    Abs out;
    for (const Ref& ref : value.refs) {
      Ref element = ref;
      element.path.push_back({true, {}});
      out.refs.push_back(std::move(element));
    }
    return value.inner ? Union(out, *value.inner) : out;
  }
  uint32_t Root(std::vector<std::string> kinds) {
    std::sort(kinds.begin(), kinds.end());
    kinds.erase(std::unique(kinds.begin(), kinds.end()), kinds.end());
    auto it = std::find(roots_.begin(), roots_.end(), kinds);
    if (it == roots_.end()) it = roots_.insert(roots_.end(), std::move(kinds));
    return static_cast<uint32_t>(it - roots_.begin()) + 1;
  }
  static Abs ObjectsOf(uint32_t root) {
    Abs object;
    object.refs.push_back({root, {}});
    return ListOf(std::move(object));
  }

  // ---- expressions
  Abs Eval(const ast::Expr& expr, ModuleInfo& module);
  Abs EvalField(const ast::Expr& expr, ModuleInfo& module);
  Abs EvalBinary(const ast::Expr& expr, ModuleInfo& module);
  Abs EvalList(const ast::Expr& expr, ModuleInfo& module);
  Abs EvalRecord(const std::vector<ast::RecordEntry>& entries, ModuleInfo& module);
  // Binds a comprehension's variables (popped by the caller) and walks its filters.
  void Bind(const ast::Comprehension& comprehension, ModuleInfo& module);
  void BindClause(const ast::Comprehension& clause, ModuleInfo& module);
  Abs Call(const ast::Expr& expr, ModuleInfo& module);
  Abs CallFunction(const ast::Decl& fn, ModuleInfo& module, std::vector<Abs> args);
  Abs CallBuiltin(const std::string& name, std::vector<Abs> args);
  Abs Lookup(const std::string& name, std::vector<Abs>& args);
  Abs Navigate(const std::string& name, std::vector<Abs>& args);
  const Abs* Local(const std::string& name) const {
    for (size_t i = env_.size(); i > frame_base_; --i) {
      if (env_[i - 1].first == name) return &env_[i - 1].second;
    }
    return nullptr;
  }

  ObjectReads& out_;
  FieldDemand* own_ = nullptr;
  std::vector<std::vector<std::string>> roots_;  // the kinds of each lookup's objects (empty: any)
  std::vector<std::pair<std::string, Abs>> env_;
  size_t frame_base_ = 0;
  std::vector<const ast::Decl*> calls_;  // the functions being walked
  size_t steps_ = 0;
};

Abs ReadsAnalysis::Eval(const ast::Expr& expr, ModuleInfo& module) {
  constexpr size_t kMaxSteps = 2'000'000;
  if (++steps_ > kMaxSteps) throw GiveUp{};
  switch (expr.kind) {
    case ast::ExprKind::kNull:
    case ast::ExprKind::kBool:
    case ast::ExprKind::kInt:
    case ast::ExprKind::kFloat: return Abs{};
    case ast::ExprKind::kString: {
      if (IsScalarLiteral(expr)) return Strings({expr.parts.empty() ? std::string() : expr.parts[0].text});
      for (const ast::StringPart& part : expr.parts) {
        if (part.expr) Whole(Eval(Need(part.expr), module));
      }
      return Abs{};
    }
    case ast::ExprKind::kName: {
      if (const Abs* local = Local(expr.name)) return *local;
      return Abs{};  // a global: no part of an object
    }
    case ast::ExprKind::kRecord: return EvalRecord(expr.entries, module);
    case ast::ExprKind::kTypedRecord: {
      Whole(EvalRecord(expr.entries, module));  // conformed to its type, field by field
      return Abs{};
    }
    case ast::ExprKind::kList: return EvalList(expr, module);
    case ast::ExprKind::kField:
    case ast::ExprKind::kOptionalField: return EvalField(expr, module);
    case ast::ExprKind::kIndex: {
      Abs object = Eval(Need(expr.left), module);
      Abs index = Eval(Need(expr.right), module);
      Whole(index);
      if (!InOptionalChain(expr)) Keys(object);  // a missing key's error names the keys there are
      if (!index.strings_known) return Each(object);
      Abs out;
      for (const std::string& key : index.strings) out = Union(out, Field(object, key));
      return out;
    }
    case ast::ExprKind::kCall: return Call(expr, module);
    case ast::ExprKind::kUnary: Whole(Eval(Need(expr.left), module)); return Abs{};
    case ast::ExprKind::kBinary: return EvalBinary(expr, module);
    case ast::ExprKind::kIf: {
      Whole(Eval(Need(expr.left), module));
      return Union(Eval(Need(expr.right), module), Eval(Need(expr.third), module));
    }
    case ast::ExprKind::kLet: {
      Abs value = Eval(Need(expr.right), module);
      if (expr.type && !IsAnyType(expr.type.get())) Whole(value);  // conformed to the annotation
      env_.emplace_back(expr.name, std::move(value));
      Abs body = Eval(Need(expr.third), module);
      env_.pop_back();
      return body;
    }
    case ast::ExprKind::kError: break;
  }
  throw GiveUp{};
}

Abs ReadsAnalysis::EvalField(const ast::Expr& expr, ModuleInfo& module) {
  const ast::Expr& object_expr = Need(expr.left);
  // `alias.member` of an imported module: a global.
  if (object_expr.kind == ast::ExprKind::kName && module.imports.count(object_expr.name) &&
      !Local(object_expr.name) && !module.decls.count(object_expr.name)) {
    return Abs{};
  }
  Abs object = Eval(object_expr, module);
  const bool optional = expr.kind == ast::ExprKind::kOptionalField || InOptionalChain(object_expr);
  if (!optional && !object.context) Keys(object);  // a missing field's error names the fields there are
  return Field(object, expr.name);
}

Abs ReadsAnalysis::EvalBinary(const ast::Expr& expr, ModuleInfo& module) {
  Abs left = Eval(Need(expr.left), module);
  Abs right = Eval(Need(expr.right), module);
  switch (expr.op) {
    case ast::Operator::kEqual:
    case ast::Operator::kNotEqual:
      // A record or list never equals a scalar, and a scalar that is kept is
      // kept whole: comparing with a literal needs only the node.
      if (IsScalarLiteral(Need(expr.left)) || IsScalarLiteral(Need(expr.right))) {
        Present(left);
        Present(right);
      } else {
        Whole(left);
        Whole(right);
      }
      return Abs{};
    case ast::Operator::kCoalesce: Present(left); return Union(left, right);
    case ast::Operator::kAdd:
      if (left.list || right.list) {  // lists joined: their elements
        Present(left);
        Present(right);
        return ListOf(Union(Each(left), Each(right)));
      }
      break;
    default: break;
  }
  Whole(left);
  Whole(right);
  return Abs{};
}

Abs ReadsAnalysis::EvalList(const ast::Expr& expr, ModuleInfo& module) {
  Abs members;
  bool first = true;
  auto add = [&](Abs value) {
    members = first ? std::move(value) : Union(members, value);
    first = false;
  };
  for (const ast::ListItem& item : expr.items) {
    if (!item.comprehension) {
      add(Eval(Need(item.value), module));
      continue;
    }
    const size_t depth = env_.size();
    Bind(*item.comprehension, module);
    add(Eval(Need(item.value), module));
    env_.resize(depth);
  }
  return ListOf(std::move(members));
}

Abs ReadsAnalysis::EvalRecord(const std::vector<ast::RecordEntry>& entries, ModuleInfo& module) {
  Abs members;
  for (const ast::RecordEntry& entry : entries) {
    switch (entry.kind) {
      case ast::RecordEntry::Kind::kField:
        if (entry.key_expr) Whole(Eval(Need(entry.key_expr), module));
        if (entry.value) members = Union(members, Eval(Need(entry.value), module));
        break;
      case ast::RecordEntry::Kind::kIf: {
        Whole(Eval(Need(entry.condition), module));
        Abs then_members = EvalRecord(entry.then_entries, module);
        Abs else_members = EvalRecord(entry.else_entries, module);
        if (then_members.inner) members = Union(members, *then_members.inner);
        if (else_members.inner) members = Union(members, *else_members.inner);
        break;
      }
      case ast::RecordEntry::Kind::kFor: {
        if (!entry.comprehension) throw GiveUp{};
        const size_t depth = env_.size();
        Bind(*entry.comprehension, module);
        if (entry.key_expr) Whole(Eval(Need(entry.key_expr), module));
        if (entry.value) members = Union(members, Eval(Need(entry.value), module));
        env_.resize(depth);
        break;
      }
    }
  }
  Abs out;
  out.inner = std::make_shared<const Abs>(std::move(members));
  return out;
}

void ReadsAnalysis::Bind(const ast::Comprehension& comprehension, ModuleInfo& module) {
  BindClause(comprehension, module);
  for (const ast::Comprehension& nested : comprehension.nested) BindClause(nested, module);
}

void ReadsAnalysis::BindClause(const ast::Comprehension& clause, ModuleInfo& module) {
  Abs iterable = Eval(Need(clause.iterable), module);
  Present(iterable);
  Abs element = Each(iterable);  // every element is visited: all of them are kept
  if (clause.value_var.empty()) {
    env_.emplace_back(clause.key_var, std::move(element));
  } else {
    env_.emplace_back(clause.key_var, Abs{});  // an index, or a key (kept with its entry)
    env_.emplace_back(clause.value_var, std::move(element));
  }
  if (clause.filter) Whole(Eval(*clause.filter, module));
}

Abs ReadsAnalysis::Call(const ast::Expr& expr, ModuleInfo& module) {
  const ast::Expr& callee = Need(expr.left);
  std::vector<Abs> args;
  args.reserve(expr.args.size());
  for (const ast::ExprPtr& arg : expr.args) args.push_back(Eval(Need(arg), module));
  if (callee.kind == ast::ExprKind::kName) {
    if (Local(callee.name)) return Abs{};  // an error: a value is not a function
    auto decl = module.decls.find(callee.name);
    if (decl != module.decls.end()) {
      if (decl->second->kind != ast::Decl::Kind::kFn) return Abs{};  // an error
      return CallFunction(*decl->second, module, std::move(args));
    }
    return CallBuiltin(callee.name, std::move(args));
  }
  if (callee.kind == ast::ExprKind::kField && callee.left && callee.left->kind == ast::ExprKind::kName) {
    auto import = module.imports.find(callee.left->name);
    if (import != module.imports.end() && !import->second.IsExternal()) {
      ModuleInfo& target = *import->second.module;
      auto decl = target.decls.find(callee.name);
      if (decl == target.decls.end() || decl->second->kind != ast::Decl::Kind::kFn) return Abs{};  // an error
      return CallFunction(*decl->second, target, std::move(args));
    }
  }
  throw GiveUp{};
}

Abs ReadsAnalysis::CallFunction(const ast::Decl& fn, ModuleInfo& module, std::vector<Abs> args) {
  constexpr size_t kMaxDepth = 48;
  if (calls_.size() >= kMaxDepth || std::find(calls_.begin(), calls_.end(), &fn) != calls_.end()) throw GiveUp{};
  if (!fn.value || args.size() != fn.params.size()) return Abs{};  // an error
  calls_.push_back(&fn);
  const size_t saved_base = frame_base_;
  const size_t depth = env_.size();
  frame_base_ = depth;  // the body sees its parameters and the globals only
  for (size_t i = 0; i < args.size(); ++i) {
    if (!IsAnyType(fn.params[i].type.get())) Whole(args[i]);  // conformed to the parameter's type
    env_.emplace_back(fn.params[i].name, std::move(args[i]));
  }
  Abs result = Eval(Need(fn.value), module);
  if (!IsAnyType(fn.type.get())) Whole(result);
  env_.resize(depth);
  frame_base_ = saved_base;
  calls_.pop_back();
  return result;
}

Abs ReadsAnalysis::Lookup(const std::string& name, std::vector<Abs>& args) {
  if (!args[0].objects) {
    // A list the rule made: the lookup reads its objects' fields.
    for (Abs& arg : args) Whole(arg);
    return ListOf(Each(args[0]));
  }
  auto kinds_of = [&](const Abs& kind) {
    if (!kind.strings_known) return std::vector<std::string>();  // any kind
    return kind.strings;
  };
  for (size_t i = 1; i < args.size(); ++i) Whole(args[i]);
  if (name == "objectsOfKind") {
    const uint32_t root = Root(kinds_of(args[1]));
    DemandPath(root, "kind", Mode::kWhole);
    return ObjectsOf(root);
  }
  if (name == "objectsWhere") {
    if (!args[2].strings_known) throw GiveUp{};  // the index needs the paths
    const uint32_t root = Root(kinds_of(args[1]));
    DemandPath(root, "kind", Mode::kWhole);
    for (const std::string& path : args[2].strings) {
      DemandPath(root, path, Mode::kWhole);
      for (const std::string& kind : roots_[root - 1].empty() ? std::vector<std::string>{""} : roots_[root - 1]) {
        out_.where_paths_.push_back({kind, path});
      }
    }
    return ObjectsOf(root);
  }
  const uint32_t root = name == "workloadsMatching" ? Root(WorkloadKinds()) : Root(kinds_of(args[1]));
  DemandPath(root, "kind", Mode::kWhole);
  DemandPath(root, "metadata.namespace", Mode::kWhole);
  if (name == "workloadsMatching") {
    // The pod labels, where PodTemplateOf finds them for each kind.
    DemandPath(Root({"Pod"}), "metadata.labels", Mode::kWhole);
    DemandPath(Root({"CronJob"}), "spec.jobTemplate.spec.template.metadata.labels", Mode::kWhole);
    DemandPath(Root({"PodTemplate"}), "template.metadata.labels", Mode::kWhole);
    DemandPath(Root({"Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController"}),
               "spec.template.metadata.labels", Mode::kWhole);
  } else {
    DemandPath(root, "spec.selector", Mode::kWhole);
    DemandPath(root, "spec.podSelector", Mode::kWhole);
  }
  return ObjectsOf(root);
}

// The builtins that return parts of an object (builtins_k8s.cpp).
Abs ReadsAnalysis::Navigate(const std::string& name, std::vector<Abs>& args) {
  const Abs& object = args[0];
  for (const Ref& ref : object.refs) {
    Ref kind = ref;
    kind.path.push_back({false, "kind"});
    Demand(kind, Mode::kWhole);
  }
  auto at = [&](std::initializer_list<const char*> path) {
    Abs out = object;
    out.list = false;
    for (const char* field : path) out = Field(out, field);
    return out;
  };
  Abs pod_template = Union(Union(at({"spec", "template"}), at({"spec", "jobTemplate", "spec", "template"})),
                           at({"template"}));
  if (name == "podTemplate") return Union(pod_template, at({}));
  Abs spec = Union(Field(pod_template, "spec"), at({"spec"}));
  if (name == "podSpec") return spec;
  Abs lists = Field(spec, "containers");
  if (name == "allContainers") lists = Union(Union(lists, Field(spec, "initContainers")), Field(spec, "ephemeralContainers"));
  Present(lists);  // every container is in the result
  return ListOf(Each(lists));
}

Abs ReadsAnalysis::CallBuiltin(const std::string& name, std::vector<Abs> args) {
  if (args.empty()) return Abs{};
  if (name == "objectsOfKind" || name == "objectsWhere" || name == "workloadsMatching" ||
      name == "selectorsMatching") {
    if (args.size() < 2) return Abs{};  // an error
    return Lookup(name, args);
  }
  if (name == "podSpec" || name == "podTemplate" || name == "containers" || name == "allContainers") {
    return Navigate(name, args);
  }
  if (name == "get" && args.size() == 2) {
    Whole(args[1]);
    if (!args[1].strings_known) {
      Keys(args[0]);
      return Each(args[0]);
    }
    Abs out;
    for (const std::string& key : args[1].strings) out = Union(out, Field(args[0], key));
    return out;
  }
  if (name == "typeOf") {
    Present(args[0]);
    return Abs{};
  }
  if (name == "len" || name == "keys") {
    Keys(args[0]);
    return Abs{};
  }
  if (name == "values" || name == "reverse") {
    Keys(args[0]);
    return ListOf(Each(args[0]));
  }
  if (name == "flatten") {
    Keys(args[0]);
    Abs lists = Each(args[0]);
    Keys(lists);
    return ListOf(Each(lists));
  }
  if (name == "violation" && args.size() == 2) {
    DemandAll(args[0], Mode::kAnchor);  // its origin places the finding
    Whole(args[1]);
    Abs out;
    out.inner = std::make_shared<const Abs>(args[1]);
    return out;
  }
  // Any other builtin: it may look at all of its arguments.
  for (const Abs& arg : args) Whole(arg);
  return Abs{};
}

std::optional<ObjectReads> ObjectReads::Of(const std::vector<const PolicyDefinition*>& rules, bool annotations) {
  ObjectReads reads;
  ReadsAnalysis analysis(reads);
  try {
    for (const PolicyDefinition* rule : rules) {
      if (!rule->decl || !rule->module || !rule->decl->value || rule->decl->params.empty()) return std::nullopt;
      RuleReads& own = reads.rules_.emplace_back();
      own.kinds = rule->kinds;
      own.own.At("kind").whole = true;
      own.own.anchor = true;  // a violation given as a string is placed at the object
      if (!rule->namespaces.empty()) own.own.At("metadata.namespace").whole = true;
      if (rule->labels.IsMap()) own.own.At("metadata.labels").whole = true;
      analysis.Rule(*rule, own.own);
    }
  } catch (const GiveUp&) {
    return std::nullopt;
  }
  FieldDemand& any = reads.of_looked_up_[""];
  any.At("kind").whole = true;
  if (annotations) {
    // ReadAnnotationSuppressions: the object's annotation and its pod template's.
    for (std::string_view metadata : {"metadata", "spec.template.metadata", "spec.jobTemplate.spec.template.metadata"}) {
      FieldDemand& annotations_demand = any.At(std::string(metadata) + ".annotations");
      annotations_demand.fields[std::string(kIgnoreAnnotation)].whole = true;
    }
  }
  std::sort(reads.where_paths_.begin(), reads.where_paths_.end());
  reads.where_paths_.erase(std::unique(reads.where_paths_.begin(), reads.where_paths_.end()), reads.where_paths_.end());
  return reads;
}

}  // namespace mast
