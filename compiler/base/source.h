// Source files, byte ranges and on-demand line/column conversion.
// Every value and diagnostic in Mast refers to text through a SourceRange:
// a file id plus [begin, end) byte offsets. Line and column numbers are
// computed only when something is rendered.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace mast {

class ProvenanceTable;

using FileId = uint32_t;
inline constexpr FileId kNoFile = 0xFFFFFFFFu;

struct SourceRange {
  FileId file = kNoFile;
  uint32_t begin = 0;
  uint32_t end = 0;

  bool IsValid() const { return file != kNoFile; }
  // Whether `inner` lies within this range, in the same file.
  bool Contains(SourceRange inner) const {
    return IsValid() && file == inner.file && begin <= inner.begin && inner.end <= end;
  }
  static SourceRange Join(SourceRange a, SourceRange b);
  friend bool operator==(const SourceRange&, const SourceRange&) = default;
};

// 1-based line; 1-based column counted in bytes.
struct LineColumn {
  uint32_t line = 1;
  uint32_t column = 1;
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }

  LineColumn ToLineColumn(uint32_t offset) const;
  // The same, looking first among the lines just after `near_line`, a line
  // at or before the offset's (for offsets visited in order).
  LineColumn ToLineColumn(uint32_t offset, uint32_t near_line) const;
  // Byte offset of a 1-based line and 1-based byte column, clamped to the text.
  uint32_t ToOffset(uint32_t line, uint32_t column) const;
  // Column of `offset` in UTF-16 code units (0-based), as LSP wants it.
  uint32_t Utf16Column(uint32_t offset) const;
  // Byte offset for a 0-based line and 0-based UTF-16 column.
  uint32_t OffsetFromUtf16(uint32_t line0, uint32_t utf16_column) const;
  // Text of a 1-based line, without its line break.
  std::string_view LineText(uint32_t line) const;
  uint32_t LineCount() const { return static_cast<uint32_t>(LineStarts().size()); }

  // Text that a tool rendered from other files (`helm template` output):
  // where each part begins and the file it names as its source. Renderers
  // show a finding in such a part as `SOURCE (rendered, PATH:LINE:COL)`.
  // Empty for ordinary files.
  struct RenderedPart {
    uint32_t begin = 0;
    std::string source;  // "chart/templates/deployment.yaml"; "" = not rendered
  };
  const std::vector<RenderedPart>& rendered_parts() const { return rendered_parts_; }
  // The source of the part holding `offset`, or null.
  const std::string* RenderedFrom(uint32_t offset) const;

 private:
  friend class SourceManager;
  // Where each line starts, found the first time a position is asked for:
  // most files of a run (policy sources, inputs without findings) never are.
  const std::vector<uint32_t>& LineStarts() const;
  std::string path_;
  std::string text_;
  mutable std::once_flag lines_found_;
  mutable std::vector<uint32_t> line_starts_;
  std::vector<RenderedPart> rendered_parts_;  // sorted by begin
};

// Owns every source file of a run. Ids and the files they name stay valid
// for the manager's lifetime. Thread-safe: the policy linter's lanes may add
// files (`fromYaml`) while others read.
class SourceManager {
 public:
  SourceManager();
  ~SourceManager();
  SourceManager(SourceManager&& other) noexcept;
  SourceManager& operator=(SourceManager&& other) noexcept;

  FileId Add(std::string path, std::string text);
  const SourceFile& Get(FileId id) const;
  bool Has(FileId id) const;
  size_t size() const;
  // Finds a file by its path; kNoFile when absent.
  FileId Find(std::string_view path) const;
  // A file added with this path and exactly this text, or kNoFile.
  FileId FindSame(std::string_view path, std::string_view text) const;
  // A file a program read (`readFile`): its text goes to the program as a
  // string, and FindRead finds the file again by that text, so that values
  // parsed from the string (`fromYaml(readFile("values.yaml"))`) point into
  // the file. Only files added with AddRead are searched.
  FileId AddRead(std::string path, std::string text);
  FileId FindRead(std::string_view text) const;
  // Marks a file as rendered from others (see SourceFile::RenderedPart).
  // `parts` must be sorted by `begin`. Call it before other threads read
  // the file.
  void SetRenderedParts(FileId id, std::vector<SourceFile::RenderedPart> parts);

  // Where the run's values came from beyond their ranges (provenance.h):
  // the ids values carry refer to this table.
  ProvenanceTable& provenance() const { return *provenance_; }

 private:
  mutable std::mutex mutex_;
  std::unique_ptr<ProvenanceTable> provenance_;  // never null
  std::vector<std::unique_ptr<SourceFile>> files_;
  std::vector<FileId> read_files_;  // added with AddRead
};

}  // namespace mast
