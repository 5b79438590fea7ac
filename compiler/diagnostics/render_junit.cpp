// JUnit XML output: the de-facto schema that Jenkins, GitLab and the
// GitHub test-report actions read (testsuites > testsuite > testcase, with
// failure and skipped children).
#include <algorithm>
#include <map>

#include "compiler/diagnostics/render.h"

namespace mast {
namespace {

// Escapes text for an XML attribute or element, dropping characters XML
// 1.0 cannot carry (control characters other than tab and line breaks).
std::string Xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
  }
  return out;
}

struct Suite {
  std::string name;
  std::vector<const JunitCase*> cases;
};

bool Fails(const JunitCase& c, const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(c.diagnostics.begin(), c.diagnostics.end(), [&](size_t i) {
    return i < diagnostics.size() && diagnostics[i].severity == Severity::kError;
  });
}

}  // namespace

std::string RenderJunit(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                        const std::vector<JunitCase>& cases, const std::string& name) {
  std::vector<Suite> suites;
  std::map<std::string, size_t> suite_of;
  for (const JunitCase& c : cases) {
    auto [it, inserted] = suite_of.emplace(c.suite, suites.size());
    if (inserted) suites.push_back({c.suite, {}});
    suites[it->second].cases.push_back(&c);
  }
  size_t total_failures = 0;
  size_t total_skipped = 0;
  std::string body;
  for (const Suite& suite : suites) {
    size_t failures = 0;
    size_t skipped = 0;
    std::string cases_xml;
    for (const JunitCase* c : suite.cases) {
      cases_xml += "    <testcase classname=\"" + Xml(suite.name) + "\" name=\"" + Xml(c->name) + "\"";
      const bool fails = Fails(*c, diagnostics);
      if (!fails && !c->skipped) {
        cases_xml += "/>\n";
        continue;
      }
      cases_xml += ">\n";
      if (fails) {
        ++failures;
        std::string first;
        std::string type;
        std::string text;
        for (size_t i : c->diagnostics) {
          if (i >= diagnostics.size()) continue;
          const Diagnostic& d = diagnostics[i];
          if (first.empty() && d.severity == Severity::kError) {
            first = d.message;
            type = std::string(d.id());
          }
          text += LocationText(sources, d.range) + ": " + std::string(SeverityName(d.severity)) + "[" +
                  std::string(d.id()) + "]: " + d.message + "\n";
          for (const std::string& note : d.notes) text += "  = note: " + note + "\n";
        }
        cases_xml += "      <failure message=\"" + Xml(first) + "\" type=\"" + Xml(type) + "\">" + Xml(text) +
                     "</failure>\n";
      } else {
        ++skipped;
        cases_xml += "      <skipped message=\"" + Xml(c->skipped_message) + "\"/>\n";
      }
      cases_xml += "    </testcase>\n";
    }
    body += "  <testsuite name=\"" + Xml(suite.name) + "\" tests=\"" + std::to_string(suite.cases.size()) +
            "\" failures=\"" + std::to_string(failures) + "\" errors=\"0\" skipped=\"" + std::to_string(skipped) +
            "\">\n" + cases_xml + "  </testsuite>\n";
    total_failures += failures;
    total_skipped += skipped;
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"" + Xml(name) + "\" tests=\"" + std::to_string(cases.size()) + "\" failures=\"" +
         std::to_string(total_failures) + "\" errors=\"0\" skipped=\"" + std::to_string(total_skipped) + "\">\n";
  out += body;
  out += "</testsuites>\n";
  return out;
}

}  // namespace mast
