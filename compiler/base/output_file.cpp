#include "compiler/base/output_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <ctime>
#include <set>

#include "compiler/base/file_io.h"

namespace mast {

namespace {

std::string ParentOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

std::string NameOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Whether `path` is one of the kernel's descriptor links (/dev/stdout ->
// /proc/self/fd/1 -> "pipe:[123]"): their targets are not paths to rename.
bool IsDescriptorLink(std::string_view path) {
  return path.rfind("/proc/", 0) == 0 || path.rfind("/dev/fd/", 0) == 0;
}

// Follows symbolic links from `path` to the final name (which may not
// exist yet). False after 40 links (a loop). `*descriptor` is set when the
// chain goes through a descriptor link.
bool FollowLinks(std::string path, std::string* resolved, bool* descriptor, std::string* error) {
  *descriptor = false;
  for (int hops = 0; hops < 40; ++hops) {
    if (IsDescriptorLink(path)) *descriptor = true;
    struct stat info;
    if (::lstat(path.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) {
      *resolved = path;
      return true;
    }
    char target[PATH_MAX];
    const ssize_t length = ::readlink(path.c_str(), target, sizeof target - 1);
    if (length < 0) {
      *error = IoFailure("cannot follow the link", path, errno);
      return false;
    }
    std::string next(target, static_cast<size_t>(length));
    path = next[0] == '/' ? next : ParentOf(path) + "/" + next;
  }
  *error = IoFailure("cannot follow the link", path, ELOOP);
  return false;
}

// Writes to what is already there (a device, FIFO or socket, or whatever a
// descriptor link names), without creating or renaming anything. A regular
// file behind a descriptor link (`-o /dev/stdout` redirected to a file) is
// truncated first, as a shell's `>` would.
bool WriteInPlace(const std::string& path, std::string_view contents, bool truncate, std::string* error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY | (truncate ? O_TRUNC : 0));
  if (fd < 0) {
    *error = IoFailure("cannot write", path, errno);
    return false;
  }
  int error_number = 0;
  bool ok = WriteAllTo(fd, contents, &error_number);
  if (::close(fd) != 0 && ok) {
    ok = false;
    error_number = errno;
  }
  if (!ok) *error = IoFailure("cannot write", path, error_number);
  return ok;
}

// `.NAME.tmp-PID-COUNTER-RANDOM` -> PID, or -1 when `entry` is not a
// temporary of `name`.
long TemporaryOwner(std::string_view entry, std::string_view name) {
  const std::string prefix = "." + std::string(name) + ".tmp-";
  if (entry.size() <= prefix.size() || entry.substr(0, prefix.size()) != prefix) return -1;
  std::string_view rest = entry.substr(prefix.size());
  long pid = 0;
  size_t i = 0;
  for (; i < rest.size() && rest[i] >= '0' && rest[i] <= '9' && i < 10; ++i) pid = pid * 10 + (rest[i] - '0');
  if (i == 0 || i >= rest.size() || rest[i] != '-') return -1;
  return pid;
}

bool ProcessIsGone(long pid) { return pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH; }

// The names listed in a directory's manifest (one per line).
std::set<std::string> ReadManifest(const std::string& directory) {
  std::string text;
  std::string error;
  std::set<std::string> names;
  if (!ReadFileToString(directory + "/" + std::string(kOutputManifestName), &text, &error, 16u << 20)) return names;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) names.insert(text.substr(start, end - start));
    start = end + 1;
  }
  return names;
}

// Removes a directory this library wrote: the files its manifest lists,
// the manifest, then the directory itself (which fails, harmlessly, if
// anything else was put there).
void RemoveOutputDirectory(const std::string& directory) {
  for (const std::string& name : ReadManifest(directory)) ::unlink((directory + "/" + name).c_str());
  ::unlink((directory + "/" + std::string(kOutputManifestName)).c_str());
  ::rmdir(directory.c_str());
}

// The entries of `directory` other than `.` and `..`; false if it cannot be
// listed.
bool ListDirectory(const std::string& directory, std::vector<std::string>* entries) {
  DIR* dir = ::opendir(directory.c_str());
  if (!dir) return false;
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    if (name != "." && name != "..") entries->push_back(name);
  }
  ::closedir(dir);
  return true;
}

// Fails, naming the entry, unless every entry of the existing directory is
// a regular file listed in its manifest (or the manifest itself).
bool CheckReplaceable(const std::string& directory, std::string* error) {
  std::vector<std::string> entries;
  if (!ListDirectory(directory, &entries)) {
    *error = IoFailure("cannot read the directory", directory, errno);
    return false;
  }
  const std::set<std::string> written = ReadManifest(directory);
  for (const std::string& entry : entries) {
    struct stat info;
    const bool regular = ::lstat((directory + "/" + entry).c_str(), &info) == 0 && S_ISREG(info.st_mode);
    if (entry == kOutputManifestName && regular) continue;
    if (regular && written.count(entry)) continue;
    *error = "refusing to replace `" + directory + "`: it holds `" + entry +
             "`, which mast did not write; move it away, or write to a new or empty directory";
    return false;
  }
  return true;
}

