// The standard library. Each built-in checks its own arguments and reports
// E0411 (or E0301 for a wrong type) at the offending argument.
#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>

#include "compiler/base/encoding.h"
#include "compiler/base/file_io.h"
#include "compiler/emit/json_writer.h"
#include "compiler/emit/yaml_writer.h"
#include "compiler/eval/builtin_table.h"
#include "compiler/eval/explain_origin.h"
#include "compiler/sema/messages.h"
#include "compiler/yaml/yaml_reader.h"

namespace mast {
// Policies call `matches` with the same few patterns for every object, so
// compiled patterns are kept (per thread; bounded). A pattern is mostly the
// very same string value each time (a global of the policy): a few recent
// ones are found by their storage first, without comparing long texts. The
// values are kept, so that their storage is not reused for other text.
const RE2& CompiledPattern(const Value& pattern) {
  struct Recent {
    Value pattern;
    const RE2* compiled = nullptr;
  };
  constexpr size_t kRecent = 8;
  thread_local Recent recent[kRecent];
  thread_local size_t next = 0;
  thread_local std::map<std::string, std::unique_ptr<RE2>> cache;
  const void* storage = pattern.storage();
  for (const Recent& r : recent) {
    if (r.compiled && storage && r.pattern.storage() == storage) return *r.compiled;
  }
  const std::string& text = pattern.AsString();
  auto it = cache.find(text);
  if (it == cache.end()) {
    if (cache.size() >= 1024) {
      cache.clear();
      for (Recent& r : recent) r = Recent{};
    }
    RE2::Options options;
    options.set_log_errors(false);
    it = cache.emplace(text, std::make_unique<RE2>(text, options)).first;
  }
  recent[next] = Recent{pattern, it->second.get()};
  next = (next + 1) % kRecent;
  return *it->second;
}

namespace {

bool AllSameScalarKind(const ValueList& items, Value::Kind* kind) {
  if (items.empty()) return true;
  *kind = items[0].kind();
  for (const Value& item : items) {
    if (item.kind() != *kind) return false;
  }
  return *kind == Value::Kind::kInt || *kind == Value::Kind::kFloat || *kind == Value::Kind::kString;
}

bool Less(const Value& a, const Value& b) {
  if (a.IsString()) return a.AsString() < b.AsString();
  if (a.IsInt()) return a.AsInt() < b.AsInt();
  return a.AsFloat() < b.AsFloat();
}

const ValueList& SortableList(CallContext& c) {
  const ValueList& items = c.List(0);
  Value::Kind kind;
  if (!AllSameScalarKind(items, &kind)) {
    c.Fail(0, "`" + c.call.left->name + "` needs a list of only integers, only numbers or only strings");
  }
  return items;
}

// The size of ReplaceAll's result, counted without building it.
uint64_t ReplacedSize(const std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return text.size();
  uint64_t count = 0;
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + from.size())) ++count;
  return text.size() + count * to.size() - count * from.size();
}

std::string ReplaceAll(const std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return text;
  std::string out;
  size_t start = 0;
  while (true) {
    size_t at = text.find(from, start);
    if (at == std::string::npos) break;
    out.append(text, start, at - start);
    out += to;
    start = at + from.size();
  }
  out.append(text, start, std::string::npos);
  return out;
}

Value ReadProjectFile(CallContext& c) {
  namespace fs = std::filesystem;
  const std::string& relative = c.Str(0);
  const SourceFile& source = c.evaluator.sources().Get(c.module.file);
  std::error_code ec;
  fs::path base = fs::path(source.path()).parent_path();
  fs::path root = fs::weakly_canonical(c.evaluator.program().project_root.empty()
                                           ? base
                                           : fs::path(c.evaluator.program().project_root),
                                       ec);
  fs::path target = fs::weakly_canonical(base / relative, ec);
  auto [root_end, target_it] = std::mismatch(root.begin(), root.end(), target.begin(), target.end());
  if (ec || fs::path(relative).is_absolute() || root_end != root.end()) {
    Diagnostic& d = c.evaluator.Report(DiagnosticCode::E0408, c.ArgRange(0),
                                       "`readFile` reads only files inside the project directory; \"" + relative +
                                           "\" is outside it");
    d.notes.push_back("the project directory is " + root.string() + "; set it with --root");
    throw EvalAbort{};
  }
  std::string text;
  std::string error;
  std::error_code size_error;
  const uintmax_t size = fs::file_size(target, size_error);
  if (!size_error) c.Charge(size);
  if (!ReadFileToString(target.string(), &text, &error, c.evaluator.limits().max_output_bytes)) {
    size_t reason = error.rfind(": ");  // the message names the absolute path; keep the reason
    c.evaluator.Fail(DiagnosticCode::E0408, c.ArgRange(0),
                     "cannot read \"" + relative + "\": " + (reason == std::string::npos ? error : error.substr(reason + 2)));
  }
  // Kept as a source too, so that fromYaml of this text points into the file.
  c.evaluator.sources().AddRead((base / relative).lexically_normal().string(), text);
  return Value::String(std::move(text), c.At());
}

