// Strings with interpolation, records, lists, and the comprehensions that
// build them.
#include "compiler/eval/evaluator_impl.h"

namespace mast {

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
