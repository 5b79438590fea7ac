// Reading whole files and replacing files atomically. These report
// environment failures as an error string (lowercase, no trailing period,
// naming the path), never as diagnostics; callers turn them into E0901.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mast {

// Reads the regular file at `path` into `*out`. Fails (returns false and
// sets `*error`) when the file cannot be opened or read, is a directory, is
// not a regular file (a FIFO, device or socket: opening never blocks), or is
// larger than `max_bytes`; `*out` is then unspecified. Files whose size is
// not known in advance (/proc) are read to their end.
bool ReadFileToString(const std::string& path, std::string* out, std::string* error, size_t max_bytes);

// Like ReadFileToString, but also reads pipes and devices (a path the user
// named as an input, such as /dev/stdin or a process substitution).
bool ReadInputToString(const std::string& path, std::string* out, std::string* error, size_t max_bytes);

// Reads the open descriptor `fd` (standard input) to its end, stopping with
// an error as soon as more than `max_bytes` arrive. `name` is used in errors.
bool ReadDescriptorToString(int fd, const std::string& name, std::string* out, std::string* error, size_t max_bytes);

// The error text of a read that stopped at `max_bytes`, and its test.
std::string TooLargeError(const std::string& name, size_t max_bytes);
bool IsTooLargeError(std::string_view error);

// `dir/.name.tmp-PID-COUNTER-RANDOM` for `dir/name`: the naming of every
// temporary file or directory that output_file.h cleans up.
std::string TemporaryPath(const std::string& path);

// "cannot write `path`: no space left on device".
std::string IoFailure(std::string_view what, const std::string& path, int error_number);

// Writes all of `contents` to `fd`, retrying short writes; false with
// `*error_number` set on failure.
bool WriteAllTo(int fd, std::string_view contents, int* error_number);

// Replaces the file at `path` with `contents` so that readers see either the
// old file or the complete new one, never a mix: writes a temporary file in
// the same directory, fsyncs it, renames it over `path`, then fsyncs the
// directory. A new file gets mode 0666 minus the umask; an existing file
// keeps its mode. On failure `*error` is set, the old file is untouched and
// the temporary file is removed. If `path` is a symbolic link, the link
// itself is replaced by a regular file: commands write through
// WriteOutputFile (output_file.h), which follows links and leaves devices
// alone.
bool WriteFileAtomically(const std::string& path, std::string_view contents, std::string* error);

}  // namespace mast
