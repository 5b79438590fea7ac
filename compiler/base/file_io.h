// Reading whole files and replacing files atomically. These report
// environment failures as an error string (lowercase, no trailing period,
// naming the path), never as diagnostics; callers turn them into E0901.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mast {

// Reads the file at `path` into `*out`. Fails (returns false and sets
// `*error`) when the file cannot be opened or read, is a directory, or is
// larger than `max_bytes`; `*out` is then unspecified. Works for pipes and
// other files whose size is not known in advance.
bool ReadFileToString(const std::string& path, std::string* out, std::string* error, size_t max_bytes);

// Replaces the file at `path` with `contents` so that readers see either the
// old file or the complete new one, never a mix: writes a temporary file in
// the same directory, fsyncs it, renames it over `path`, then fsyncs the
// directory. A new file gets mode 0666 minus the umask; an existing file
// keeps its mode. On failure `*error` is set, the old file is untouched and
// the temporary file is removed. If `path` is a symbolic link, the link
// itself is replaced by a regular file.
bool WriteFileAtomically(const std::string& path, std::string_view contents, std::string* error);

}  // namespace mast
