// Diagnostics written straight to JSON text (lsp/protocol/json_text.h): the
// text must parse, as the JSON a client expects, whatever the strings hold.
#include <catch2/catch.hpp>

#include <string>

#include "lsp/protocol/json.h"
#include "lsp/protocol/json_text.h"

using namespace mast::lsp;

namespace {

Json ParseText(const std::string& text) {
  Json parsed = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  REQUIRE_FALSE(parsed.is_discarded());
  return parsed;
}

std::string StringAsJson(std::string_view text) {
  std::string out;
  AppendJsonString(out, text);
  return out;
}

}  // namespace

TEST_CASE("strings are escaped as JSON and invalid UTF-8 becomes U+FFFD", "[json_text]") {
  CHECK(ParseText(StringAsJson("plain `name`")) == "plain `name`");
  CHECK(StringAsJson("a \"quote\", a \\ and a\ttab\n") == "\"a \\\"quote\\\", a \\\\ and a\\ttab\\n\"");
  CHECK(StringAsJson(std::string("nul \0 bell \x07 del \x7f", 18)) == "\"nul \\u0000 bell \\u0007 del \x7f\"");
  // Valid UTF-8 is kept as it is: two, three and four bytes.
  CHECK(ParseText(StringAsJson("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80")) == "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
  const std::string fffd = "\xEF\xBF\xBD";
  // A stray continuation byte, a byte that never starts UTF-8, a sequence
  // cut short, an overlong `/`, a UTF-16 surrogate, a code point past U+10FFFF.
  CHECK(ParseText(StringAsJson("a\x80z")) == "a" + fffd + "z");
  CHECK(ParseText(StringAsJson("\xFF")) == fffd);
  CHECK(ParseText(StringAsJson("\xE2\x82")) == fffd + fffd);
  CHECK(ParseText(StringAsJson("\xC0\xAF")) == fffd + fffd);
  CHECK(ParseText(StringAsJson("\xED\xA0\x80")) == fffd + fffd + fffd);
  CHECK(ParseText(StringAsJson("\xF4\x90\x80\x80")) == fffd + fffd + fffd + fffd);
  // Cut off at the end of the text.
  CHECK(ParseText(StringAsJson("ok\xF0\x9F\x98")) == "ok" + fffd + fffd + fffd);
}

TEST_CASE("a publishDiagnostics notification written as text", "[json_text]") {
  PublishDiagnosticsParams params;
  params.uri = "file:///w/app \"one\".mast";
  params.version = 7;
  Diagnostic error;
  error.range = {{2, 4}, {2, 11}};
  error.severity = DiagnosticSeverity::kError;
  error.code = "E0501";
  error.source = "mast";
  error.message = "unknown field `replica`; did you mean `replicas`?";
  error.related.push_back({{"file:///w/lib.mast", {{9, 0}, {9, 3}}}, "`make` is called here"});
  error.fix_title = "Replace with `replicas`";
  error.fix_edits = std::vector<TextEdit>{{{{2, 4}, {2, 11}}, "replicas"}};
  Diagnostic finding;
  finding.range = {{0, 0}, {0, 1}};
  finding.severity = DiagnosticSeverity::kInformation;
  finding.code = "network-policy-missing";
  finding.message = "no NetworkPolicy selects the pods of Deployment `web`\n\xFF";
  finding.code_description_href = "https://example.com/rules.md#network-policy-missing";
  params.diagnostics = {error, finding};

  const Json message = ParseText(PublishDiagnosticsMessage(params));
  const Json expected = {
      {"jsonrpc", "2.0"},
      {"method", "textDocument/publishDiagnostics"},
      {"params",
       {{"uri", "file:///w/app \"one\".mast"},
        {"version", 7},
        {"diagnostics",
         {{{"range", {{"start", {{"line", 2}, {"character", 4}}}, {"end", {{"line", 2}, {"character", 11}}}}},
           {"severity", 1},
           {"code", "E0501"},
           {"source", "mast"},
           {"message", "unknown field `replica`; did you mean `replicas`?"},
           {"relatedInformation",
            {{{"location",
               {{"uri", "file:///w/lib.mast"},
                {"range", {{"start", {{"line", 9}, {"character", 0}}}, {"end", {{"line", 9}, {"character", 3}}}}}}},
              {"message", "`make` is called here"}}}},
           {"data",
            {{"fixTitle", "Replace with `replicas`"},
             {"fixEdits",
              {{{"range", {{"start", {{"line", 2}, {"character", 4}}}, {"end", {{"line", 2}, {"character", 11}}}}},
                {"newText", "replicas"}}}}}}},
          {{"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 1}}}}},
           {"severity", 3},
           {"code", "network-policy-missing"},
           {"codeDescription", {{"href", "https://example.com/rules.md#network-policy-missing"}}},
           {"message", "no NetworkPolicy selects the pods of Deployment `web`\n\xEF\xBF\xBD"}}}}}}};
  CHECK(message == expected);

  // Without a version, and with no diagnostics: an empty list, no version.
  PublishDiagnosticsParams empty;
  empty.uri = "file:///w/b.mast";
  const Json cleared = ParseText(PublishDiagnosticsMessage(empty));
  CHECK(cleared["params"] == Json{{"uri", "file:///w/b.mast"}, {"diagnostics", Json::array()}});

  // A diagnostic inside another value (a code action's) reads back the same.
  CHECK(ToJson(error) == expected["params"]["diagnostics"][0]);
}
