// Build-time tool: converts a Kubernetes OpenAPI document into the compact
// catalog bytes that libmast_schemas embeds.
//   kube_schema_gen SPEC.json OUT.bin
// Prints a one-line summary; conversion warnings go to stderr.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "schemas/openapi/catalog_writer.h"
#include "schemas/openapi/openapi_convert.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: kube_schema_gen SPEC.json OUT.bin\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "kube_schema_gen: cannot read " << argv[1] << " (run scripts/fetch-spec.sh)\n";
    return 1;
  }
  std::stringstream text;
  text << in.rdbuf();

  mast::schemas::CatalogModel model;
  std::string error;
  if (!mast::schemas::ConvertOpenApi(text.str(), &model, &error)) {
    std::cerr << "kube_schema_gen: " << argv[1] << ": " << error << "\n";
    return 1;
  }
  for (const std::string& warning : model.warnings) std::cerr << "kube_schema_gen: warning: " << warning << "\n";
  const std::string bytes = mast::schemas::WriteCatalog(model);

  // Write to a temporary file and rename, so an interrupted build never
  // leaves a truncated catalog behind.
  const std::string temporary = std::string(argv[2]) + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      std::cerr << "kube_schema_gen: cannot write " << temporary << "\n";
      return 1;
    }
  }
  if (std::rename(temporary.c_str(), argv[2]) != 0) {
    std::cerr << "kube_schema_gen: cannot rename " << temporary << " to " << argv[2] << "\n";
    return 1;
  }
  std::cout << "kube_schema_gen: " << model.types.size() << " types, " << model.modules.size() << " modules, "
            << bytes.size() << " bytes\n";
  return 0;
}