void SyncDirectory(const std::string& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Writes `files` and their manifest into the new directory `directory`. The
// manifest goes first, so that a killed run's directory can be cleaned up.
bool FillDirectory(const std::string& directory, const std::vector<std::pair<std::string, std::string>>& files,
                   std::string* error) {
  std::string manifest;
  for (const auto& [name, contents] : files) {
    if (name.empty() || name.find('/') != std::string::npos || name[0] == '.') {
      *error = "cannot write `" + directory + "/" + name + "`: not a plain file name";
      return false;
    }
    manifest += name + "\n";
  }
  std::vector<std::pair<std::string, std::string_view>> all;
  all.emplace_back(std::string(kOutputManifestName), manifest);
  for (const auto& [name, contents] : files) all.emplace_back(name, contents);
  for (const auto& [name, contents] : all) {
    const std::string path = directory + "/" + name;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    int error_number = fd < 0 ? errno : 0;
    bool ok = fd >= 0 && WriteAllTo(fd, contents, &error_number);
    if (ok && ::fsync(fd) != 0) {
      ok = false;
      error_number = errno;
    }
    if (fd >= 0 && ::close(fd) != 0 && ok) {
      ok = false;
      error_number = errno;
    }
    if (!ok) {
      *error = IoFailure("cannot write", path, error_number);
      return false;
    }
  }
  SyncDirectory(directory);
  return true;
}

#ifdef RENAME_EXCHANGE
bool ExchangeDirectories(const std::string& from, const std::string& to) {
  return ::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_EXCHANGE) == 0;
}
#else
bool ExchangeDirectories(const std::string&, const std::string&) {
  errno = EINVAL;
  return false;
}
#endif

// Puts the complete directory `fresh` at `target`; `fresh` then names the
// old directory, if there was one, or nothing.
bool SwapIn(const std::string& fresh, const std::string& target, std::string* error) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    if (ExchangeDirectories(fresh, target)) return true;
    if (errno == ENOENT) {
      // No target: a plain rename, which also fails if one appeared since.
      if (::rename(fresh.c_str(), target.c_str()) == 0) return true;
      if (errno == ENOTEMPTY || errno == EEXIST) continue;
      break;
    }
    if (errno != EINVAL && errno != ENOSYS) break;
    // No RENAME_EXCHANGE here: move the old directory away, then rename.
    const std::string old = TemporaryPath(target);
    if (::rename(target.c_str(), old.c_str()) != 0 && errno != ENOENT) break;
    if (::rename(fresh.c_str(), target.c_str()) == 0) {
      ::rename(old.c_str(), fresh.c_str());
      return true;
    }
    if (errno != ENOTEMPTY && errno != EEXIST) break;
    RemoveOutputDirectory(old);
  }
  *error = IoFailure("cannot replace the directory", target, errno);
  return false;
}

}  // namespace

void RemoveStaleTemporaries(const std::string& directory, std::string_view name, long max_age_seconds) {
  std::vector<std::string> entries;
  if (!ListDirectory(directory, &entries)) return;
  const time_t now = std::time(nullptr);
  for (const std::string& entry : entries) {
    const long pid = TemporaryOwner(entry, name);
    if (pid < 0) continue;
    const std::string path = directory + "/" + entry;
    struct stat info;
    if (::lstat(path.c_str(), &info) != 0) continue;
    if (!ProcessIsGone(pid) && now - info.st_mtime < max_age_seconds) continue;
    if (S_ISREG(info.st_mode)) ::unlink(path.c_str());
    if (S_ISDIR(info.st_mode)) RemoveOutputDirectory(path);
  }
}

bool WriteOutputFile(const std::string& path, std::string_view contents, std::string* error) {
  struct stat info;
  const bool exists = ::stat(path.c_str(), &info) == 0;  // through any links
  if (exists && S_ISDIR(info.st_mode)) {
    *error = IoFailure("cannot write", path, EISDIR);
    return false;
  }
  // A device, FIFO or socket is opened by its own name: the kernel follows
  // descriptor links (whose targets, like "pipe:[123]", are no paths).
  if (exists && !S_ISREG(info.st_mode)) return WriteInPlace(path, contents, false, error);
  std::string target;
  bool descriptor = false;
  if (!FollowLinks(path, &target, &descriptor, error)) return false;
  if (descriptor) return WriteInPlace(path, contents, true, error);
  return WriteFileAtomically(target, contents, error);
}

bool WriteOutputDirectory(const std::string& path, const std::vector<std::pair<std::string, std::string>>& files,
                          std::string* error) {
  std::string trimmed = path;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
  std::string target;
  bool descriptor = false;
  if (!FollowLinks(trimmed, &target, &descriptor, error)) return false;
  struct stat info;
  const bool exists = ::stat(target.c_str(), &info) == 0;
  if (exists && !S_ISDIR(info.st_mode)) {
    *error = IoFailure("cannot write the directory", path, ENOTDIR);
    return false;
  }
  if (exists && !CheckReplaceable(target, error)) return false;
  // A swap needs a name in a parent directory: not `/`, `.` or `..`.
  char* absolute = ::realpath(exists ? target.c_str() : ParentOf(target).c_str(), nullptr);
  if (!absolute) {
    *error = IoFailure("cannot write the directory", path, errno);
    return false;
  }
  std::string resolved = absolute;
  std::free(absolute);
  if (!exists) resolved = (resolved == "/" ? "" : resolved) + "/" + NameOf(target);
  if (resolved == "/") {
    *error = IoFailure("cannot write the directory", path, EBUSY);
    return false;
  }
  const std::string parent = ParentOf(resolved);
  RemoveStaleTemporaries(parent, NameOf(resolved));
  const std::string fresh = TemporaryPath(resolved);
  if (::mkdir(fresh.c_str(), exists ? (info.st_mode & 07777) : 0777) != 0) {
    *error = IoFailure("cannot write the directory", path, errno);
    return false;
  }
  if (exists) ::chmod(fresh.c_str(), info.st_mode & 07777);  // mkdir applied the umask
  if (!FillDirectory(fresh, files, error) || !SwapIn(fresh, resolved, error)) {
    RemoveOutputDirectory(fresh);
    return false;
  }
  SyncDirectory(parent);
  RemoveOutputDirectory(fresh);  // now the old directory, if any
  return true;
}

}  // namespace mast
