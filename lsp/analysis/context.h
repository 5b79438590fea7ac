// What the cursor is in, worked out from tokens so that it also works in the
// broken code an editor usually holds (a half-typed record, an unclosed
// bracket). The scan starts at the declaration that contains the cursor
// (found with the compiler's splitting rule, see docs/language.md "How a
// file is split") and keeps a stack of open brackets. Each `{` knows the
// record type it builds, from:
//   - a typed record literal (`Name {`, `apps.Deployment {`);
//   - the declared type of the value it is in (`fn f(): T = {`, `let x: T =`,
//     `param p: T =`, a schema field's default);
//   - the field type of the key it is the value of (`spec: {`), a list's
//     item type (`containers: [{`), a function's parameter type (`f({`);
//   - for untyped records, the Kubernetes resource named by their own
//     `apiVersion` and `kind` entries.
// Conditional entries (`if c { ... }`) keep the record's type. Names used as
// receivers (`app.` in `app.spec`) are typed by the declaration's parameter
// list from tokens, else by the caller's NameTypes (the compiler's semantic
// index, see features/completion.cpp), else by a global's declared type.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lsp/analysis/lexer.h"
#include "lsp/analysis/types.h"

namespace mast::lsp {

struct CursorContext {
  enum class Kind {
    kNone,          // in a comment or a string that completes nothing
    kImportPath,    // in the path string of an import
    kMember,        // after `receiver.`
    kRecordKey,     // where a record's next key goes
    kValue,         // an expression
    kType,          // a type annotation
    kDeclaration,   // the start of a declaration
    kStringValue,   // inside a string literal that is a field value
  };
  Kind kind = Kind::kNone;
  // The word being typed, replaced by a completion: [word_begin, word_end).
  uint32_t word_begin = 0;
  uint32_t word_end = 0;
  std::string prefix;  // text of the word before the cursor

  std::vector<std::string> receiver;  // kMember: `a.b.` -> {"a", "b"}
  LTypeRef record;                    // kRecordKey: the record's type
  std::vector<std::string> present_keys;
  LTypeRef expected;                  // kValue, kStringValue: the expected type
  std::string string_prefix;          // kImportPath, kStringValue: string content before the cursor
  uint32_t string_begin = 0;          // the whole string token, quotes included
  uint32_t string_end = 0;
  bool string_terminated = true;
  bool in_schema = false;             // kRecordKey inside a schema body (field declarations)
};

// The field a record key at `offset` names (hover, go to definition).
struct KeyAt {
  std::string key;
  uint32_t key_begin = 0;
  uint32_t key_end = 0;
  LTypeRef record;                 // the record's type
  std::optional<FieldInfo> field;  // nullopt when the type has no such field (or is unknown)
};

// A record literal, for edits that add entries to it.
struct RecordAt {
  uint32_t open = 0;    // offset of `{`
  uint32_t close = 0;   // offset of the matching `}` (the text's end when unclosed)
  bool closed = false;
  LTypeRef type;
  std::vector<std::string> keys;  // its own keys, in order
  // For each key, its value's text: [begin, end) offsets (end 0 when the
  // record ends before the value does, in unclosed text).
  std::vector<std::pair<uint32_t, uint32_t>> values;
  bool multiline = false;         // `}` on a later line than `{`
  std::string entry_indent;       // indentation of its entries (multi-line records)
  uint32_t last_entry_end = 0;    // end of the last token before `}`
};

// The type of a name in scope at an offset; null when unknown.
using NameTypes = std::function<LTypeRef(const std::string& name, uint32_t offset)>;

class ContextAnalyzer {
 public:
  // `file` is the parsed snapshot of `text` (for imports and global
  // declarations); `names`, when given, types the names receivers start with.
  ContextAnalyzer(std::string_view text, std::shared_ptr<const ParsedFile> file, EditorTypes& types,
                  NameTypes names = nullptr);

  CursorContext At(uint32_t offset);
  std::optional<KeyAt> KeyAtOffset(uint32_t offset);
  // The first record literal that starts at or after `offset` (a
  // diagnostic's range starts at the record or its type name).
  std::optional<RecordAt> RecordFrom(uint32_t offset);
  // The innermost record literal open at `offset` (a policy finding is
  // anchored on one of the record's entries, such as a container's `name`).
  std::optional<RecordAt> RecordAround(uint32_t offset);
  // The type of a receiver chain (`app`, `spec`) at `offset`.
  LTypeRef ReceiverType(const std::vector<std::string>& receiver, uint32_t offset);
  // The declaration header's parameters (`fn f(app: App)`), from tokens.
  std::vector<std::pair<std::string, LTypeRef>> HeaderParameters(uint32_t offset);

 private:
  struct Frame;
  struct CursorScan;
  // The steps of At.
  bool LocateCursorWord(uint32_t offset, CursorContext& context, size_t& scan_end) const;
  bool PreviousIs(const CursorScan& scan, std::string_view token) const;
  void StringContext(const CursorScan& scan, CursorContext& context);
  void MemberContext(const CursorScan& scan, CursorContext& context) const;
  void TopLevelContext(const CursorScan& scan, uint32_t offset, CursorContext& context);
  void ParenOrListContext(const CursorScan& scan, CursorContext& context);
  bool AtRecordKey(const CursorScan& scan, const CursorContext& context) const;
  void RecordContext(const CursorScan& scan, CursorContext& context);
  size_t DeclarationStart(size_t token_limit) const;
  std::vector<Frame> Scan(size_t begin, size_t end);
  // The steps of Scan.
  bool EndsValue(size_t token) const;
  static void StartEntry(Frame& record);
  bool StartsEntryOnNewLine(const Frame& record, size_t token, size_t previous) const;
  Frame OpenBracket(const std::vector<Frame>& frames, size_t decl_start, size_t token, size_t previous);
  Frame OpenRecord(const std::vector<Frame>& frames, size_t decl_start, size_t token, size_t previous);
  void ReadSeparator(Frame& top, std::string_view word, size_t previous) const;
  LTypeRef TypeFromTokens(size_t& i, size_t end);
  std::string TypeTextFromTokens(size_t& i, size_t end, int depth);
  std::string BracketedText(size_t& i, size_t end, std::string_view open, std::string_view close);
  bool IsRecordTypeStart(size_t i, size_t end) const;
  LTypeRef DeclaredType(size_t decl_start, size_t end);
  LTypeRef ValueExpectedType(const std::vector<Frame>& frames, size_t decl_start, size_t token_index);
  LTypeRef InferRecordFromEntries(size_t open_token);
  LTypeRef CalleeParameterType(size_t open_paren, size_t argument);
  size_t TokenIndexAt(uint32_t offset) const;  // first token with end > offset

  std::string_view text_;
  std::shared_ptr<const ParsedFile> file_;
  NameTypes names_;
  EditorTypes& types_;
  std::vector<Tok> tokens_;
};

}  // namespace mast::lsp
