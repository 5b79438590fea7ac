// One set of Visit functions describes the layout of every node; the writer
// and the reader run the same functions, so the two directions cannot drift
// apart. Integers are LEB128 varints (signed ones zigzag-encoded), strings
// and vectors are length-prefixed, and a range is a validity flag plus its
// two offsets.
#include "compiler/syntax/ast_codec.h"

#include <cstring>

namespace mast {
namespace {

// A changed node struct must be reflected in the Visit functions below: these
// sizes (x86-64, libstdc++) catch a field that was added without updating
// them. Update the Visit function, then the size, then kMagic. (Expr's
// evaluator hints and cache are not encoded: a decoded node starts without.)
static_assert(sizeof(void*) != 8 || (sizeof(ast::Refinement) == 144 && sizeof(ast::TypeExpr) == 200 &&
                                     sizeof(ast::StringPart) == 40 && sizeof(ast::Comprehension) == 136 &&
                                     sizeof(ast::RecordEntry) == 288 && sizeof(ast::ListItem) == 168 &&
                                     sizeof(ast::Expr) == 256 && sizeof(ast::Import) == 104 &&
                                     sizeof(ast::SchemaField) == 112 && sizeof(ast::SchemaCheck) == 64 &&
                                     sizeof(ast::Parameter) == 56 && sizeof(ast::PolicyField) == 56 &&
                                     sizeof(ast::Decl) == 240 && sizeof(ast::TestStep) == 256 &&
                                     sizeof(ast::Comment) == 16 &&
                                     sizeof(ast::Module) == 80),
              "a syntax tree node changed: update ast_codec.cpp");

// Bumped whenever the layout below changes.
constexpr std::string_view kMagic = "MASTAST4";
// The parser bounds nesting far below this; the reader bounds it again.
constexpr int kMaxDepth = 2000;

class Writer {
 public:
  static constexpr bool kReading = false;

  void Unsigned(uint64_t value) {
    do {
      uint8_t byte = value & 0x7F;
      value >>= 7;
      if (value) byte |= 0x80;
      out_.push_back(static_cast<char>(byte));
    } while (value);
  }
  void Signed(int64_t& value) { Unsigned((static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63)); }
  void Bool(bool& value) { Unsigned(value ? 1 : 0); }
  void Double(double& value) {
    char bytes[sizeof(double)];
    std::memcpy(bytes, &value, sizeof(double));
    out_.append(bytes, sizeof(double));
  }
  void String(std::string& value) {
    Unsigned(value.size());
    out_ += value;
  }
  void Range(SourceRange& range) {
    Unsigned(range.IsValid() ? 1 : 0);
    if (!range.IsValid()) return;
    Unsigned(range.begin);
    Unsigned(range.end);
  }
  template <typename Enum>
  void EnumValue(Enum& value, Enum /*last*/) {
    Unsigned(static_cast<uint64_t>(value));
  }
  template <typename T, typename Visit>
  void Vector(std::vector<T>& items, Visit visit) {
    Unsigned(items.size());
    for (T& item : items) visit(*this, item);
  }
  template <typename T, typename Visit>
  void Pointer(std::unique_ptr<T>& pointer, Visit visit) {
    Unsigned(pointer ? 1 : 0);
    if (pointer) visit(*this, *pointer);
  }
  template <typename T, typename Visit>
  void Optional(std::optional<T>& value, Visit visit) {
    Unsigned(value ? 1 : 0);
    if (value) visit(*this, *value);
  }
  bool Enter() { return true; }
  void Leave() {}
  bool ok() const { return true; }

  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  static constexpr bool kReading = true;

  Reader(std::string_view bytes, FileId file) : bytes_(bytes), file_(file) {}

