#include "compiler/base/source.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "compiler/base/provenance.h"

namespace mast {

SourceRange SourceRange::Join(SourceRange a, SourceRange b) {
  if (!a.IsValid()) return b;
  if (!b.IsValid() || a.file != b.file) return a;
  return {a.file, std::min(a.begin, b.begin), std::max(a.end, b.end)};
}

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {}

const std::vector<uint32_t>& SourceFile::LineStarts() const {
  std::call_once(lines_found_, [this] {
    line_starts_.clear();  // (a first try that threw, out of memory, left a part)
    line_starts_.push_back(0);
    const char* const begin = text_.data();
    const char* const end = begin + text_.size();
    for (const char* at = begin; at < end;) {
      const void* found = std::memchr(at, '\n', static_cast<size_t>(end - at));
      if (found == nullptr) break;
      at = static_cast<const char*>(found) + 1;
      line_starts_.push_back(static_cast<uint32_t>(at - begin));
    }
  });
  return line_starts_;
}

LineColumn SourceFile::ToLineColumn(uint32_t offset) const {
  const std::vector<uint32_t>& lines = LineStarts();
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  auto it = std::upper_bound(lines.begin(), lines.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - lines.begin());
  return {line, offset - lines[line - 1] + 1};
}

LineColumn SourceFile::ToLineColumn(uint32_t offset, uint32_t near_line) const {
  const std::vector<uint32_t>& lines = LineStarts();
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  constexpr uint32_t kNear = 64;
  const uint32_t count = static_cast<uint32_t>(lines.size());
  if (near_line < 1 || near_line > count || lines[near_line - 1] > offset) return ToLineColumn(offset);
  const uint32_t last = std::min(count, near_line + kNear);
  if (last < count && lines[last] <= offset) return ToLineColumn(offset);
  auto it = std::upper_bound(lines.begin() + near_line, lines.begin() + last, offset);
  uint32_t line = static_cast<uint32_t>(it - lines.begin());
  return {line, offset - lines[line - 1] + 1};
}

uint32_t SourceFile::ToOffset(uint32_t line, uint32_t column) const {
  const std::vector<uint32_t>& lines = LineStarts();
  if (line == 0) line = 1;
  if (line > lines.size()) return static_cast<uint32_t>(text_.size());
  uint32_t start = lines[line - 1];
  uint32_t end = line < lines.size() ? lines[line] : static_cast<uint32_t>(text_.size());
  return std::min(start + (column == 0 ? 0 : column - 1), end);
}

std::string_view SourceFile::LineText(uint32_t line) const {
  const std::vector<uint32_t>& lines = LineStarts();
  if (line == 0 || line > lines.size()) return {};
  uint32_t start = lines[line - 1];
  uint32_t end = line < lines.size() ? lines[line] : static_cast<uint32_t>(text_.size());
  std::string_view view(text_.data() + start, end - start);
  while (!view.empty() && (view.back() == '\n' || view.back() == '\r')) view.remove_suffix(1);
  return view;
}

namespace {
// Number of UTF-16 units a UTF-8 sequence starting with `lead` encodes.
uint32_t Utf16Units(unsigned char lead) { return lead >= 0xF0 ? 2 : 1; }
bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }
}  // namespace

uint32_t SourceFile::Utf16Column(uint32_t offset) const {
  const std::vector<uint32_t>& lines = LineStarts();
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  LineColumn lc = ToLineColumn(offset);
  uint32_t units = 0;
  for (uint32_t i = lines[lc.line - 1]; i < offset; ++i) {
    unsigned char c = static_cast<unsigned char>(text_[i]);
    if (!IsContinuation(c)) units += Utf16Units(c);
  }
  return units;
}

uint32_t SourceFile::OffsetFromUtf16(uint32_t line0, uint32_t utf16_column) const {
  const std::vector<uint32_t>& lines = LineStarts();
  if (line0 >= lines.size()) return static_cast<uint32_t>(text_.size());
  uint32_t i = lines[line0];
  uint32_t units = 0;
  while (i < text_.size() && text_[i] != '\n' && units < utf16_column) {
    unsigned char c = static_cast<unsigned char>(text_[i]);
    units += Utf16Units(c);
    ++i;
    while (i < text_.size() && IsContinuation(static_cast<unsigned char>(text_[i]))) ++i;
  }
  return i;
}

SourceManager::SourceManager() : provenance_(std::make_unique<ProvenanceTable>()) {}

SourceManager::~SourceManager() = default;

SourceManager::SourceManager(SourceManager&& other) noexcept {
  std::lock_guard<std::mutex> lock(other.mutex_);
  files_ = std::move(other.files_);
  read_files_ = std::move(other.read_files_);
  provenance_ = std::exchange(other.provenance_, std::make_unique<ProvenanceTable>());
}

SourceManager& SourceManager::operator=(SourceManager&& other) noexcept {
  if (this != &other) {
    std::scoped_lock lock(mutex_, other.mutex_);
    files_ = std::move(other.files_);
    read_files_ = std::move(other.read_files_);
    provenance_ = std::exchange(other.provenance_, std::make_unique<ProvenanceTable>());
  }
  return *this;
}

FileId SourceManager::Add(std::string path, std::string text) {
  auto file = std::make_unique<SourceFile>(std::move(path), std::move(text));
  std::lock_guard<std::mutex> lock(mutex_);
  files_.push_back(std::move(file));
  return static_cast<FileId>(files_.size() - 1);
}

const SourceFile& SourceManager::Get(FileId id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return *files_.at(id);
}

bool SourceManager::Has(FileId id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return id < files_.size();
}

size_t SourceManager::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return files_.size();
}

FileId SourceManager::FindSame(std::string_view path, std::string_view text) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (size_t i = 0; i < files_.size(); ++i) {
    if (files_[i]->path() == path && files_[i]->text() == text) return static_cast<FileId>(i);
  }
  return kNoFile;
}

FileId SourceManager::AddRead(std::string path, std::string text) {
  FileId id = Add(std::move(path), std::move(text));
  std::lock_guard<std::mutex> lock(mutex_);
  read_files_.push_back(id);
  return id;
}

FileId SourceManager::FindRead(std::string_view text) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (FileId id : read_files_) {
    if (files_[id]->text().size() == text.size() && files_[id]->text() == text) return id;
  }
  return kNoFile;
}

void SourceManager::SetRenderedParts(FileId id, std::vector<SourceFile::RenderedPart> parts) {
  std::lock_guard<std::mutex> lock(mutex_);
  files_.at(id)->rendered_parts_ = std::move(parts);
}

const std::string* SourceFile::RenderedFrom(uint32_t offset) const {
  auto after = std::upper_bound(rendered_parts_.begin(), rendered_parts_.end(), offset,
                                [](uint32_t value, const RenderedPart& part) { return value < part.begin; });
  if (after == rendered_parts_.begin() || (after - 1)->source.empty()) return nullptr;
  return &(after - 1)->source;
}

FileId SourceManager::Find(std::string_view path) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (size_t i = 0; i < files_.size(); ++i) {
    if (files_[i]->path() == path) return static_cast<FileId>(i);
  }
  return kNoFile;
}

}  // namespace mast
