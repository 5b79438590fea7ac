// The engine of `mast check`: validate Kubernetes manifests (YAML, JSON,
// and compiled .mast files) as strictly as the API server would.
//
//   inputs (files, directories, stdin)  -> collect (inputs.h, --ignore globs)
//   CRDs (--crd, and CRDs among inputs) -> CrdRegistry
//   each file, in parallel               -> read (libyaml reader) or compile (.mast)
//                                        -> kind: List expansion
//                                        -> per object: removed API versions, CRD
//                                           schema / --schema-dir / catalog validation,
//                                           server-side rules
//   merge, in input order                -> ManifestCheckResult
//
// Everything the user wrote wrong is a Diagnostic in the result; files that
// cannot be read and unusable schema files are E0901 diagnostics counted in
// `io_errors` (the CLI exits 2 for them).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/base/source.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/value/value.h"
#include "schemas/check/inputs.h"

namespace mast {

class KubeCatalog;
struct CheckedObject;

// Sees the objects of manifest files as they are checked, so that a later
// phase (the policy linter) can do its work on each object while the object
// is in the cache, and need not keep every object's value.
class ObjectObserver {
 public:
  virtual ~ObjectObserver() = default;
  // Once, on the calling thread, after the input files are added to
  // `sources` and before any object is checked; up to `workers` threads
  // then call Observe. Not called (and nothing observed) when an input is a
  // .mast file: its sources join `sources` only after checking, and files
  // the observer adds must come after them.
  virtual void Start(SourceManager& sources, unsigned workers) = 0;
  // The checked objects of one chunk of a manifest file, in text order, on
  // the worker (< workers) that read them. Their values (kept with
  // ManifestCheckOptions::keep_values) have offsets in the chunk, which
  // starts `offset` bytes into the file: an origin `r` of the file is at
  // `r.begin + offset` (values not reset are moved to file offsets after
  // this call, so an observer that keeps none saves that walk). The
  // observer may reset the values it does not need kept.
  virtual void Observe(unsigned worker, std::vector<CheckedObject>& objects, uint32_t offset) = 0;
};

struct ManifestCheckOptions {
  // Files, directories (searched recursively for .yaml, .yml and .json;
  // hidden directories are skipped) and "-" for standard input. A named file
  // is checked whatever its extension; `.mast` files are compiled first.
  std::vector<std::string> paths;
  // Glob patterns of paths to leave out (see glob.h): from the command line,
  // and from a configuration file. They act alike; the result counts what
  // each left out, so that a config that ignores everything is noticed.
  // Default: none.
  std::vector<std::string> ignore;
  std::vector<std::string> config_ignore;
  // CustomResourceDefinition files or directories (--crd). Default: none.
  std::vector<std::string> crd_paths;
  // OpenAPI v2/v3 document replacing the embedded catalog (--schema), and
  // the Kubernetes release or range to validate for (--kubernetes-version);
  // see schemas/catalog_choice.h. Default: the newest built-in release.
  std::string schema_file;
  std::string kubernetes_version;
  SourceRange kubernetes_version_origin;  // when it came from .mast.yaml
  // A catalog the caller chose already (ChooseCatalog); when set, the three
  // fields above are not read. Must outlive the call. Default: none.
  const KubeCatalog* catalog = nullptr;
  // kubeconform-style directory of JSON schemas, consulted before the
  // catalog (--schema-dir); see schema_dir.h.
  std::string schema_dir;
  // Objects of unknown custom resource kinds are skipped instead of
  // reported. Kinds in built-in API groups are still reported.
  bool skip_unknown_kinds = false;
  // Every YAML input is a Kubernetes manifest (--strict-inputs): no file is
  // recognised as a workflow, compose file, chart or kustomization
  // (input_roles.h), and every document is checked as an object. Default
  // off: those files are skipped (a kustomization is validated as one), and
  // so are documents that do not look like Kubernetes objects.
  bool strict_inputs = false;
  // Run the server-side rules (names, labels, enums, ports, ...). Default on.
  bool server_rules = true;
  // Validate against the schema at all (--no-schema turns it off, for a run
  // of policies only). Default on.
  bool schema = true;
  // Keep each object's Value in the result, for the policy linter. Default off.
  bool keep_values = false;
  // Sees each object as it is checked (see ObjectObserver); must outlive
  // the call. Use the CheckManifests that fills a given result: the
  // observer is handed its `sources`. Default: none.
  ObjectObserver* observer = nullptr;
  // Files checked in parallel; the result does not depend on it. 0 = one
  // per hardware thread.
  unsigned jobs = 1;
  // Larger input files are rejected with E0603 (the reader's limit).
  size_t max_file_bytes = size_t{64} << 20;
  // Manifest files are read and checked in chunks of whole documents of
  // about this size, so that memory stays flat on big files. The result does
  // not depend on it (tests set it small to prove that). Chunks that fit in
  // the L2 cache measured fastest (bench/check/README.md).
  size_t chunk_bytes = size_t{64} << 10;
  // Add an "in Deployment default/web" note to each finding about an object.
  bool annotate_objects = true;
  // Name under which standard input is shown.
  std::string stdin_name = "<stdin>";
  // Text to use for "-" instead of reading standard input (tests).
  std::optional<std::string> stdin_text;
};

enum class ObjectStatus : uint8_t { kValid, kInvalid, kSkipped };

inline constexpr uint32_t kNoObject = 0xFFFFFFFFu;

struct CheckedObject {
  SourceRange range;  // the object's text (for .mast: the emitting expression)
  std::string api_version;
  std::string kind;
  std::string namespace_name;  // metadata.namespace, or ""
  std::string name;            // metadata.name (or generateName + "*"), or ""
  SourceRange name_range;      // where metadata.name is written (invalid without one)
  bool has_own_name = false;   // metadata.name is set (not generateName)
  Value value;                 // the object, when ManifestCheckOptions::keep_values
  ObjectStatus status = ObjectStatus::kValid;
  bool observed = false;  // ManifestCheckOptions::observer saw it
  uint32_t input = 0;  // index into ManifestCheckResult::inputs