  uint64_t ReadUnsigned() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position_ >= bytes_.size()) return Fail();
      uint8_t byte = static_cast<uint8_t>(bytes_[position_++]);
      value |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return value;
    }
    return Fail();
  }
  void Unsigned(uint64_t& value) { value = ReadUnsigned(); }
  void Signed(int64_t& value) {
    uint64_t raw = ReadUnsigned();
    value = static_cast<int64_t>(raw >> 1) ^ -static_cast<int64_t>(raw & 1);
  }
  void Bool(bool& value) { value = ReadUnsigned() != 0; }
  void Double(double& value) {
    if (bytes_.size() - position_ < sizeof(double)) {
      Fail();
      return;
    }
    std::memcpy(&value, bytes_.data() + position_, sizeof(double));
    position_ += sizeof(double);
  }
  void String(std::string& value) {
    uint64_t size = ReadUnsigned();
    if (size > bytes_.size() - position_) {
      Fail();
      return;
    }
    value.assign(bytes_.data() + position_, size);
    position_ += size;
  }
  void Range(SourceRange& range) {
    if (ReadUnsigned() == 0) {
      range = SourceRange{};
      return;
    }
    uint64_t begin = ReadUnsigned();
    uint64_t end = ReadUnsigned();
    if (begin > end || end > UINT32_MAX) {
      Fail();
      return;
    }
    range = {file_, static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
  }
  template <typename Enum>
  void EnumValue(Enum& value, Enum last) {
    uint64_t raw = ReadUnsigned();
    if (raw > static_cast<uint64_t>(last)) {
      Fail();
      return;
    }
    value = static_cast<Enum>(raw);
  }
  template <typename T, typename Visit>
  void Vector(std::vector<T>& items, Visit visit) {
    uint64_t size = ReadUnsigned();
    // Every element takes at least one byte, so a larger count is corrupt.
    if (size > bytes_.size() - position_) {
      Fail();
      return;
    }
    items.clear();
    items.resize(size);
    for (T& item : items) {
      if (!ok_) return;
      visit(*this, item);
    }
  }
  template <typename T, typename Visit>
  void Pointer(std::unique_ptr<T>& pointer, Visit visit) {
    if (ReadUnsigned() == 0 || !ok_) {
      pointer.reset();
      return;
    }
    pointer = std::make_unique<T>();
    visit(*this, *pointer);
  }
  template <typename T, typename Visit>
  void Optional(std::optional<T>& value, Visit visit) {
    if (ReadUnsigned() == 0 || !ok_) {
      value.reset();
      return;
    }
    value.emplace();
    visit(*this, *value);
  }
  bool Enter() {
    if (++depth_ > kMaxDepth) Fail();
    return ok_;
  }
  void Leave() { --depth_; }
  bool ok() const { return ok_; }
  bool AtEnd() const { return position_ == bytes_.size(); }

 private:
  uint64_t Fail() {
    ok_ = false;
    position_ = bytes_.size();
    return 0;
  }

  std::string_view bytes_;
  size_t position_ = 0;
  FileId file_;
  int depth_ = 0;
  bool ok_ = true;
};

template <typename IO> void VisitExpr(IO& io, ast::Expr& expr);
template <typename IO> void VisitType(IO& io, ast::TypeExpr& type);

template <typename IO>
void VisitExprPtr(IO& io, ast::ExprPtr& expr) {
  io.Pointer(expr, [](IO& inner, ast::Expr& e) { VisitExpr(inner, e); });
}

template <typename IO>
void VisitTypePtr(IO& io, ast::TypeExprPtr& type) {
  io.Pointer(type, [](IO& inner, ast::TypeExpr& t) { VisitType(inner, t); });
}

template <typename IO>
void VisitNumber(IO& io, ast::Number& number) {
  io.Bool(number.is_int);
  io.Signed(number.int_value);
  io.Double(number.float_value);
}

template <typename IO>
void VisitRefinement(IO& io, ast::Refinement& refinement) {
  io.String(refinement.name);
  io.Range(refinement.range);
  io.Bool(refinement.is_range);
  io.Optional(refinement.low, VisitNumber<IO>);
  io.Optional(refinement.high, VisitNumber<IO>);
  io.String(refinement.text);
}

template <typename IO>
void VisitRecordTypeField(IO& io, ast::RecordTypeField& field) {
  io.String(field.name);
  io.Range(field.name_range);
  io.Bool(field.optional);
  VisitTypePtr(io, field.type);
}

template <typename IO>
void VisitType(IO& io, ast::TypeExpr& type) {
  if (!io.Enter()) return;
  io.EnumValue(type.kind, ast::TypeExpr::Kind::kError);
  io.Range(type.range);
  io.String(type.module);
  io.String(type.name);
  io.Vector(type.refinements, VisitRefinement<IO>);
  io.String(type.string_value);
  io.Signed(type.int_value);
  io.Bool(type.bool_value);
  io.Vector(type.children, VisitTypePtr<IO>);
  io.Vector(type.fields, VisitRecordTypeField<IO>);
  io.Leave();
}

template <typename IO>
void VisitStringPart(IO& io, ast::StringPart& part) {
  io.String(part.text);
  VisitExprPtr(io, part.expr);
}

template <typename IO>
void VisitComprehension(IO& io, ast::Comprehension& comprehension) {
  if (!io.Enter()) return;
  io.String(comprehension.key_var);
  io.Range(comprehension.key_var_range);
  io.String(comprehension.value_var);
  io.Range(comprehension.value_var_range);
  VisitExprPtr(io, comprehension.iterable);
  VisitExprPtr(io, comprehension.filter);
  io.Vector(comprehension.nested, VisitComprehension<IO>);
  io.Leave();
}

template <typename IO>
void VisitRecordEntry(IO& io, ast::RecordEntry& entry) {
  if (!io.Enter()) return;
  io.EnumValue(entry.kind, ast::RecordEntry::Kind::kFor);
  io.Range(entry.range);
  io.String(entry.key);
  io.Range(entry.key_range);
  VisitExprPtr(io, entry.key_expr);
  VisitExprPtr(io, entry.value);
  VisitExprPtr(io, entry.condition);
  io.Vector(entry.then_entries, VisitRecordEntry<IO>);
  io.Vector(entry.else_entries, VisitRecordEntry<IO>);
  io.Bool(entry.has_else);
  io.Optional(entry.comprehension, VisitComprehension<IO>);
  io.Leave();
}