// Parses YAML or JSON text from a string. Text that a `readFile` returned is
// parsed as that file, so values and errors point into it; other text becomes
// a synthetic source, so that syntax errors in it render with a caret. A
// label points at the call.
std::vector<Value> ParseEmbeddedYaml(CallContext& c, std::string_view source_name) {
  const std::string& text = c.Str(0);
  FileId file = c.evaluator.sources().FindRead(text);
  if (file == kNoFile) file = c.evaluator.sources().Add(std::string(source_name), text);
  DiagnosticSink sink;
  std::vector<YamlDocument> documents = ReadYamlStream(file, text, sink);
  if (sink.HasErrors()) {
    for (Diagnostic d : sink.diagnostics()) {
      d.labels.push_back({c.call.range, "the text is parsed here"});
      // The calls that led to the parse, as for an error at the call itself.
      AddCallSites(d, c.evaluator.provenance(), c.evaluator.calls(), c.call.range);
      c.evaluator.Report(d.code, d.range, d.message) = d;
    }
    throw EvalAbort{};
  }
  std::vector<Value> values;
  for (YamlDocument& document : documents) {
    if (!document.empty) values.push_back(std::move(document.value));
  }
  return values;
}

// Lists and records: len, keys, values, sort, unique, reverse, contains, get,
// range, min, max, sum, flatten.
void AddCollectionBuiltins(BuiltinTable& table) {
  table.Add("len", [](CallContext& c) {
    const Value& v = c.args[0];
    if (v.IsString()) {
      int64_t n = 0;
      for (unsigned char ch : v.AsString()) n += (ch & 0xC0) != 0x80;
      return Value::Int(n, c.At());
    }
    if (v.IsList()) return Value::Int(static_cast<int64_t>(v.AsList().size()), c.At());
    if (v.IsMap()) return Value::Int(static_cast<int64_t>(v.AsMap().size()), c.At());
    c.Fail(0, "`len` needs a string, a list or a record, found " + std::string(KindName(v.kind())));
  });
  table.Add("keys", [](CallContext& c) {
    c.ChargeList(c.Map(0).size());
    ValueList out;
    for (const MapEntry& e : c.Map(0)) out.push_back(Value::String(e.key, e.key_range));
    return Value::List(std::move(out), c.At());
  });
  table.Add("values", [](CallContext& c) {
    c.ChargeList(c.Map(0).size());
    ValueList out;
    for (const MapEntry& e : c.Map(0)) out.push_back(e.value);
    return Value::List(std::move(out), c.At());
  });
  table.Add("sort", [](CallContext& c) {
    c.ChargeList(c.List(0).size());
    ValueList items = SortableList(c);
    std::stable_sort(items.begin(), items.end(), Less);
    return Value::List(std::move(items), c.At());
  });
  table.Add("unique", [](CallContext& c) {
    const ValueList& items = c.List(0);
    ValueList out;
    out.reserve(items.size());
    for (const Value& item : items) {
      if (std::none_of(out.begin(), out.end(), [&](const Value& seen) { return seen.Equals(item); })) {
        out.push_back(item);
      }
    }
    // Without repeats, the list itself (its storage is shared).
    if (out.size() == items.size()) return c.args[0].WithOrigin(c.At());
    return Value::List(std::move(out), c.At());
  });
  table.Add("reverse", [](CallContext& c) {
    c.ChargeList(c.List(0).size());
    ValueList items = c.List(0);
    std::reverse(items.begin(), items.end());
    return Value::List(std::move(items), c.At());
  });
  table.Add("contains", [](CallContext& c) {
    const Value& h = c.args[0];
    const Value& n = c.args[1];
    if (h.IsList()) {
      return Value::Bool(
          std::any_of(h.AsList().begin(), h.AsList().end(), [&](const Value& v) { return v.Equals(n); }),
          c.At());
    }
    if (h.IsString()) return Value::Bool(h.AsString().find(c.Str(1)) != std::string::npos, c.At());
    if (h.IsMap()) return Value::Bool(h.FindEntry(c.Str(1)) != nullptr, c.At());
    c.Fail(0, "`contains` needs a list, a string or a record");
  });
  table.Add("get", [](CallContext& c) {
    const Value* field = c.args[0].Find(c.Str(1));  // null unless a record with the key
    return field ? *field : Value::Null(c.At());
  });
  table.Add("range", [](CallContext& c) {
    int64_t start = c.args.size() == 2 ? c.Int(0) : 0;
    int64_t end = c.Int(c.args.size() == 2 ? 1 : 0);
    // The count in unsigned arithmetic: `end - start` overflows for far-apart bounds.
    const uint64_t count = end > start ? static_cast<uint64_t>(end) - static_cast<uint64_t>(start) : 0;
    if (count > 1'000'000) c.Fail(c.args.size() - 1, "`range` is limited to 1,000,000 items");
    c.ChargeList(count);
    ValueList out;
    for (int64_t i = start; i < end; ++i) out.push_back(Value::Int(i, c.At()));
    return Value::List(std::move(out), c.At());
  });
  table.Add("min", [](CallContext& c) {
    const ValueList& items = SortableList(c);
    if (items.empty()) c.Fail(0, "`min` of an empty list");
    return *std::min_element(items.begin(), items.end(), Less);
  });
  table.Add("max", [](CallContext& c) {
    const ValueList& items = SortableList(c);
    if (items.empty()) c.Fail(0, "`max` of an empty list");
    return *std::max_element(items.begin(), items.end(), Less);
  });
  table.Add("sum", [](CallContext& c) {
    const ValueList& items = c.List(0);
    bool all_int = std::all_of(items.begin(), items.end(), [](const Value& v) { return v.IsInt(); });
    bool all_float = std::all_of(items.begin(), items.end(), [](const Value& v) { return v.IsFloat(); });
    if (all_int) {
      int64_t total = 0;
      for (const Value& v : items) {
        if (__builtin_add_overflow(total, v.AsInt(), &total))
          c.evaluator.Fail(DiagnosticCode::E0412, c.At(), "sum overflows 64 bits");
      }
      return Value::Int(total, c.At());
    }
    if (!all_float) c.Fail(0, "`sum` needs a list of only integers or only numbers");
    double total = 0;
    for (const Value& v : items) total += v.AsFloat();
    return Value::Float(total, c.At());
  });
  table.Add("flatten", [](CallContext& c) {
    size_t total = 0;
    const Value* only = nullptr;  // the one list with items, if just one has
    for (const Value& inner : c.List(0)) {
      if (!inner.IsList()) c.Fail(0, "`flatten` needs a list of lists");
      if (inner.AsList().empty()) continue;
      only = total == 0 ? &inner : nullptr;
      total += inner.AsList().size();
    }
    if (only) return only->WithOrigin(c.At());  // its storage is shared
    c.ChargeList(total);
    ValueList out;
    out.reserve(total);
    for (const Value& inner : c.List(0)) out.insert(out.end(), inner.AsList().begin(), inner.AsList().end());
    return Value::List(std::move(out), c.At());
  });
}

