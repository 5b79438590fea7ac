// Semantic tokens for .mast files: lexical classes from the tolerant lexer,
// refined by the compiler's semantic index (what checking bound each name
// to: function, parameter, schema, type, module, built-in, ...). Record keys
// are properties.
#include <algorithm>

#include "lsp/analysis/lexer.h"
#include "lsp/analysis/checked.h"
#include "lsp/features/features.h"

namespace mast::lsp {

namespace {

enum TokenType : uint32_t {
  kNamespace, kType, kStruct, kTypeParameter, kParameter, kVariable, kProperty, kEnumMember, kFunction, kKeyword,
  kComment, kString, kNumber, kOperator,
};
enum TokenModifier : uint32_t { kDeclaration = 1, kReadonly = 2, kDefaultLibrary = 4, kDocumentation = 8 };

struct Classified {
  uint32_t begin;
  uint32_t end;
  uint32_t type;
  uint32_t modifiers;
};

std::optional<std::pair<uint32_t, uint32_t>> FromSymbol(const SemanticSymbol& symbol, bool definition) {
  uint32_t modifiers = definition ? uint32_t{kDeclaration} : 0u;
  switch (symbol.kind) {
    case mast::SymbolKind::kDeclaration:
      switch (symbol.declares) {
        case SemanticSymbol::Declares::kFunction: return std::make_pair(uint32_t{kFunction}, modifiers);
        case SemanticSymbol::Declares::kSchema: return std::make_pair(uint32_t{kStruct}, modifiers);
        case SemanticSymbol::Declares::kType: return std::make_pair(uint32_t{kType}, modifiers);
        case SemanticSymbol::Declares::kValue: return std::make_pair(uint32_t{kVariable}, modifiers | kReadonly);
      }
      break;
    case mast::SymbolKind::kImport: return std::make_pair(uint32_t{kNamespace}, modifiers);
    case mast::SymbolKind::kParameter:
    case mast::SymbolKind::kPolicyParameter: return std::make_pair(uint32_t{kParameter}, modifiers);
    case mast::SymbolKind::kLocal:
    case mast::SymbolKind::kLoopVariable: return std::make_pair(uint32_t{kVariable}, modifiers | kReadonly);
    case mast::SymbolKind::kSchemaField:
    case mast::SymbolKind::kExternalField: return std::make_pair(uint32_t{kProperty}, modifiers);
    case mast::SymbolKind::kBuiltin: return std::make_pair(uint32_t{kFunction}, modifiers | kDefaultLibrary);
    case mast::SymbolKind::kExternalType: return std::make_pair(uint32_t{kStruct}, modifiers | kDefaultLibrary);
  }
  return std::nullopt;
}

}  // namespace

const std::vector<std::string>& SemanticTokenTypes() {
  static const std::vector<std::string> kTypes = {"namespace", "type",     "struct",     "typeParameter", "parameter",
                                                  "variable",  "property", "enumMember", "function",      "keyword",
                                                  "comment",   "string",   "number",     "operator"};
  return kTypes;
}

const std::vector<std::string>& SemanticTokenModifiers() {
  static const std::vector<std::string> kModifiers = {"declaration", "readonly", "defaultLibrary", "documentation"};
  return kModifiers;
}

SemanticTokens SemanticTokensFull(const FeatureContext& context) {
  std::shared_ptr<const ParsedFile> file = context.Parsed();
  if (!file) return {};
  const std::string& text = file->text();
  const SourceFile& source = *file->source;
  std::shared_ptr<const CheckedDocument> checked = context.Checked();
  std::vector<const SemanticEntry*> occurrences;
  if (checked) {
    FileId id = checked->FileOf(file->path);
    if (id != kNoFile) occurrences = checked->index.InFile(id);
  }
  std::vector<Tok> tokens = LexMast(text);

  std::vector<Classified> classified;
  size_t next_occurrence = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Tok& tok = tokens[i];
    uint32_t type = 0;
    uint32_t modifiers = 0;
    switch (tok.kind) {
      case TokKind::kKeyword: {
        bool key = i + 1 < tokens.size() && tokens[i + 1].Is(text, ":") && i > 0 &&
                   (tokens[i - 1].Is(text, "{") || tokens[i - 1].Is(text, ",") || tok.line_start) &&
                   !tok.Is(text, "if") && !tok.Is(text, "else");
        type = key ? kProperty : kKeyword;
        if (!key && (tok.Is(text, "true") || tok.Is(text, "false") || tok.Is(text, "null"))) type = kEnumMember;
        break;
      }
      case TokKind::kComment: type = kComment; break;
      case TokKind::kDocComment: type = kComment; modifiers = kDocumentation; break;
      case TokKind::kString:
      case TokKind::kTextBlock: type = kString; break;
      case TokKind::kNumber: type = kNumber; break;
      case TokKind::kOperator: type = kOperator; break;
      case TokKind::kIdent:
      case TokKind::kTypeIdent: {
        while (next_occurrence < occurrences.size() && occurrences[next_occurrence]->range.end <= tok.begin) {
          ++next_occurrence;
        }
        bool found = false;
        if (next_occurrence < occurrences.size() && occurrences[next_occurrence]->range.begin == tok.begin) {
          const SemanticEntry& entry = *occurrences[next_occurrence];
          if (auto mapped = FromSymbol(entry.symbol, entry.definition)) {
            type = mapped->first;
            modifiers = mapped->second;
            found = true;
          }
        }
        if (!found) {
          bool key = i + 1 < tokens.size() && (tokens[i + 1].Is(text, ":") || tokens[i + 1].Is(text, "?"));
          bool member = i > 0 && (tokens[i - 1].Is(text, ".") || tokens[i - 1].Is(text, "?."));
          std::string_view word = tok.Text(text);
          bool builtin_type = word == "int" || word == "float" || word == "number" || word == "string" ||
                              word == "bool" || word == "any";
          if (tok.kind == TokKind::kTypeIdent || (builtin_type && !key && !member)) type = kType;
          else if (key || member) type = kProperty;
          else type = kVariable;
        }
        break;
      }
      default: continue;
    }
    // Tokens may not span lines: split multi-line comments and text blocks.
    uint32_t begin = tok.begin;
    while (begin < tok.end) {
      size_t eol = text.find('\n', begin);
      uint32_t end = eol == std::string::npos || eol >= tok.end ? tok.end : static_cast<uint32_t>(eol);
      if (end > begin) classified.push_back({begin, end, type, modifiers});
      begin = end + 1;
    }
  }

  SemanticTokens out;
  uint32_t last_line = 0;
  uint32_t last_start = 0;
  PositionCursor cursor(source);
  for (const Classified& c : classified) {
    Position start = cursor.At(c.begin);
    Position end = cursor.At(c.end);
    uint32_t length = end.line == start.line ? end.character - start.character : 0;
    if (length == 0) continue;
    uint32_t delta_line = start.line - last_line;
    uint32_t delta_start = delta_line == 0 ? start.character - last_start : start.character;
    out.data.insert(out.data.end(), {delta_line, delta_start, length, c.type, c.modifiers});
    last_line = start.line;
    last_start = start.character;
  }
  return out;
}

}  // namespace mast::lsp
