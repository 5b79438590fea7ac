// Internal to schemas/check: one input's state in the check pipeline
// (check.cpp), and how its findings join the result (check_merge.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "schemas/check/check.h"
#include "schemas/check/inputs.h"
#include "schemas/check/object_check.h"

namespace mast::check_detail {

// One input file on its way through the pipeline.
struct Task {
  InputFile input;
  uint32_t index = 0;  // in ManifestCheckResult::inputs
  std::string text;    // manifest text until it moves into the SourceManager
  std::string read_error;
  FileId file = kNoFile;
  std::vector<Diagnostic> stray;  // reader and CRD-schema findings, attributed by range
  FileFindings findings;
  // .mast files: the compiler's own sources and findings.
  std::unique_ptr<SourceManager> mast_sources;
  std::vector<Diagnostic> compile_diagnostics;
};

// Adds one chunk's findings (in chunk offsets) to the file's; the kept object
// values are in file offsets already.
void AppendChunk(FileFindings& chunk, uint32_t base, FileFindings& file);

// Moves a task's files, findings and objects into the result, in order,
// without findings reported twice at one place.
void MergeTask(Task& task, const ManifestCheckOptions& options, ManifestCheckResult& result);

}  // namespace mast::check_detail
