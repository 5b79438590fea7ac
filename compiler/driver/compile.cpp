#include "driver/compile.h"

#include "base/large_stack.h"
#include "check/static_checker.h"

namespace mast {
namespace {

// The value of a literal expression (numbers, booleans, null, plain strings,
// and lists and records of literals); nullopt for anything else.
std::optional<Value> LiteralValue(const ast::Expr& expr, SourceRange origin) {
  using K = ast::ExprKind;
  switch (expr.kind) {
    case K::kNull: return Value::Null(origin);
    case K::kInt: return Value::Int(expr.int_value, origin);
    case K::kFloat: return Value::Float(expr.float_value, origin);
    case K::kBool: return Value::Bool(expr.bool_value, origin);
    case K::kString:
      if (expr.parts.size() == 1 && !expr.parts[0].expr) return Value::String(expr.parts[0].text, origin);
      return std::nullopt;
    case K::kList: {
      ValueList items;
      for (const ast::ListItem& item : expr.items) {
        if (item.comprehension || !item.value) return std::nullopt;
        std::optional<Value> value = LiteralValue(*item.value, origin);
        if (!value) return std::nullopt;
        items.push_back(std::move(*value));
      }
      return Value::List(std::move(items), origin);
    }
    case K::kRecord: {
      ValueMap entries;
      for (const ast::RecordEntry& entry : expr.entries) {
        if (entry.kind != ast::RecordEntry::Kind::kField || entry.key_expr || !entry.value) return std::nullopt;
        std::optional<Value> value = LiteralValue(*entry.value, origin);
        if (!value) return std::nullopt;
        entries.push_back({entry.key, origin, std::move(*value)});
      }
      return Value::Map(std::move(entries), origin);
    }
    default: return std::nullopt;
  }
}

// Turns each "-D name=value" into a value whose origin is a synthetic
// "<command line>" source, so errors about it render with a caret.
std::vector<ParamOverride> ParseDefines(SourceManager& sources, const std::vector<std::string>& defines,
                                        const ParseOptions& parse_options, DiagnosticSink& sink) {
  std::vector<ParamOverride> out;
  for (const std::string& define : defines) {
    std::string text = "-D " + define;
    FileId file = sources.Add("<command line>", text);
    size_t equals = define.find('=');
    if (equals == std::string::npos || equals == 0) {
      sink.Report(DiagnosticCode::E0410, {file, 3, static_cast<uint32_t>(text.size())},
                  "`-D " + define + "` needs the form `-D name=value`");
      continue;
    }
    ParamOverride param;
    param.name = define.substr(0, equals);
    param.raw = define.substr(equals + 1);
    uint32_t value_begin = static_cast<uint32_t>(3 + equals + 1);
    param.range = {file, value_begin, static_cast<uint32_t>(text.size())};
    param.name_range = {file, 3, static_cast<uint32_t>(3 + equals)};
    param.value = Value::String(param.raw, param.range);
    // Literals (numbers, booleans, quoted strings, lists, records) are read as
    // Mast; anything else stays the raw string.
    FileId value_file = sources.Add("<command line>", param.raw);
    DiagnosticSink scratch;
    ast::ExprPtr expr = ParseExpression(sources.Get(value_file), value_file, scratch, parse_options);
    if (!scratch.HasErrors() && expr) {
      if (std::optional<Value> literal = LiteralValue(*expr, param.range)) {
        param.value = *literal;
        param.parsed = true;
      }
    }
    out.push_back(std::move(param));
  }
  return out;
}

}  // namespace

CompileResult Compile(SourceManager& sources, const std::vector<std::string>& files, const CompileOptions& options) {
  CompileResult result;
  RunWithLargeStack([&] {
    result.program = LoadProgram(sources, files, options, result.diagnostics);
    std::vector<ParamOverride> params = ParseDefines(sources, options.defines, options.parse, result.diagnostics);
    if (result.diagnostics.HasErrors()) return;  // do not evaluate a program that does not parse
    CheckProgram(*result.program, sources, options.limits, result.diagnostics);
    if (result.diagnostics.HasErrors()) return;  // type errors found statically stop here
    EvalResult evaluated = EvaluateProgram(*result.program, sources, params, options.limits, result.diagnostics);
    result.documents = std::move(evaluated.documents);
  });
  SortDiagnostics(result.diagnostics.mutable_diagnostics());
  return result;
}

}  // namespace mast
