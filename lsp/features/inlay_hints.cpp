// Inlay hints: the inferred type after the name of an unannotated `let`
// (top level, `let ... in` and a test's `let` step), and the fields a typed record literal leaves
// to their schema defaults, shown before its closing brace.
//
// The type is the one checking inferred, from the compiler's semantic index
// (analysis/checked.h), printed the editor's way (analysis/types.h).
// A name checking did not record (text the parser gave up on), or whose type
// it does not know (`any`, wholly or inside), gets no hint.
#include "lsp/analysis/types.h"
#include "lsp/features/features.h"

namespace mast::lsp {

namespace {

bool Worth(const LTypeRef& type) {
  if (!type) return false;
  switch (type->kind) {
    case LType::Kind::kUnknown:
    case LType::Kind::kAny:
    case LType::Kind::kNull: return false;
    case LType::Kind::kList:
    case LType::Kind::kMap: return Worth(type->element);  // `[any]` says nothing
    default: return true;
  }
}

class HintCollector {
 public:
  HintCollector(const std::shared_ptr<const ParsedFile>& file, EditorTypes& types, const CheckedDocument* checked,
                std::optional<EarlierCheck> earlier, uint32_t begin, uint32_t end)
      : file_(*file),
        parsed_(file),
        types_(types),
        checked_(checked),
        checked_file_(checked ? checked->FileOf(file->path) : kNoFile),
        earlier_(std::move(earlier)),
        begin_(begin),
        end_(end),
        cursor_(*file->source) {}

  void Decl(const ast::Decl& decl) {
    if (decl.range.end < begin_ || decl.range.begin > end_) return;
    if (decl.kind == ast::Decl::Kind::kLet && !decl.type && decl.value) {
      LTypeRef type = InferredType(decl.name_range);
      if (Worth(type)) TypeHint(decl.name_range.end, type);
    }
    if (decl.value) Expr(*decl.value);
    for (const ast::SchemaField& field : decl.fields) {
      if (field.default_value) Expr(*field.default_value);
    }
    for (const ast::PolicyField& field : decl.policy_fields) {
      if (field.value) Expr(*field.value);
    }
    // A test's `let` steps.
    for (const ast::TestStep& step : decl.steps) {
      if (!step.value) continue;
      if (step.kind == ast::TestStep::Kind::kLet && !step.type) {
        LTypeRef type = InferredType(step.name_range);
        if (Worth(type)) TypeHint(step.name_range.end, type);
      }
      Expr(*step.value);
    }
  }

  std::vector<InlayHint> Take() { return std::move(hints_); }

 private:
  // The type checking inferred for the name declared at `name`: this
  // version's, else (while the text does not parse) the last check's that
  // parsed; null when neither recorded the name or knew its type.
  LTypeRef InferredType(SourceRange name) {
    const SemanticEntry* entry = checked_ && checked_file_ != kNoFile ? checked_->index.At(checked_file_, name.begin)
                                                                      : nullptr;
    if (entry && entry->definition && entry->range == name) {
      if (LTypeRef type = types_.Of(*checked_, parsed_, entry->type)) return type;
    }
    std::optional<SemanticEntry> old = earlier_ ? earlier_->At(name.begin) : std::nullopt;
    if (!old || !old->definition || old->range.begin != name.begin || old->range.end != name.end) return nullptr;
    return types_.Of(*earlier_->checked, parsed_, old->type);
  }

  void TypeHint(uint32_t offset, const LTypeRef& type) {
    if (offset < begin_ || offset > end_) return;
    InlayHint hint;
    hint.position = cursor_.At(offset);
    hint.label = ": " + types_.ToString(type);
    hint.kind = 1;
    hints_.push_back(std::move(hint));
  }

  void Entries(const std::vector<ast::RecordEntry>& entries) {
    for (const ast::RecordEntry& entry : entries) {
      if (entry.value) Expr(*entry.value);
      if (entry.condition) Expr(*entry.condition);
      Entries(entry.then_entries);
      Entries(entry.else_entries);
    }
  }

  static void Keys(const std::vector<ast::RecordEntry>& entries, std::vector<std::string>& out) {
    for (const ast::RecordEntry& entry : entries) {
      if (entry.kind == ast::RecordEntry::Kind::kField) out.push_back(entry.key);
      Keys(entry.then_entries, out);
      Keys(entry.else_entries, out);
    }
  }

  void Expr(const ast::Expr& expr) {
    if (expr.range.end < begin_ || expr.range.begin > end_) return;
    if (expr.kind == ast::ExprKind::kTypedRecord && expr.range.end > expr.range.begin) {
      LTypeRef type = EditorTypes::Unwrap(types_.Named(parsed_, expr.module, expr.name));
      if (type && type->kind == LType::Kind::kSchema) {
        std::vector<std::string> keys;
        Keys(expr.entries, keys);
        std::string label;
        for (const FieldInfo& field : types_.Fields(type)) {
          if (!field.has_default || std::find(keys.begin(), keys.end(), field.name) != keys.end()) continue;
          label += (label.empty() ? "" : ", ") + field.name + " = " + field.default_text;
        }
        uint32_t close = expr.range.end - 1;
        if (!label.empty() && close >= begin_ && close <= end_ && file_.text()[close] == '}') {
          InlayHint hint;
          hint.position = cursor_.At(close);
          hint.label = label.size() > 80 ? label.substr(0, 77) + "…" : label;
          hint.kind = 2;
          hint.padding_left = true;
          hint.padding_right = true;
          hints_.push_back(std::move(hint));
        }
      }
    }
    if (expr.kind == ast::ExprKind::kLet && !expr.type && expr.right) {
      LTypeRef type = InferredType(expr.name_range);
      if (Worth(type)) TypeHint(expr.name_range.end, type);
    }
    Entries(expr.entries);
    for (const ast::ListItem& item : expr.items) {
      if (item.value) Expr(*item.value);
    }
    for (const ast::StringPart& part : expr.parts) {
      if (part.expr) Expr(*part.expr);
    }
    for (const auto& arg : expr.args) {
      if (arg) Expr(*arg);
    }
    if (expr.left) Expr(*expr.left);
    if (expr.right) Expr(*expr.right);
    if (expr.third) Expr(*expr.third);
  }

  const ParsedFile& file_;
  std::shared_ptr<const ParsedFile> parsed_;
  EditorTypes& types_;
  const CheckedDocument* checked_;  // null when the document could not be checked
  FileId checked_file_;
  std::optional<EarlierCheck> earlier_;  // while the text does not parse
  uint32_t begin_;
  uint32_t end_;
  PositionCursor cursor_;  // hints come in text order: positions in linear time
  std::vector<InlayHint> hints_;
};

}  // namespace

std::vector<InlayHint> InlayHints(const FeatureContext& context, Range range) {
  std::shared_ptr<const ParsedFile> file = context.Parsed();
  if (!file) return {};
  EditorTypes types = TypesFor(context);
  std::shared_ptr<const CheckedDocument> checked = context.Checked();
  HintCollector collector(file, types, checked.get(), context.Earlier(), ToOffset(*file->source, range.start),
                          ToOffset(*file->source, range.end));
  for (const ast::Decl& decl : file->module.decls) collector.Decl(decl);
  std::vector<InlayHint> hints = collector.Take();
  std::sort(hints.begin(), hints.end(), [](const InlayHint& a, const InlayHint& b) { return a.position < b.position; });
  return hints;
}

}  // namespace mast::lsp
