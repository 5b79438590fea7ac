// Renderers: consumers of Diagnostic values. Text is compiler-style
// (`file:line:col: error[E0401]: ...`, the source line, carets); JSON is the
// same data for tools; SARIF, JUnit and GitHub annotations are for CI.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"

namespace mast {

struct TextRenderOptions {
  bool color = false;     // ANSI colours (the CLI turns this on for a TTY)
  bool snippets = true;   // source lines with carets
  unsigned jobs = 1;      // threads for long lists (each renders a part)
};

std::string RenderText(const SourceManager& sources, const Diagnostic& diagnostic, const TextRenderOptions& options = {});
std::string RenderText(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                       const TextRenderOptions& options = {});
// The same, handed to `write` piece by piece, in order (for a report of
// megabytes, which need not be held whole).
void RenderTextTo(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                  const TextRenderOptions& options, const std::function<void(std::string_view)>& write);
// A JSON array; each element has code, severity, message, file, line,
// column, endLine, endColumn (1-based, byte columns), labels, notes and fix.
std::string RenderJson(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics);

// SARIF 2.1.0 (one run), for GitHub code scanning and other SARIF viewers.
// The driver lists every registered code as a rule (AllDiagnostics()), plus
// any rule id a finding carries in place of a code. Regions are 1-based with
// UTF-16 columns (`columnKind: utf16CodeUnits`, what code scanning expects);
// relative paths get `uriBaseId: %SRCROOT%`. Labels become related
// locations, a fix becomes a SARIF fix, notes follow the message text.
struct SarifRenderOptions {
  std::string tool_name = "mast";
  std::string tool_version;     // "" = not written
  std::string information_uri;  // "" = not written
  // Parallel to the diagnostics when not empty: the name of the object each
  // one is about ("Deployment default/web"), written as a logical location;
  // "" for none.
  std::vector<std::string> logical_locations;
  // Extra help text per rule id ("E0708" -> what the rule mirrors), written
  // as the rule's `help`.
  std::map<std::string, std::string, std::less<>> rule_help;
  // What SARIF viewers show about a rule that findings carry by id (the
  // policy rules): its description, rationale, remediation, reference page
  // and configured severity.
  struct RuleMetadata {
    std::string description;  // shortDescription
    std::string rationale;    // fullDescription
    std::string remediation;  // help
    std::string help_uri;
    Severity severity = Severity::kWarning;
  };
  std::map<std::string, RuleMetadata, std::less<>> rule_metadata;
  // The repository root (absolute, normally the nearest directory with
  // `.git`), written as `originalUriBaseIds` `%SRCROOT%`: every file URI is
  // then relative to it (`../` where a file lies outside), never `file:`.
  // Relative paths are taken relative to `working_directory` (absolute).
  // "" = paths are written as they are, relative ones against %SRCROOT%.
  std::string source_root;
  std::string working_directory;
};
std::string RenderSarif(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                        const SarifRenderOptions& options = {});

// JUnit XML, as CI systems read it: one <testsuite> per suite name (in
// first-seen order), one <testcase> per case, and a <failure> for a case with
// error diagnostics (warnings alone do not fail a case).
struct JunitCase {
  std::string suite;  // e.g. the file path
  std::string name;   // e.g. "Deployment default/web"
  std::vector<size_t> diagnostics;  // indices into the diagnostics passed along
  bool skipped = false;
  std::string skipped_message;
};
std::string RenderJunit(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                        const std::vector<JunitCase>& cases, const std::string& name = "mast");

// GitHub Actions workflow commands, one line per diagnostic:
// `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=E0501::message`
// (`::warning` / `::notice` by severity). Notes follow the message on lines
// of their own; values are escaped as the runner requires.
std::string RenderGithub(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics);

// "file:line:col" of a range's start ("<unknown>" when it has no file).
std::string LocationText(const SourceManager& sources, SourceRange range);

}  // namespace mast