// Strings: join, split, case, trimming, prefixes, replace, substr, matches.
void AddStringBuiltins(BuiltinTable& table) {
  table.Add("join", [](CallContext& c) {
    std::string out;
    const ValueList& items = c.List(0);
    const std::string& sep = c.Str(1);
    uint64_t size = items.empty() ? 0 : sep.size() * (items.size() - 1);
    for (size_t i = 0; i < items.size(); ++i) {
      if (!items[i].IsString())
        c.Fail(0, "`join` needs a list of strings; item " + std::to_string(i) + " is a " +
                      std::string(KindName(items[i].kind())));
      size += items[i].AsString().size();
    }
    c.Charge(size);
    out.reserve(size);
    for (size_t i = 0; i < items.size(); ++i) {
      if (i) out += sep;
      out += items[i].AsString();
    }
    return Value::String(std::move(out), c.At());
  });
  table.Add("split", [](CallContext& c) {
    const std::string& s = c.Str(0);
    const std::string& sep = c.Str(1);
    if (sep.empty()) c.Fail(1, "`split` needs a non-empty separator");
    uint64_t pieces = 1;
    for (size_t at = s.find(sep); at != std::string::npos; at = s.find(sep, at + sep.size())) ++pieces;
    c.Charge(pieces * Evaluator::kValueBytes + s.size());
    ValueList out;
    size_t start = 0;
    while (true) {
      size_t at = s.find(sep, start);
      out.push_back(
          Value::String(s.substr(start, at == std::string::npos ? std::string::npos : at - start), c.At()));
      if (at == std::string::npos) break;
      start = at + sep.size();
    }
    return Value::List(std::move(out), c.At());
  });
  table.Add("upper", [](CallContext& c) {
    c.Charge(c.Str(0).size());
    std::string s = c.Str(0);
    for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return Value::String(std::move(s), c.At());
  });
  table.Add("lower", [](CallContext& c) {
    c.Charge(c.Str(0).size());
    std::string s = c.Str(0);
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return Value::String(std::move(s), c.At());
  });
  table.Add("trim", [](CallContext& c) {
    const std::string& s = c.Str(0);
    size_t begin = s.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) return Value::String("", c.At());
    size_t end = s.find_last_not_of(" \t\r\n");
    return Value::String(s.substr(begin, end - begin + 1), c.At());
  });
  table.Add("trimPrefix", [](CallContext& c) {
    const std::string& s = c.Str(0);
    const std::string& p = c.Str(1);
    return Value::String(s.rfind(p, 0) == 0 ? s.substr(p.size()) : s, c.At());
  });
  table.Add("trimSuffix", [](CallContext& c) {
    const std::string& s = c.Str(0);
    const std::string& p = c.Str(1);
    bool has = s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
    return Value::String(has ? s.substr(0, s.size() - p.size()) : s, c.At());
  });
  table.Add("startsWith", [](CallContext& c) { return Value::Bool(c.Str(0).rfind(c.Str(1), 0) == 0, c.At()); });
  table.Add("endsWith", [](CallContext& c) {
    const std::string& s = c.Str(0);
    const std::string& p = c.Str(1);
    return Value::Bool(s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0, c.At());
  });
  table.Add("replace", [](CallContext& c) {
    c.Charge(ReplacedSize(c.Str(0), c.Str(1), c.Str(2)));
    std::string out = ReplaceAll(c.Str(0), c.Str(1), c.Str(2));
    return Value::String(std::move(out), c.At());
  });
  table.Add("substr", [](CallContext& c) {
    const std::string& s = c.Str(0);
    std::vector<size_t> starts;  // byte offset of each code point
    for (size_t i = 0; i < s.size(); ++i) {
      if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
    }
    int64_t count = static_cast<int64_t>(starts.size());
    int64_t start = c.Int(1);
    int64_t length = c.args.size() > 2 ? c.Int(2) : count;
    if (start < 0 || start > count) c.Fail(1, "start " + std::to_string(start) + " is outside the string");
    if (length < 0) c.Fail(2, "length must not be negative");
    int64_t end = std::min(count, start + length);
    size_t begin_byte = start == count ? s.size() : starts[static_cast<size_t>(start)];
    size_t end_byte = end == count ? s.size() : starts[static_cast<size_t>(end)];
    return Value::String(s.substr(begin_byte, end_byte - begin_byte), c.At());
  });
  table.Add("matches", [](CallContext& c) {
    c.Str(1);  // a string, or an error
    const RE2& pattern = CompiledPattern(c.args[1]);
    if (!pattern.ok()) c.Fail(1, "invalid regular expression: " + pattern.error());
    return Value::Bool(RE2::PartialMatch(c.Str(0), pattern), c.At());
  });
}

