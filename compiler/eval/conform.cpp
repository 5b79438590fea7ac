// Conformance (sema/conform.h) as evaluation runs it: a schema's defaults
// and checks are evaluated, and findings are explained by the calls that
// made the value (eval/explain_origin.h).
#include "compiler/eval/evaluator_impl.h"
#include "compiler/eval/explain_origin.h"

namespace mast {

void EvaluatorConformContext::CountStep() { evaluator_.Step(); }

bool EvaluatorConformContext::Keeps(const DiagnosticSink& sink) const { return &sink == &evaluator_.sink_; }

void EvaluatorConformContext::ExplainValue(Diagnostic& d, const Value& value, const DiagnosticSink& sink) const {
  if (!Keeps(sink)) return;  // a trial: what it finds may be dropped
  const ProvenanceId own = value.provenance() & ~kFailedTypeBit;
  AddCallSites(d, evaluator_.sources_.provenance(), own != kNoProvenance ? own : evaluator_.call_chain_, d.range);
}

void EvaluatorConformContext::ExplainMissingField(Diagnostic& d, const Value& record, const std::string& field,
                                                  const DiagnosticSink& sink) const {
  // Removed by a `with`: the overlay is what to change.
  const ProvenanceTable& provenance = evaluator_.sources_.provenance();
  if (auto removal = provenance.FindRemoval(record.provenance(), field)) {
    MoveToRemoval(d, *removal, provenance);
  } else {
    ExplainValue(d, record, sink);
  }
}

void EvaluatorConformContext::ValidatedExternal(const Value& object, const Type& type, DiagnosticSink& sink,
                                                size_t found_before) {
  // Only findings that reach the program's sink count (a union member's
  // trial conformance reports into a scratch sink that may be dropped).
  if (!Keeps(sink)) return;
  const bool clean = sink.diagnostics().size() == found_before;
  // What the catalog found, explained by the values it is about.
  ExplainFindings(sink.mutable_diagnostics(), found_before, object, evaluator_.sources_.provenance(),
                  evaluator_.call_chain_);
  if (object.storage() && type.catalog->ResourceKind(type.external)) {
    evaluator_.validated_resources_.emplace(object.storage(),
                                            Evaluator::ValidatedResource{object, type.external, clean});
  }
}

std::optional<Value> EvaluatorConformContext::EvaluateDefault(const ast::Expr& value, ModuleInfo& home) {
  return evaluator_.Eval(value, home, nullptr);
}

std::optional<Value> EvaluatorConformContext::EvaluateCheck(const ast::Expr& condition, ModuleInfo& home,
                                                            const ast::Decl& schema, const Value& record) {
  // The checks see every field by name, borrowed from the record.
  Scope fields;
  fields.binder = &schema;  // the record lists the schema's fields in order
  fields.vars.reserve(record.AsMap().size());
  for (const MapEntry& entry : record.AsMap()) fields.vars.Borrow(entry.key, entry.value);
  return evaluator_.Eval(condition, home, &fields);
}

bool Evaluator::ValidatedAsResource(const Value& object, bool* clean) const {
  auto it = validated_resources_.find(object.storage());
  if (it == validated_resources_.end() || !object.storage() || !program_.external) return false;
  const Value* api_version = object.Find("apiVersion");
  const Value* kind = object.Find("kind");
  if (!api_version || !kind || !api_version->IsString() || !kind->IsString()) return false;
  if (program_.external->FindResource(api_version->AsString(), kind->AsString()) != it->second.type) return false;
  if (clean != nullptr) *clean = it->second.clean;
  return true;
}

}  // namespace mast