  // "Deployment default/web", "ClusterRole reader", "Deployment (no name)".
  std::string DisplayName() const;
};

struct CheckedInput {
  std::string path;  // as found ("-" is shown as stdin_name)
  FileId file = kNoFile;  // kNoFile when it could not be read
  bool compiled = false;  // a .mast file
};

struct ManifestCheckResult {
  SourceManager sources;
  std::vector<CheckedInput> inputs;  // in input order
  // Sorted by input, then position. Diagnostics of .mast imports follow
  // their entry file's.
  std::vector<Diagnostic> diagnostics;
  // Parallel to `diagnostics`: the object each one is about, or kNoObject
  // (syntax errors, List envelopes, files that cannot be read).
  std::vector<uint32_t> diagnostic_objects;
  std::vector<CheckedObject> objects;  // in input order
  size_t io_errors = 0;  // inputs or schema sources that could not be read or used
  // Inputs that are not manifests, and manifest files with documents that
  // are not Kubernetes objects, with the reason (for --verbose).
  std::vector<SkippedInput> skipped_inputs;
  size_t skipped_files = 0;      // inputs skipped whole (not read)
  size_t ignored = 0;            // paths left out by ManifestCheckOptions::ignore
  size_t ignored_by_config = 0;  // paths left out by ManifestCheckOptions::config_ignore

  size_t CountObjects(ObjectStatus status) const;
  size_t ErrorCount() const;
};

ManifestCheckResult CheckManifests(const ManifestCheckOptions& options);
// The same, into `result` (which must be empty): an observer may keep
// references to `result.sources`, which this one does not move.
void CheckManifests(const ManifestCheckOptions& options, ManifestCheckResult& result);

class CrdRegistry;
// Reads the CRDs of `options.crd_paths` (files and directories) into
// `registry`. Unreadable paths (E0901) and broken CRD schemas go to
// `problems`; returns the number of I/O errors.
size_t LoadCrdFiles(const ManifestCheckOptions& options, SourceManager& sources, CrdRegistry& registry,
                    std::vector<Diagnostic>& problems);

}  // namespace mast