// Hashes, encodings, YAML and JSON text, and files.
void AddDataBuiltins(BuiltinTable& table) {
  table.Add("sha256", [](CallContext& c) { return Value::String(Sha256Hex(c.Str(0)), c.At()); });
  table.Add("base64Encode", [](CallContext& c) {
    c.Charge((c.Str(0).size() + 2) / 3 * 4);
    return Value::String(Base64Encode(c.Str(0)), c.At());
  });
  table.Add("base64Decode", [](CallContext& c) {
    c.Charge(c.Str(0).size() / 4 * 3);
    std::optional<std::string> decoded = Base64Decode(c.Str(0));
    if (!decoded) c.Fail(0, "not valid base64");
    return Value::String(std::move(*decoded), c.At());
  });
  table.Add("toYaml", [](CallContext& c) {
    c.Charge(EstimateTextBytes(c.args[0], c.evaluator.limits().max_output_bytes));
    return Value::String(WriteYaml(c.args[0]), c.At());
  });
  table.Add("toJson", [](CallContext& c) {
    c.Charge(EstimateTextBytes(c.args[0], c.evaluator.limits().max_output_bytes));
    return Value::String(WriteJson(c.args[0], false), c.At());
  });
  table.Add("fromYaml", [](CallContext& c) {
    std::vector<Value> values = ParseEmbeddedYaml(c, "<fromYaml>");
    if (values.size() > 1) {
      c.Fail(0, "the text has " + std::to_string(values.size()) + " YAML documents; use `fromYamlAll`");
    }
    return values.empty() ? Value::Null(c.At()) : values[0];
  });
  table.Add("fromYamlAll", [](CallContext& c) { return Value::List(ParseEmbeddedYaml(c, "<fromYamlAll>"), c.At()); });
  table.Add("readFile", ReadProjectFile);
}

