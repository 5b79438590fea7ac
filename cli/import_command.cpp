// `mast import`: existing Kubernetes manifests -> a Mast program that emits
// the same objects, typed (`apps.Deployment { ... }`) wherever the target
// Kubernetes release knows the kind, with the imports it needs; with `--crd`,
// schemas for CustomResourceDefinitions; with `--values`, a schema for a Helm
// chart's values (import_schemas.h). YAML comments are carried over
// (import_comments.h).
#include <unistd.h>

#include <cstdio>
#include <map>
#include <set>

#include "cli/commands.h"
#include "cli/diagnostics_output.h"
#include "cli/import_comments.h"
#include "cli/import_factor.h"
#include "cli/import_schemas.h"
#include "compiler/base/file_io.h"
#include "compiler/base/output_file.h"
#include "compiler/emit/mast_writer.h"
#include "compiler/format/format.h"
#include "compiler/syntax/keywords.h"
#include "compiler/yaml/yaml_reader.h"
#include "schemas/catalog_choice.h"
#include "schemas/check/object_check.h"
#include "schemas/kube_catalog.h"

namespace mast::cli {
namespace {

constexpr size_t kMaxInputBytes = size_t{64} << 20;

// The objects of the inputs, in order, with `kind: List` envelopes opened.
void CollectObjects(const Value& document, int depth, std::vector<Value>& out) {
  if (IsListDocument(document) && depth < 8) {
    if (const Value* items = document.Find("items"); items != nullptr && items->IsList()) {
      for (const Value& item : items->AsList()) CollectObjects(item, depth + 1, out);
    }
    return;
  }
  if (!document.IsNull()) out.push_back(document);
}

// Aliases for the modules the program imports: the package name ("apps"),
// or package and version when two versions of one package are used.
class Imports {
 public:
  std::string AliasFor(std::string_view module) {
    if (auto it = aliases_.find(std::string(module)); it != aliases_.end()) return it->second;
    // "k8s/apps/v1" -> package "apps", version "v1".
    const size_t first = module.find('/');
    const size_t last = module.rfind('/');
    std::string alias(module.substr(first + 1, last - first - 1));
    if (used_.count(alias) || IsMastKeyword(alias)) alias += std::string(module.substr(last + 1));
    used_.insert(alias);
    aliases_.emplace(std::string(module), alias);
    return alias;
  }

  std::string Text() const {
    std::string text;
    for (const auto& [module, alias] : aliases_) text += "import \"" + module + "\" as " + alias + "\n";
    return text;
  }

