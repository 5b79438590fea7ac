#include "compiler/eval/policy_eval.h"

#include <algorithm>

#include "compiler/base/spelling.h"
#include "compiler/eval/evaluator_impl.h"

namespace mast {
namespace {

std::optional<Severity> ParseSeverity(const std::string& text, bool* off) {
  *off = text == "off";
  if (text == "error") return Severity::kError;
  if (text == "warning" || text == "off") return Severity::kWarning;
  if (text == "info") return Severity::kInfo;
  return std::nullopt;
}

}  // namespace

PolicyEvaluator::PolicyEvaluator(Program& program, SourceManager& sources, const EvalLimits& limits,
                                 DiagnosticSink& sink)
    : evaluator_(std::make_unique<Evaluator>(program, sources, limits, sink)), program_(program), sink_(sink) {
  // Rules run one object at a time, and helpers (`k.describe(object)`,
  // `containers(object)`) see the same object from rule after rule.
  evaluator_->set_memoize_calls(true);
  // Its findings are about the objects it reads, which remember their own.
  evaluator_->set_track_calls(false);
}

PolicyEvaluator::~PolicyEvaluator() = default;

namespace {

// `match: {kinds: [...], namespaces: [...], labels: {...}}`.
template <typename Fail>
void ReadMatch(const Value& value, const ast::PolicyField& field, PolicyDefinition& policy, Fail fail) {
  if (!value.IsMap()) {
    fail(field.value->range, "`match` must be a record with `kinds`, `namespaces` and/or `labels`");
    return;
  }
  auto names = [&](const Value& list, std::string_view what, std::vector<std::string>& out) {
    bool valid = list.IsList();
    for (const Value& item : list.AsList()) {
      valid = valid && item.IsString();
      if (item.IsString()) out.push_back(item.AsString());
    }
    if (!valid) fail(list.origin().IsValid() ? list.origin() : field.value->range,
                     "`match." + std::string(what) + "` must be a list of names");
  };
  for (const MapEntry& entry : value.AsMap()) {
    if (entry.key == "kinds") {
      names(entry.value, "kinds", policy.kinds);
    } else if (entry.key == "namespaces") {
      names(entry.value, "namespaces", policy.namespaces);
    } else if (entry.key == "labels") {
      if (entry.value.IsMap()) policy.labels = entry.value;
      else fail(entry.value.origin().IsValid() ? entry.value.origin() : field.value->range,
                "`match.labels` must be a label selector: a record of labels, or `matchLabels`/`matchExpressions`");
    } else {
      std::string message = "unknown `match` field `" + entry.key + "`; a policy matches on kinds, namespaces and labels";
      if (auto suggestion = ClosestMatch(entry.key, std::vector<std::string_view>{"kinds", "namespaces", "labels"})) {
        message += "; did you mean `" + *suggestion + "`?";
      }
      fail(entry.key_range.IsValid() ? entry.key_range : field.value->range, message);
    }
  }
}

// Whether `expr` uses the name `context` other than as `context.params`
// (conservatively: a local that shadows the name counts as a use).
bool UsesContextBeyondParams(const ast::Expr* expr, const std::string& context);

bool EntriesUseContext(const std::vector<ast::RecordEntry>& entries, const std::string& context) {
  for (const ast::RecordEntry& entry : entries) {
    if (UsesContextBeyondParams(entry.key_expr.get(), context) || UsesContextBeyondParams(entry.value.get(), context) ||
        UsesContextBeyondParams(entry.condition.get(), context) || EntriesUseContext(entry.then_entries, context) ||
        EntriesUseContext(entry.else_entries, context)) {
      return true;
    }
    if (entry.comprehension && (UsesContextBeyondParams(entry.comprehension->iterable.get(), context) ||
                                UsesContextBeyondParams(entry.comprehension->filter.get(), context))) {
      return true;
    }
  }
  return false;
}

bool UsesContextBeyondParams(const ast::Expr* expr, const std::string& context) {
  if (expr == nullptr) return false;
  if (expr->kind == ast::ExprKind::kName) return expr->name == context;
  const bool reads_params = (expr->kind == ast::ExprKind::kField || expr->kind == ast::ExprKind::kOptionalField) &&
                            expr->name == "params" && expr->left && expr->left->kind == ast::ExprKind::kName;
  if (reads_params) return false;  // `context.params`, or a field of another name
  if (UsesContextBeyondParams(expr->left.get(), context) || UsesContextBeyondParams(expr->right.get(), context) ||
      UsesContextBeyondParams(expr->third.get(), context)) {
    return true;
  }
  for (const ast::ExprPtr& arg : expr->args) {
    if (UsesContextBeyondParams(arg.get(), context)) return true;
  }
  for (const ast::StringPart& part : expr->parts) {
    if (UsesContextBeyondParams(part.expr.get(), context)) return true;
  }
  for (const ast::ListItem& item : expr->items) {
    if (UsesContextBeyondParams(item.value.get(), context)) return true;
    if (item.comprehension && (UsesContextBeyondParams(item.comprehension->iterable.get(), context) ||
                               UsesContextBeyondParams(item.comprehension->filter.get(), context))) {
      return true;
    }
  }
  return EntriesUseContext(expr->entries, context);
}

}  // namespace

bool PolicyMatches(const PolicyDefinition& policy, const Value& object) {
  const Value* metadata = object.Find("metadata");
  if (!policy.namespaces.empty()) {
    const Value* ns = metadata ? metadata->Find("namespace") : nullptr;
    std::string_view name = ns && ns->IsString() ? std::string_view(ns->AsString()) : std::string_view("default");
    if (std::find(policy.namespaces.begin(), policy.namespaces.end(), name) == policy.namespaces.end()) return false;
  }
  if (policy.labels.IsMap()) {
    const Value* labels = metadata ? metadata->Find("labels") : nullptr;
    if (!SelectorMatches(policy.labels, labels ? *labels : Value())) return false;
  }
  return true;
}

std::vector<PolicyDefinition> PolicyEvaluator::LoadPolicies() {
  std::vector<PolicyDefinition> out;
  for (auto& module : program_.modules) {
    for (const ast::Decl& decl : module->ast.decls) {
      if (decl.kind != ast::Decl::Kind::kPolicy) continue;
      PolicyDefinition policy;
      policy.id = decl.name;
      policy.id_range = decl.name_range;
      policy.decl = &decl;
      policy.module = module.get();
      bool ok = true;
      auto fail = [&](SourceRange range, std::string message) {
        sink_.Report(DiagnosticCode::E1002, range, std::move(message));
        ok = false;
      };
      if (!decl.value) fail(decl.name_range, "policy \"" + decl.name + "\" has no `violations(object): [...]`");
      if (decl.params.empty() || decl.params.size() > 2) {
        fail(decl.name_range, "`violations` takes the object and, optionally, the context: `violations(object, context)`");
      }
      for (const ast::PolicyField& field : decl.policy_fields) {
        Value value;
        try {
          evaluator_->current_declaration = decl.range;
          value = evaluator_->Eval(*field.value, *module, nullptr);
        } catch (const EvalAbort&) {
          ok = false;
          continue;
        } catch (const EvalLimitHit&) {
          ok = false;
          continue;
        }
        auto text = [&](std::string* target) {
          if (value.IsString()) *target = value.AsString();
          else fail(field.value->range, "policy field `" + field.name + "` must be a string");
        };
        if (field.name == "category") text(&policy.category);
        else if (field.name == "description") text(&policy.description);
        else if (field.name == "remediation") text(&policy.remediation);
        else if (field.name == "rationale") text(&policy.rationale);
        else if (field.name == "severity") {
          bool off = false;
          std::optional<Severity> severity = value.IsString() ? ParseSeverity(value.AsString(), &off) : std::nullopt;
          if (!severity) fail(field.value->range, "`severity` must be \"error\", \"warning\", \"info\" or \"off\"");
          else {
            policy.severity = *severity;
            policy.enabled_by_default = !off;
          }
        } else if (field.name == "kinds") {
          bool valid = value.IsList();
          for (const Value& kind : value.AsList()) {
            valid = valid && kind.IsString();
            if (kind.IsString()) policy.kinds.push_back(kind.AsString());
          }
          if (!valid) fail(field.value->range, "`kinds` must be a list of kind names");
        } else if (field.name == "match") {
          ReadMatch(value, field, policy, fail);
        } else if (field.name == "params") {
          if (value.IsMap()) policy.params = value;
          else fail(field.value->range, "`params` must be a record of default parameters");
        } else if (field.name == "examples") {
          policy.examples = value;
        } else {
          fail(field.name_range, "unknown policy field `" + field.name +
                                     "`; policies have category, severity, description, remediation, rationale, "
                                     "kinds, match, params and examples");
        }
      }
      policy.reads_other_objects =
          decl.params.size() > 1 && UsesContextBeyondParams(decl.value.get(), decl.params[1].name);
      if (policy.description.empty() && ok) fail(decl.name_range, "policy \"" + decl.name + "\" needs a `description`");
      if (ok) out.push_back(std::move(policy));
    }
  }
  return out;
}

std::vector<PolicyViolation> PolicyEvaluator::Run(const PolicyDefinition& policy, const Value& object,
                                                  const Value& context) {
  std::vector<PolicyViolation> out;
  const ast::Decl& decl = *policy.decl;
  Scope scope;
  scope.binder = &decl;
  scope.vars.Borrow(decl.params[0].name, object);
  if (decl.params.size() > 1) scope.vars.Borrow(decl.params[1].name, context);
  evaluator_->current_declaration = decl.name_range;
  evaluator_->ResetSteps();
  try {
    Value result = evaluator_->Eval(*decl.value, *policy.module, &scope);
    if (!result.IsList()) {
      sink_.Report(DiagnosticCode::E1002, decl.value->range,
                   "`violations` must return a list of `violation(at, message)` values, found " +
                       std::string(KindName(result.kind())));
      return out;
    }
    for (const Value& item : result.AsList()) {
      if (item.IsString()) {
        out.push_back({item.AsString(), object.origin()});
      } else if (const Value* message = item.Find("message"); message && message->IsString()) {
        out.push_back({message->AsString(), item.origin()});
      } else if (!item.IsNull()) {
        sink_.Report(DiagnosticCode::E1002, item.origin().IsValid() ? item.origin() : decl.value->range,
                     "a violation must be `violation(at, message)` or a string");
      }
    }
  } catch (const EvalAbort&) {
  } catch (const EvalLimitHit&) {
  }
  return out;
}

}  // namespace mast
