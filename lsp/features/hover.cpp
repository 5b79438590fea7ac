// Hover: policy findings (the rule's description and remediation), Mast
// names (declared or inferred type, constraints, `///` docs), record keys
// (the field's type and documentation, Kubernetes descriptions included),
// built-ins (signature and doc), Kubernetes types, and keys of Kubernetes
// YAML documents.
//
// In a .mast file, what a name refers to and its type come from the
// compiler's semantic index (analysis/checked.h), printed the editor's way
// (analysis/types.h, features/describe_checked.cpp). While the
// text does not parse, a name checking did not record, or whose type a
// syntax error elsewhere hid, is described from the last check that parsed
// (FeatureContext::Earlier). Where no name was recorded, a record key is
// described from tokens (analysis/context.h: also in text the parser gave
// up on), and an import path by its module.
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

// The hover of the name the checker recorded at `offset`: from this
// version's check, else, while the text does not parse, from the last check
// that parsed (see the top).
std::string CheckedNameHover(const FeatureContext& context, EditorTypes& types,
                             const std::shared_ptr<const ParsedFile>& file, uint32_t offset,
                             std::optional<Range>* range) {
  std::shared_ptr<const CheckedDocument> checked = context.Checked();
  const SemanticEntry* entry = checked ? checked->At(file->path, offset) : nullptr;
  // A name checking did not record, or whose type it lost to a syntax error
  // elsewhere (a schema being edited): the earlier check may know it.
  std::optional<EarlierCheck> earlier;
  if (!entry || Untyped(*entry)) earlier = context.Earlier();
  std::optional<SemanticEntry> old = earlier ? earlier->At(offset) : std::nullopt;
  if (old && !Untyped(*old) && (!entry || entry->symbol.name == old->symbol.name)) {
    checked = earlier->checked;
    entry = &*old;
  }
  if (!entry) return "";
  std::string text = DescribeEntry(types, *checked, file, *entry);
  if (!text.empty()) *range = ToRange(*file->source, entry->range.begin, entry->range.end);
  return text;
}

std::optional<Hover> MastHover(const FeatureContext& context, Position position) {
  std::shared_ptr<const ParsedFile> file = context.Parsed();
  if (!file) return std::nullopt;
  const SourceFile& source = *file->source;
  const uint32_t offset = ToOffset(source, position);
  EditorTypes types = TypesFor(context);
  std::optional<Range> range;
  std::string text = CheckedNameHover(context, types, file, offset, &range);
  if (text.empty()) {
    ContextAnalyzer analyzer(file->text(), file, types);
    if (std::optional<KeyAt> key = analyzer.KeyAtOffset(offset)) {
      range = ToRange(source, key->key_begin, key->key_end);
      if (key->field) text = DescribeField(types, *key->field, key->record);
    }
  }
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
    EditorTypes types(*context.workspace, &context.types());
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
