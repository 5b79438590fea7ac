// One `crd:` import: the CustomResourceDefinitions read from a file or a
// directory, compiled, with one member per kind. Built by LoadCrdModule,
// immutable afterwards (see crd_types.h for how the compiler sees it).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/types/external_types.h"
#include "schemas/check/crd_registry.h"

namespace mast {

struct CrdMember {
  std::string kind;         // "Certificate"
  std::string api_version;  // "cert-manager.io/v1"
  SchemaId schema = kNoSchema;  // the root of the version's schema; kNoSchema: anything goes
};

// The text of the files a `crd:` import names, in path order.
struct CrdFiles {
  std::string path;  // canonical: the file, or the directory
  std::string given;  // the same as the caller named it (normalized)
  bool directory = false;
  std::vector<std::pair<std::string, std::string>> files;  // (path, text)
  uint64_t fingerprint = 0;  // of the paths and texts, to notice changes
};

struct CrdModule {
  std::string path;      // canonical, as in the module path "crd:" + path
  size_t index = 0;      // in CustomResourceTypes' table (set once, when added)
  uint64_t fingerprint = 0;
  CrdRegistry registry;  // owns the compiled schemas
  std::vector<CrdMember> members;  // in kind order
  // Problems in the files, reported again at every import of the module:
  // each at the import (its range is set there), with a note at the place.
  std::vector<Diagnostic> problems;
};

// Limits of a `crd:` import.
inline constexpr size_t kMaxCrdFileBytes = size_t{16} << 20;
inline constexpr size_t kMaxCrdFiles = 1000;
inline constexpr size_t kMaxCrdTotalBytes = size_t{64} << 20;
// Schema nodes of one module (local ids are 20 bits; the top ones are
// reserved for synthesized types).
inline constexpr size_t kMaxCrdSchemaNodes = 0xF0000;

// Type ids of custom types (see crd_types.h): the high bit, 11 bits of
// module index, 20 bits of local id. Local ids past the schema nodes stand
// for a kind's root (kRootBase + member index), a plain string (apiVersion,
// kind) and anything (a version without a schema).
namespace crd_ids {
inline constexpr ExternalTypeId kCustomBit = 0x80000000u;
inline constexpr uint32_t kLocalBits = 20;
inline constexpr uint32_t kLocalMask = (1u << kLocalBits) - 1;
inline constexpr size_t kMaxModules = size_t{1} << 11;
inline constexpr uint32_t kRootBase = kMaxCrdSchemaNodes;
inline constexpr uint32_t kStringLocal = kLocalMask - 1;
inline constexpr uint32_t kAnyLocal = kLocalMask;
inline bool IsCustom(ExternalTypeId type) { return (type & kCustomBit) != 0; }
inline uint32_t LocalOf(ExternalTypeId type) { return type & kLocalMask; }
inline size_t ModuleIndexOf(ExternalTypeId type) { return (type & ~kCustomBit) >> kLocalBits; }
inline ExternalTypeId MakeId(size_t module, uint32_t local) {
  return kCustomBit | static_cast<ExternalTypeId>(module << kLocalBits) | local;
}
}  // namespace crd_ids

// Reads the file, or the .yaml/.yml/.json files directly in the directory,
// at `path` (a file there that is a link out of the directory is skipped:
// the caller confined the directory, not what its entries point to). On failure (missing, unreadable, too large) reports at `where`
// (`import_text`: the import as written) and returns false.
bool ReadCrdFiles(const std::string& path, std::string_view import_text, SourceRange where, DiagnosticSink& sink,
                  CrdFiles* out);

// Parses and compiles the CRDs in `files`. The module has no members when
// none of the files holds a usable CRD (then `problems` says why).
std::unique_ptr<CrdModule> BuildCrdModule(const CrdFiles& files);

}  // namespace mast
