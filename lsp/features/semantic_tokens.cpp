// Semantic tokens for .mast files: lexical classes from the tolerant lexer,
// refined by the binder (what each name refers to: function, parameter,
// schema, type, module, built-in, ...). Record keys are properties.
#include <algorithm>

#include "lsp/analysis/lexer.h"
#include "lsp/analysis/model.h"
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

std::optional<std::pair<uint32_t, uint32_t>> FromSymbol(const Symbol& symbol, bool definition) {
  uint32_t modifiers = definition ? uint32_t{kDeclaration} : 0u;
  switch (symbol.kind) {
    case Symbol::Kind::kDecl:
      if (!symbol.decl) return std::nullopt;
      switch (symbol.decl->kind) {
        case ast::Decl::Kind::kFn: return std::make_pair(uint32_t{kFunction}, modifiers);
        case ast::Decl::Kind::kSchema: return std::make_pair(uint32_t{kStruct}, modifiers);
        case ast::Decl::Kind::kType: return std::make_pair(uint32_t{kType}, modifiers);
        default: return std::make_pair(uint32_t{kVariable}, modifiers | kReadonly);
      }
    case Symbol::Kind::kImport: return std::make_pair(uint32_t{kNamespace}, modifiers);
    case Symbol::Kind::kParameter:
    case Symbol::Kind::kPolicyParam: return std::make_pair(uint32_t{kParameter}, modifiers);
    case Symbol::Kind::kLetIn:
    case Symbol::Kind::kLoopVar: return std::make_pair(uint32_t{kVariable}, modifiers | kReadonly);
    case Symbol::Kind::kSchemaField: return std::make_pair(uint32_t{kProperty}, modifiers);
    case Symbol::Kind::kBuiltin: return std::make_pair(uint32_t{kFunction}, modifiers | kDefaultLibrary);
    case Symbol::Kind::kExternalType: return std::make_pair(uint32_t{kStruct}, modifiers | kDefaultLibrary);
    case Symbol::Kind::kNone: break;
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
  ModelCache cache(*context.workspace, &context.types());
  FileModel& model = cache.Get(file);
  const std::vector<Occurrence>& occurrences = model.occurrences();
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
        while (next_occurrence < occurrences.size() && occurrences[next_occurrence].end <= tok.begin) ++next_occurrence;
        bool found = false;
        if (next_occurrence < occurrences.size() && occurrences[next_occurrence].begin == tok.begin) {
          if (auto mapped = FromSymbol(occurrences[next_occurrence].symbol, occurrences[next_occurrence].definition)) {
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