template <typename IO>
void VisitListItem(IO& io, ast::ListItem& item) {
  VisitExprPtr(io, item.value);
  io.Optional(item.comprehension, VisitComprehension<IO>);
  io.Range(item.range);
}

template <typename IO>
void VisitExpr(IO& io, ast::Expr& expr) {
  if (!io.Enter()) return;
  io.EnumValue(expr.kind, ast::ExprKind::kError);
  io.Range(expr.range);
  io.Bool(expr.bool_value);
  io.Signed(expr.int_value);
  io.Double(expr.float_value);
  io.Vector(expr.parts, VisitStringPart<IO>);
  io.String(expr.name);
  io.Range(expr.name_range);
  io.String(expr.module);
  io.Vector(expr.entries, VisitRecordEntry<IO>);
  io.Vector(expr.items, VisitListItem<IO>);
  io.Vector(expr.args, VisitExprPtr<IO>);
  io.EnumValue(expr.op, ast::Operator::kWith);
  VisitExprPtr(io, expr.left);
  VisitExprPtr(io, expr.right);
  VisitExprPtr(io, expr.third);
  VisitTypePtr(io, expr.type);
  io.Leave();
}

template <typename IO>
void VisitImport(IO& io, ast::Import& import) {
  io.String(import.path);
  io.Range(import.path_range);
  io.String(import.alias);
  io.Range(import.alias_range);
  io.Range(import.range);
}

template <typename IO>
void VisitSchemaField(IO& io, ast::SchemaField& field) {
  io.String(field.name);
  io.Range(field.name_range);
  io.Bool(field.optional);
  VisitTypePtr(io, field.type);
  VisitExprPtr(io, field.default_value);
  io.String(field.doc);
  io.Range(field.range);
}

template <typename IO>
void VisitSchemaCheck(IO& io, ast::SchemaCheck& check) {
  VisitExprPtr(io, check.condition);
  io.String(check.message);
  io.Range(check.message_range);
  io.Range(check.range);
}

template <typename IO>
void VisitParameter(IO& io, ast::Parameter& parameter) {
  io.String(parameter.name);
  io.Range(parameter.name_range);
  VisitTypePtr(io, parameter.type);
}

template <typename IO>
void VisitPolicyField(IO& io, ast::PolicyField& field) {
  io.String(field.name);
  io.Range(field.name_range);
  VisitExprPtr(io, field.value);
}

template <typename IO>
void VisitTestStep(IO& io, ast::TestStep& step) {
  io.EnumValue(step.kind, ast::TestStep::Kind::kSnapshot);
  io.Range(step.range);
  io.String(step.name);
  io.Range(step.name_range);
  VisitTypePtr(io, step.type);
  VisitExprPtr(io, step.value);
  io.String(step.message);
  io.Vector(step.codes, [](IO& inner, std::string& code) { inner.String(code); });
  io.Vector(step.code_ranges, [](IO& inner, SourceRange& range) { inner.Range(range); });
  io.String(step.program);
  io.Range(step.program_range);
  io.String(step.snapshot);
  io.Range(step.snapshot_range);
}

template <typename IO>
void VisitDecl(IO& io, ast::Decl& decl) {
  io.EnumValue(decl.kind, ast::Decl::Kind::kTest);
  io.Range(decl.range);
  io.String(decl.name);
  io.Range(decl.name_range);
  io.String(decl.doc);
  VisitTypePtr(io, decl.type);
  io.Vector(decl.fields, VisitSchemaField<IO>);
  io.Vector(decl.checks, VisitSchemaCheck<IO>);
  io.Vector(decl.params, VisitParameter<IO>);
  VisitExprPtr(io, decl.value);
  io.Vector(decl.policy_fields, VisitPolicyField<IO>);
  io.Vector(decl.steps, VisitTestStep<IO>);
  io.Bool(decl.has_syntax_error);
}

template <typename IO>
void VisitComment(IO& io, ast::Comment& comment) {
  io.Range(comment.range);
  io.Bool(comment.is_doc);
}

template <typename IO>
void VisitModule(IO& io, ast::Module& module) {
  io.Vector(module.imports, VisitImport<IO>);
  io.Vector(module.decls, VisitDecl<IO>);
  io.Vector(module.comments, VisitComment<IO>);
}

}  // namespace

std::string EncodeModule(const ast::Module& module) {
  Writer writer;
  std::string magic(kMagic);
  writer.String(magic);
  // The visitors take mutable references so that one set serves both
  // directions; the writer only reads through them.
  VisitModule(writer, const_cast<ast::Module&>(module));
  return writer.Take();
}

std::optional<ast::Module> DecodeModule(std::string_view bytes, FileId file) {
  Reader reader(bytes, file);
  std::string magic;
  reader.String(magic);
  if (!reader.ok() || magic != kMagic) return std::nullopt;
  ast::Module module;
  module.file = file;
  VisitModule(reader, module);
  if (!reader.ok() || !reader.AtEnd()) return std::nullopt;
  return module;
}

}  // namespace mast
