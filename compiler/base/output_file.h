// Writing the files a command produces (`-o`, `mast fmt`, baselines) without
// ever destroying what the path held before. Like file_io.h, failures come
// back as an error string (lowercase, naming the path) that callers report
// as E0901.
//
//   what is at the path        what happens
//   nothing, a regular file    atomic replace (temporary file + rename)
//   a symbolic link            the link is followed and its target written
//                              as above; the link stays a link
//   a device, FIFO or socket   written in place (/dev/null, /dev/stdout, a
//                              pipe); a failed write is an error
//   a descriptor link          (/dev/stdout, /dev/fd/N, /proc/self/fd/N to a
//                              regular file) the file is truncated and
//                              written through the link, as a shell would
//   a directory                error (files), or swapped whole (directories)
//
// Temporaries are named `.NAME.tmp-PID-COUNTER-RANDOM` beside the target.
// One that a killed run left behind is removed by the next write to the same
// target, when its process is gone or it is older than a day.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mast {

// Writes `contents` to `path` following the table above.
bool WriteOutputFile(const std::string& path, std::string_view contents, std::string* error);

// The name of the list of files that WriteOutputDirectory keeps in each
// directory it writes.
inline constexpr std::string_view kOutputManifestName = ".mast-output";

// Replaces the directory `path` with one that holds exactly `files` (name,
// contents), so that readers see the old directory or the new one, never a
// mix: the new directory is written completely beside the target
// (`.NAME.tmp-…`), then exchanged with the old one in one rename
// (renameat2 RENAME_EXCHANGE; where that is not supported, the old one is
// renamed away first), and the old one is removed. Concurrent writers each
// swap in a complete directory; the last one wins.
//
// The directory records the names it holds in `.mast-output`. An existing
// directory that holds anything else (a file Mast did not write, a
// subdirectory) is never replaced: the call fails and names that entry. An
// empty directory may be replaced. A symbolic link to a directory is
// followed.
bool WriteOutputDirectory(const std::string& path, const std::vector<std::pair<std::string, std::string>>& files,
                          std::string* error);

// Removes `.NAME.tmp-PID-…` files and directories in `directory` that this
// library created for the target NAME and that are stale: their process is
// gone, or they are older than `max_age_seconds`. Exposed for tests.
void RemoveStaleTemporaries(const std::string& directory, std::string_view name, long max_age_seconds = 86400);

}  // namespace mast
