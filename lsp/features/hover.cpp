// Hover: policy findings (the rule's description and remediation), Mast
// names (declared or inferred type, constraints, `///` docs), record keys
// (the field's type and documentation, Kubernetes descriptions included),
// built-ins (signature and doc), Kubernetes types, and keys of Kubernetes
// YAML documents.
//
// In a .mast file, what a name refers to and its type come from the
// compiler's semantic index (analysis/checked.h), printed the editor's way
// (analysis/checked_types.h). The editor's own model (model.h) answers only
// where the index cannot (see CheckedHover): the cursor is on no name the
// checker recorded (text the parser gave up on, a key of a record whose type
// checking did not know, an import path), or on a value whose type checking
// left as `any` (a list item, a built-in's result, an `if` or `??`), where
// the model's inference may know better.
#include <algorithm>
#include <set>

#include "lsp/analysis/context.h"
#include "lsp/analysis/yaml_path.h"
#include "lsp/features/describe.h"
#include "lsp/features/features.h"

namespace mast::lsp {

namespace {

bool Contains(const Range& range, Position position) {
  return !(position < range.start) && !(range.end < position);
}

// The policy findings under the cursor, described by their rules: the
// innermost ones (a finding about a whole pod spec should not drown one
// about the image under the cursor). With `single_line_only`, only findings
// on one line (the cursor is on a name that has its own hover).
std::string FindingHover(const FeatureContext& context, Position position, std::optional<Range>* range,
                         bool single_line_only = false) {
  std::vector<const Diagnostic*> under;
  for (const Diagnostic& d : context.diagnostics) {
    if (!Contains(d.range, position) || d.code.empty() || IsCompilerCodeText(d.code)) continue;
    if (single_line_only && d.range.start.line != d.range.end.line) continue;
    under.push_back(&d);
  }
  auto size = [](const Range& r) {
    return std::make_pair(r.end.line - r.start.line, r.end.line == r.start.line ? r.end.character - r.start.character
                                                                                 : r.end.character);
  };
  std::string out;
  std::set<std::string> seen;
  for (const Diagnostic* d : under) {
    bool innermost = std::none_of(under.begin(), under.end(), [&](const Diagnostic* o) {
      return size(o->range) < size(d->range);
    });
    if (!innermost || !seen.insert(d->code).second) continue;
    std::optional<Workspace::RuleDoc> rule = context.workspace->FindRule(context.document.path, d->code);
    if (!rule) continue;
    if (!out.empty()) out += "\n\n---\n\n";
    out += DescribeRule(*rule);
    *range = d->range;
  }
  return out;
}

// The editor's model (model.h), where the index had no answer (see
// CheckedHover): a name the model bound, a field read whose object type it
// inferred, a record key from tokens (also in text the parser gave up on).
std::string ModelHover(const FeatureContext& context, ModelCache& cache, const std::shared_ptr<const ParsedFile>& file,
                       uint32_t offset, std::optional<Range>* range) {
  const SourceFile& source = *file->source;
  FileModel& model = cache.Get(file);
  TypeResolver& types = cache.types();
  if (const Occurrence* occurrence = model.At(offset)) {
    std::string text = DescribeSymbol(model, types, occurrence->symbol);
    *range = ToRange(source, occurrence->begin, occurrence->end);
    if (!text.empty()) return text;
  }
  // `app.name`: the field read.
  if (const ast::Expr* access = model.FieldAccessAt(offset)) {
    LTypeRef object;
    if (std::optional<FieldInfo> field = model.FieldOfAccess(*access, &object)) {
      *range = ToRange(source, access->name_range.begin, access->name_range.end);
      return DescribeField(types, *field, object);
    }
  }
  ContextAnalyzer analyzer(file->text(), file, types);
  if (std::optional<KeyAt> key = analyzer.KeyAtOffset(offset)) {
    *range = ToRange(source, key->key_begin, key->key_end);
    if (key->field) return DescribeField(types, *key->field, key->record);
  }
  return "";
}

std::optional<Hover> MastHover(const FeatureContext& context, Position position) {
  std::shared_ptr<const ParsedFile> file = context.Parsed();
  if (!file) return std::nullopt;
  const SourceFile& source = *file->source;
  const uint32_t offset = ToOffset(source, position);
  ModelCache cache(*context.workspace, &context.types());
  TypeResolver& types = cache.types();
  std::optional<Range> range;
  std::string text;
  std::shared_ptr<const CheckedDocument> checked = context.Checked();
  if (const SemanticEntry* entry = checked ? checked->At(file->path, offset) : nullptr) {
    text = DescribeEntry(types, *checked, file, *entry, /*known_type_only=*/true);
    if (!text.empty()) range = ToRange(source, entry->range.begin, entry->range.end);
  }
  if (text.empty()) text = ModelHover(context, cache, file, offset, &range);
  if (text.empty()) {
    for (const ast::Import& import : file->module.imports) {
      if (import.path_range.begin <= offset && offset <= import.path_range.end) {
        text = DescribeImport(types, *file, import);
        range = ToRange(source, import.path_range.begin, import.path_range.end);
      }
    }
  }
  std::optional<Range> finding_range;
  std::string finding = FindingHover(context, position, &finding_range, /*single_line_only=*/!text.empty());
  if (!finding.empty()) {
    if (text.empty()) range = finding_range;
    text = text.empty() ? finding : text + "\n\n---\n\n" + finding;
  }
  if (text.empty()) return std::nullopt;
  Hover hover;
  hover.markdown = std::move(text);
  hover.range = range;
  return hover;
}

std::optional<Hover> YamlHover(const FeatureContext& context, Position position) {
  const std::string& text = *context.document.text;
  SourceFile source(context.document.path, text);
  const uint32_t offset = ToOffset(source, position);
  std::optional<Range> range;
  std::string out = FindingHover(context, position, &range);
  YamlCursor cursor = LocateInYaml(text, offset);
  if (cursor.on_key && !cursor.key.empty() && offset >= cursor.key_begin && offset <= cursor.key_end) {
    TypeResolver types(*context.workspace, &context.types());
    LTypeRef resource = ResourceType(types, cursor);
    LTypeRef record = TypeAtPath(types, resource, cursor.parents);
    if (std::optional<FieldInfo> field = types.Field(record, cursor.key)) {
      std::string described = DescribeField(types, *field, record);
      out = out.empty() ? described : out + "\n\n---\n\n" + described;
      range = ToRange(source, cursor.key_begin, cursor.key_end);
    }
  }
  if (out.empty()) return std::nullopt;
  Hover hover;
  hover.markdown = std::move(out);
  hover.range = range;
  return hover;
}

}  // namespace

std::optional<Hover> HoverAt(const FeatureContext& context, Position position) {
  if (context.IsMast()) return MastHover(context, position);
  if (context.IsYaml()) return YamlHover(context, position);
  return std::nullopt;
}

}  // namespace mast::lsp