// Conversions: str, typeOf, int, float.
void AddConversionBuiltins(BuiltinTable& table) {
  table.Add("str", [](CallContext& c) {
    if (c.args[0].IsList() || c.args[0].IsMap()) c.Fail(0, "`str` takes a scalar; use `toJson` for records and lists");
    return Value::String(DisplayValue(c.args[0], std::string::npos), c.At());
  });
  table.Add("typeOf", [](CallContext& c) {
    // The seven names are made once per thread and shared: the policies test
    // `typeOf(value) == "string"` for every environment variable and
    // ConfigMap key, and a new string each time was an allocation per test.
    thread_local const Value kNames[] = {Value::String("null"),   Value::String("bool"),   Value::String("int"),
                                         Value::String("number"), Value::String("string"), Value::String("list"),
                                         Value::String("record")};
    return kNames[static_cast<int>(c.args[0].kind())].WithOrigin(c.At());
  });
  table.Add("int", [](CallContext& c) {
    const Value& v = c.args[0];
    if (v.IsInt()) return v;
    if (v.IsFloat()) {
      if (!std::isfinite(v.AsFloat()) || std::fabs(v.AsFloat()) > 9.2e18)
        c.Fail(0, "number does not fit an int");
      return Value::Int(static_cast<int64_t>(v.AsFloat()), c.At());
    }
    const std::string& s = c.Str(0);
    errno = 0;
    char* end = nullptr;
    long long n = std::strtoll(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0' || errno == ERANGE) c.Fail(0, "\"" + s + "\" is not a decimal integer");
    return Value::Int(n, c.At());
  });
  table.Add("float", [](CallContext& c) {
    const Value& v = c.args[0];
    if (v.IsNumber()) return Value::Float(v.AsFloat(), c.At());
    const std::string& s = c.Str(0);
    char* end = nullptr;
    double d = std::strtod(s.c_str(), &end);
    if (s.empty() || *end != '\0' || !std::isfinite(d)) c.Fail(0, "\"" + s + "\" is not a finite number");
    return Value::Float(d, c.At());
  });
}

}  // namespace

void AddGeneralBuiltins(BuiltinTable& table) {
  AddCollectionBuiltins(table);
  AddStringBuiltins(table);
  AddDataBuiltins(table);
  AddConversionBuiltins(table);
}

namespace {

const std::map<std::string_view, Builtin, std::less<>>& Table() {
  static const BuiltinTable kTable = [] {
    BuiltinTable table;
    AddGeneralBuiltins(table);
    AddTextBuiltins(table);
    AddKubernetesBuiltins(table);
    AddMergeBuiltins(table);
    if (table.entries().size() != AllBuiltins().size()) {
      throw std::logic_error("a builtin of sema/builtins.cpp has no implementation");
    }
    return table;
  }();
  return kTable.entries();
}

}  // namespace

bool Evaluator::ReturnsPartsOfArgument(const Builtin& builtin) {
  std::string_view name = builtin.signature.name;
  return name == "podSpec" || name == "podTemplate" || name == "containers" || name == "allContainers";
}

const Builtin* Evaluator::FindBuiltin(std::string_view name) {
  auto it = Table().find(name);
  return it == Table().end() ? nullptr : &it->second;
}

Value Evaluator::CallBuiltin(const Builtin& builtin, const ast::Expr& call, const std::vector<const Value*>& args,
                             ModuleInfo& module) {
  if (std::optional<std::string> wrong = WrongBuiltinArity(builtin.signature, args.size())) {
    Fail(DiagnosticCode::E0304, call.range, std::move(*wrong));
  }
  CallContext context{*this, call, CallArgList{args}, module};
  Value result = builtin.fn(context);
  if (call_chain_ != kNoProvenance && result.provenance() == kNoProvenance && result.origin() == call.range) {
    result.set_provenance(call_chain_);
  }
  return result;
}

}  // namespace mast
