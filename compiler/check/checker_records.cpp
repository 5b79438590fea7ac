// The static checker on record and list literals whose type is known from
// context: against a schema, a Kubernetes object, a map or a list type.
#include "compiler/base/spelling.h"
#include "compiler/check/checker.h"

namespace mast::checker {

void StaticChecker::CheckList(const ast::Expr& expr, const TypeRef& expected, const Env* env) {
  TypeRef element;
  if (expected->kind == Type::Kind::kList) element = expected->element;
  if (expected->kind == Type::Kind::kExternal && program_.external &&
      program_.external->KindOf(expected->external) == ExternalKind::kList) {
    element = External(program_.external->ElementType(expected->external));
  }
  if (!element) {
    Infer(expr, env);
    return;
  }
  for (const ast::ListItem& item : expr.items) {
    if (!item.value) continue;
    if (item.comprehension) {
      std::vector<Env> inner = ComprehensionEnvs(*item.comprehension, env, item.range);
      Check(*item.value, element, &inner.back());
    } else {
      Check(*item.value, element, env);
    }
  }
}

void StaticChecker::CheckRecord(const ast::Expr& expr, const TypeRef& expected, const Env* env) {
  if (expected->kind == Type::Kind::kSchema) {
    CheckSchemaEntries(expr.entries, *expected->schema, env);
    if (!HasDynamicEntries(expr.entries)) ReportMissingSchemaFields(expr, *expected->schema);
    return;
  }
  if (expected->kind == Type::Kind::kMap && expected->element) {
    CheckMapEntries(expr.entries, expected->element, env);
    return;
  }
  if (expected->kind == Type::Kind::kExternal && program_.external) {
    ExternalKind kind = program_.external->KindOf(expected->external);
    if (kind == ExternalKind::kObject) {
      CheckExternalEntries(expr.entries, expected->external, env);
      return;
    }
    if (kind == ExternalKind::kMap) {
      CheckMapEntries(expr.entries, External(program_.external->ElementType(expected->external)), env);
      return;
    }
  }
  InferEntries(expr.entries, env);
}

bool StaticChecker::HasDynamicEntries(const std::vector<ast::RecordEntry>& entries) {
  for (const ast::RecordEntry& entry : entries) {
    if (entry.kind != ast::RecordEntry::Kind::kField || entry.key_expr) return true;
  }
  return false;
}

void StaticChecker::CheckMapEntries(const std::vector<ast::RecordEntry>& entries, const TypeRef& element, const Env* env) {
  for (const ast::RecordEntry& entry : entries) {
    switch (entry.kind) {
      case ast::RecordEntry::Kind::kField:
        if (entry.key_expr) Infer(*entry.key_expr, env);
        if (entry.value) Check(*entry.value, element, env);
        break;
      case ast::RecordEntry::Kind::kIf:
        CheckCondition(*entry.condition, env, "the condition of `if`");
        CheckMapEntries(entry.then_entries, element, env);
        CheckMapEntries(entry.else_entries, element, env);
        break;
      case ast::RecordEntry::Kind::kFor: {
        std::vector<Env> inner = ComprehensionEnvs(*entry.comprehension, env, entry.range);
        Infer(*entry.key_expr, &inner.back());
        if (entry.value) Check(*entry.value, element, &inner.back());
        break;
      }
    }
  }
}

void StaticChecker::CheckSchemaEntries(const std::vector<ast::RecordEntry>& entries, const SchemaInfo& schema, const Env* env) {
  std::vector<std::string_view> names;
  for (const SchemaFieldInfo& field : schema.fields) names.push_back(field.name);
  for (const ast::RecordEntry& entry : entries) {
    if (entry.kind == ast::RecordEntry::Kind::kIf) {
      CheckCondition(*entry.condition, env, "the condition of `if`");
      CheckSchemaEntries(entry.then_entries, schema, env);
      CheckSchemaEntries(entry.else_entries, schema, env);
      continue;
    }
    if (entry.kind == ast::RecordEntry::Kind::kFor || entry.key_expr) {
      InferEntry(entry, env);
      continue;
    }
    const SchemaFieldInfo* field = schema.Find(entry.key);
    if (!field) {
      std::string message = "`" + schema.name + "` has no field `" + entry.key + "`";
      std::optional<std::string> suggestion = ClosestMatch(entry.key, names);
      if (suggestion) message += "; did you mean `" + *suggestion + "`?";
      if (Diagnostic* d = Report(DiagnosticCode::E0302, entry.key_range, message)) {
        d->labels.push_back({schema.name_range, "`" + schema.name + "` is declared here"});
        if (suggestion) d->fix = Fix{"replace with `" + *suggestion + "`", {{entry.key_range, *suggestion}}};
      }
      if (entry.value) Infer(*entry.value, env);
      continue;
    }
    IndexSchemaField(entry.key_range, *field);
    if (entry.value) Check(*entry.value, field->type, env, field->optional || field->default_value);
  }
}

void StaticChecker::ReportMissingSchemaFields(const ast::Expr& expr, const SchemaInfo& schema) {
  for (const SchemaFieldInfo& field : schema.fields) {
    if (field.optional || field.default_value || IsNullable(*field.type)) continue;
    bool present = false;
    for (const ast::RecordEntry& entry : expr.entries) present = present || entry.key == field.name;
    if (present) continue;
    if (Diagnostic* d = Report(DiagnosticCode::E0303, expr.range,
                               "missing required field `" + field.name + "` of `" + schema.name + "`")) {
      d->labels.push_back({field.name_range, "`" + field.name + "` is declared here"});
    }
  }
}

void StaticChecker::CheckExternalEntries(const std::vector<ast::RecordEntry>& entries, ExternalTypeId type, const Env* env) {
  const ExternalTypes& catalog = *program_.external;
  for (const ast::RecordEntry& entry : entries) {
    if (entry.kind == ast::RecordEntry::Kind::kIf) {
      CheckCondition(*entry.condition, env, "the condition of `if`");
      CheckExternalEntries(entry.then_entries, type, env);
      CheckExternalEntries(entry.else_entries, type, env);
      continue;
    }
    if (entry.kind == ast::RecordEntry::Kind::kFor || entry.key_expr) {
      InferEntry(entry, env);
      continue;
    }
    std::optional<ExternalField> field = catalog.FindField(type, entry.key);
    if (!field) {
      if (!quiet_) {
        // The catalog words it as schema validation does (history, "did you mean").
        std::vector<std::string_view> siblings;
        for (const ast::RecordEntry& other : entries) siblings.push_back(other.key);
        catalog.ReportUnknownField(type, entry.key, entry.key_range, siblings, sink_);
      }
      if (entry.value) Infer(*entry.value, env);
      continue;
    }
    IndexExternalField(entry.key_range, type, entry.key, field->type);
    if (entry.value) Check(*entry.value, External(field->type), env);
  }
}

void StaticChecker::InferEntry(const ast::RecordEntry& entry, const Env* env) {
  switch (entry.kind) {
    case ast::RecordEntry::Kind::kField:
      if (entry.key_expr) Infer(*entry.key_expr, env);
      if (entry.value) Infer(*entry.value, env);
      break;
    case ast::RecordEntry::Kind::kIf:
      CheckCondition(*entry.condition, env, "the condition of `if`");
      InferEntries(entry.then_entries, env);
      InferEntries(entry.else_entries, env);
      break;
    case ast::RecordEntry::Kind::kFor: {
      std::vector<Env> inner = ComprehensionEnvs(*entry.comprehension, env, entry.range);
      Infer(*entry.key_expr, &inner.back());
      if (entry.value) Infer(*entry.value, &inner.back());
      break;
    }
  }
}

void StaticChecker::InferEntries(const std::vector<ast::RecordEntry>& entries, const Env* env) {
  for (const ast::RecordEntry& entry : entries) InferEntry(entry, env);
}

}  // namespace mast::checker
