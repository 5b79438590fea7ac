#include "compiler/driver/compile.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "compiler/base/large_stack.h"
#include "compiler/check/static_checker.h"

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

// Errors that make checking the program pointless: everything but syntax
// errors, whose broken declarations the checker skips, E0209, which stands
// for errors in another file, and imports that could not be loaded, whose
// aliases the checker knows to be broken (ModuleInfo::failed_imports).
bool StopsChecking(const Diagnostic& d) {
  if (d.severity != Severity::kError) return false;
  switch (d.code) {
    case DiagnosticCode::E0101: case DiagnosticCode::E0102: case DiagnosticCode::E0104:
    case DiagnosticCode::E0105: case DiagnosticCode::E0209:
    case DiagnosticCode::E0103: case DiagnosticCode::E0202: case DiagnosticCode::E0208: case DiagnosticCode::E0210:
      return false;
    default:
      return true;
  }
}

// Errors that make evaluating the program pointless: any but syntax errors
// (the declarations that parse are evaluated for the object checks) and
// E0209. A broken import stops evaluation: its values are missing.
bool StopsEvaluation(const Diagnostic& d) {
  if (d.severity != Severity::kError) return false;
  switch (d.code) {
    case DiagnosticCode::E0101: case DiagnosticCode::E0102: case DiagnosticCode::E0104:
    case DiagnosticCode::E0105: case DiagnosticCode::E0209:
      return false;
    default:
      return true;
  }
}

bool HasAny(const DiagnosticSink& sink, bool (*predicate)(const Diagnostic&)) {
  const std::vector<Diagnostic>& all = sink.diagnostics();
  return std::any_of(all.begin(), all.end(), predicate);
}

// E0209 at every import of a file that has errors, with a label at that
// file's first error: the importer's own diagnostics say why its build
// fails (an editor shows only the open file's), and uses of the file's
// names are not reported one by one. Runs to a fixed point, so an import
// of a file whose own import is broken is reported too.
void ReportBrokenImports(const Program& program, DiagnosticSink& sink) {
  std::map<FileId, Label> first_error;
  auto note = [&](const Diagnostic& d) {
    if (d.severity != Severity::kError || !d.range.IsValid()) return;
    auto [it, inserted] = first_error.try_emplace(d.range.file, Label{d.range, ""});
    if (!inserted && it->second.range.begin <= d.range.begin) return;
    it->second = {d.range, "the first error in this file: " + d.message};
  };
  for (const Diagnostic& d : sink.diagnostics()) note(d);
  std::set<const ast::Import*> reported;
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& module : program.modules) {
      for (const ast::Import& import : module->ast.imports) {
        auto target = module->imports.find(import.alias);
        if (target == module->imports.end() || target->second.IsExternal()) continue;
        auto error = first_error.find(target->second.module->file);
        if (error == first_error.end() || !reported.insert(&import).second) continue;
        const std::string name = std::filesystem::path(target->second.module->path).filename().string();
        Diagnostic& d = sink.Report(DiagnosticCode::E0209, import.path_range, "imported file `" + name + "` has errors");
        d.labels.push_back(error->second);
        note(d);
        changed = true;
      }
    }
  }
}

}  // namespace

CompileResult Compile(SourceManager& sources, const std::vector<std::string>& files, const CompileOptions& options) {
  CompileResult result;
  RunWithLargeStack([&] {
    result.program = LoadProgram(sources, files, options, result.diagnostics);
    std::vector<ParamOverride> params = ParseDefines(sources, options.defines, options.parse, result.diagnostics);
    for (const auto& module : result.program->modules) result.has_syntax_errors |= module->has_syntax_errors;
    // Syntax errors do not stop checking: the declarations that parse are
    // checked, and evaluated when nothing else is wrong (their documents
    // serve the object checks; `mast build` writes none).
    if (!HasAny(result.diagnostics, StopsChecking)) {
      CheckProgram(*result.program, result.diagnostics, options.semantic_index);
    } else if (options.semantic_index) {
      // The editor still navigates a program that cannot be checked.
      DiagnosticSink unread;
      CheckProgram(*result.program, unread, options.semantic_index);
    }
    ReportBrokenImports(*result.program, result.diagnostics);
    if (options.check_only) return;
    if (HasAny(result.diagnostics, StopsEvaluation)) return;  // errors found statically stop here
    EvalResult evaluated = EvaluateProgram(*result.program, sources, params, options.limits, result.diagnostics);
    result.documents = std::move(evaluated.documents);
    result.fields_validated = std::move(evaluated.fields_validated);
  });
  SortDiagnostics(result.diagnostics.mutable_diagnostics());
  return result;
}

}  // namespace mast
