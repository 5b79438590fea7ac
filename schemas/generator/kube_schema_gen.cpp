// Build-time tool: converts the OpenAPI documents of one or more Kubernetes
// releases into the compact catalog bytes that libmast_schemas embeds.
//   kube_schema_gen OUT.bin RELEASE=SPEC.json...   (releases oldest first)
// Prints a one-line summary; conversion warnings go to stderr.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "schemas/openapi/catalog_merge.h"
#include "schemas/openapi/catalog_writer.h"
#include "schemas/openapi/openapi_convert.h"

namespace {

bool ReadRelease(const std::string& argument, mast::schemas::ReleaseModel* release) {
  const size_t equals = argument.find('=');
  if (equals == std::string::npos || equals == 0) {
    std::cerr << "kube_schema_gen: expected RELEASE=SPEC.json, found `" << argument << "`\n";
    return false;
  }
  release->name = argument.substr(0, equals);
  const std::string path = argument.substr(equals + 1);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "kube_schema_gen: cannot read " << path << "\n";
    return false;
  }
  std::stringstream text;
  text << in.rdbuf();
  std::string error;
  if (!mast::schemas::ConvertOpenApi(text.str(), &release->model, &error)) {
    std::cerr << "kube_schema_gen: " << path << ": " << error << "\n";
    return false;
  }
  return true;
}

// Writes to a temporary file and renames, so an interrupted build never
// leaves a truncated catalog behind.
bool WriteAtomically(const std::string& path, const std::string& bytes) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      std::cerr << "kube_schema_gen: cannot write " << temporary << "\n";
      return false;
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::cerr << "kube_schema_gen: cannot rename " << temporary << " to " << path << "\n";
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || static_cast<size_t>(argc - 2) > mast::schemas::kMaxReleases) {
    std::cerr << "usage: kube_schema_gen OUT.bin RELEASE=SPEC.json... (oldest first, at most 32)\n";
    return 2;
  }
  std::vector<mast::schemas::ReleaseModel> releases(static_cast<size_t>(argc - 2));
  for (int i = 2; i < argc; ++i) {
    if (!ReadRelease(argv[i], &releases[static_cast<size_t>(i - 2)])) return 1;
  }
  const mast::schemas::CatalogModel model = mast::schemas::MergeReleases(releases);
  for (const std::string& warning : model.warnings) std::cerr << "kube_schema_gen: warning: " << warning << "\n";
  mast::schemas::CatalogWriteOptions options;
  options.deflate_texts = true;
  const std::string bytes = mast::schemas::WriteCatalog(model, options);
  if (!WriteAtomically(argv[1], bytes)) return 1;
  std::cout << "kube_schema_gen: " << releases.size() << " releases, " << model.types.size() << " types, "
            << model.modules.size() << " modules, " << bytes.size() << " bytes\n";
  return 0;
}