 private:
  std::map<std::string, std::string> aliases_;  // module -> alias, written in module order
  std::set<std::string> used_;
};

// `emit apps.Deployment { ... }` for a kind the catalog knows (apiVersion
// and kind then come from the type), `emit { apiVersion: ..., ... }` else.
void WriteObject(const Value& object, const KubeCatalog& catalog, Imports& imports, YamlComments& comments,
                 const Factoring* factoring, std::string& body) {
  const std::string* api_version = object.FindString("apiVersion");
  const std::string* kind = object.FindString("kind");
  std::optional<ExternalTypeId> type;
  if (api_version != nullptr && kind != nullptr) type = catalog.FindResource(*api_version, *kind);
  // The comments above the document (`# Source: chart/templates/x.yaml`).
  if (object.IsMap() && !object.AsMap().empty()) body += MastCommentLines(comments.Above(object.AsMap()[0].key_range), 0);
  MastWriteHooks hooks = comments.Hooks();
  if (factoring != nullptr) hooks.name_of = [factoring](const Value& record) { return factoring->NameOf(record); };
  body += "emit ";
  if (!type || !object.IsMap()) {
    WriteMastValue(object, 0, body, &hooks);
    body += "\n";
    return;
  }
  body += imports.AliasFor(catalog.ModuleOf(*type)) + "." + std::string(catalog.ShortName(*type)) + " ";
  ValueMap fields;
  for (const MapEntry& entry : object.AsMap()) {
    if (entry.key != "apiVersion" && entry.key != "kind") fields.push_back(entry);
  }
  WriteMastValue(Value::Map(std::move(fields)), 0, body, &hooks);
  body += "\n";
}

// Reads one input; false (with the problems printed) when it cannot be used.
bool ReadObjects(const std::string& path, SourceManager& sources, std::vector<Value>& objects) {
  std::string text;
  std::string error;
  const bool is_stdin = path == "-";
  const bool read = is_stdin ? ReadDescriptorToString(STDIN_FILENO, "<stdin>", &text, &error, kMaxInputBytes)
                             : ReadInputToString(path, &text, &error, kMaxInputBytes);
  if (!read) {
    std::fprintf(stderr, "mast: error[E0901]: %s\n", error.c_str());
    return false;
  }
  const FileId file = sources.Add(is_stdin ? "<stdin>" : path, std::move(text));
  DiagnosticSink sink;
  std::vector<YamlDocument> documents = ReadYamlStream(file, sources.Get(file).text(), sink);
  if (sink.HasErrors()) {
    PrintDiagnostics(sources, sink.diagnostics(), OutputOptions{});
    return false;
  }
  for (const YamlDocument& document : documents) {
    if (document.empty) continue;
    if (!HasMastLiteral(document.value)) {
      std::fprintf(stderr, "mast: error: %s holds a NaN or infinite number, which Mast cannot write\n", path.c_str());
      return false;
    }
    CollectObjects(document.value, 0, objects);
  }
  return true;
}

// `--crd` and `--values`: schema declarations into `writer`, the values
// param into `body`. An exit code when an input cannot be used.
std::optional<int> WriteSchemas(const ImportOptions& options, SourceManager& sources, MastSchemaWriter& writer,
                                std::string& body) {
  for (const std::string& path : options.crds) {
    std::vector<Value> crds;
    if (!ReadObjects(path, sources, crds)) return kExitUsage;
    size_t skipped = 0;
    if (WriteCrdSchemas(crds, writer, skipped) == 0) {
      std::fprintf(stderr, "mast: error: %s holds no CustomResourceDefinition with a served version\n", path.c_str());
      return kExitUsage;
    }
    if (skipped > 0) {
      std::fprintf(stderr, "mast: note: %s: %zu %s left out\n", path.c_str(), skipped,
                   skipped == 1 ? "object that is not a CustomResourceDefinition was"
                                : "objects that are not CustomResourceDefinitions were");
    }
  }
  if (!options.values.empty()) {
    std::vector<Value> documents;
    if (!ReadObjects(options.values, sources, documents)) return kExitUsage;
    std::string param = documents.size() == 1 ? WriteValuesSchema(documents.front(), writer) : "";
    if (param.empty()) {
      std::fprintf(stderr, "mast: error: %s is not one YAML mapping of chart values\n", options.values.c_str());
      return kExitUsage;
    }
    body += "\n" + param;
  }
  return std::nullopt;
}

}  // namespace

int RunImport(const ImportOptions& options) {
  DiagnosticSink choice_problems;
  const ChosenCatalog chosen = ChooseCatalog({"", options.kubernetes_version, {}}, choice_problems);
  if (chosen.catalog == nullptr) {
    std::fprintf(stderr, "mast: error: %s\n", chosen.error.c_str());
    return kExitUsage;
  }
  if (options.files.empty() && options.crds.empty() && options.values.empty()) {
    std::fprintf(stderr, "mast: error: give manifests to import, or --crd FILE, or --values FILE\n");
    return kExitUsage;
  }
  SourceManager sources;
  std::vector<Value> objects;
  for (const std::string& path : options.files) {
    if (!ReadObjects(path, sources, objects)) return kExitUsage;
  }
  MastSchemaWriter schemas;
  std::string body;
  if (std::optional<int> failed = WriteSchemas(options, sources, schemas, body)) return *failed;
  Imports imports;
  YamlComments comments(sources);
  std::optional<Factoring> factoring;
  if (options.factor) factoring.emplace(objects);
  for (const Value& object : objects) {
    body += "\n";
    WriteObject(object, *chosen.catalog, imports, comments, factoring ? &*factoring : nullptr, body);
  }
  // After the objects, so that a factored record keeps the comments of its
  // first occurrence.
  if (factoring && factoring->size() > 0) body = "\n" + factoring->Declarations(comments.Hooks()) + body;
  std::string program = "// Imported with `mast import` from";
  for (const std::string& path : options.files) program += " " + (path == "-" ? std::string("<stdin>") : path);
  for (const std::string& path : options.crds) program += " --crd " + path;
  if (!options.values.empty()) program += " --values " + options.values;
  program += ".\n" + imports.Text() + (schemas.text().empty() ? "" : "\n" + schemas.text()) + body;
  // One canonical layout, as `mast fmt` writes it.
  const SourceFile written("<import>", program);
  const FormatResult formatted = FormatMast(written, 0);
  if (formatted.ok) program = formatted.text;
  if (options.output.empty()) {
    std::fwrite(program.data(), 1, program.size(), stdout);
    return kExitClean;
  }
  std::string error;
  if (!WriteOutputFile(options.output, program, &error)) {
    std::fprintf(stderr, "mast: error[E0901]: %s\n", error.c_str());
    return kExitUsage;
  }
  return kExitClean;
}

}  // namespace mast::cli
