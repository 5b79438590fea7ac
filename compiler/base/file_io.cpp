#include "compiler/base/file_io.h"

#include "compiler/base/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

namespace mast {

namespace {

// "No such file or directory" -> "no such file or directory".
std::string ErrnoText(int error_number) {
  std::string text = std::strerror(error_number);
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text;
}

std::string Failure(std::string_view what, const std::string& path, int error_number) {
  return IoFailure(what, path, error_number);
}

// Closes a descriptor on scope exit unless released.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  // Closes now and reports close's own error (0 or an errno value).
  int Close() {
    int result = 0;
    if (fd_ >= 0 && ::close(fd_) != 0) result = errno;
    fd_ = -1;
    return result;
  }

 private:
  int fd_;
};

}  // namespace

std::string IoFailure(std::string_view what, const std::string& path, int error_number) {
  return std::string(what) + " `" + path + "`: " + ErrnoText(error_number);
}

bool WriteAllTo(int fd, std::string_view contents, int* error_number) {
  while (!contents.empty()) {
    const ssize_t written = ::write(fd, contents.data(), contents.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      *error_number = errno;
      return false;
    }
    contents.remove_prefix(static_cast<size_t>(written));
  }
  return true;
}

std::string TooLargeError(const std::string& name, size_t max_bytes) {
  return "cannot read `" + name + "`: the input is larger than the limit of " + std::to_string(max_bytes) + " bytes";
}

bool IsTooLargeError(std::string_view error) {
  return error.find("`: the input is larger than the limit of ") != std::string_view::npos;
}

bool ReadDescriptorToString(int fd, const std::string& name, std::string* out, std::string* error,
                            size_t max_bytes) {
  struct stat info;
  if (::fstat(fd, &info) != 0) {
    *error = Failure("cannot read", name, errno);
    return false;
  }
  if (S_ISDIR(info.st_mode)) {
    *error = Failure("cannot read", name, EISDIR);
    return false;
  }
  const auto too_large = [&] {
    *error = TooLargeError(name, max_bytes);
    return false;
  };
  out->clear();
  if (S_ISREG(info.st_mode)) {
    if (static_cast<uint64_t>(info.st_size) > max_bytes) return too_large();
    out->reserve(static_cast<size_t>(info.st_size));
  }
  char buffer[65536];
  while (true) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      *error = Failure("cannot read", name, errno);
      return false;
    }
    if (got == 0) break;
    if (out->size() + static_cast<size_t>(got) > max_bytes) return too_large();
    out->append(buffer, static_cast<size_t>(got));
  }
  return true;
}

bool ReadFileToString(const std::string& path, std::string* out, std::string* error, size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer. Only regular
  // files are read, so the flag changes nothing for what is read.
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY));
  if (fd.get() < 0) {
    *error = Failure("cannot open", path, errno);
    return false;
  }
  struct stat info;
  if (::fstat(fd.get(), &info) != 0) {
    *error = Failure("cannot read", path, errno);
    return false;
  }
  if (S_ISDIR(info.st_mode)) {
    *error = Failure("cannot read", path, EISDIR);
    return false;
  }
  if (!S_ISREG(info.st_mode)) {
    *error = "cannot read `" + path + "`: not a regular file (a FIFO, device or socket)";
    return false;
  }
  return ReadDescriptorToString(fd.get(), path, out, error, max_bytes);
}

bool ReadInputToString(const std::string& path, std::string* out, std::string* error, size_t max_bytes) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) {
    *error = Failure("cannot open", path, errno);
    return false;
  }
  return ReadDescriptorToString(fd.get(), path, out, error, max_bytes);
}

std::string TemporaryPath(const std::string& path) {
  static std::atomic<uint64_t> counter{0};
  static thread_local std::random_device entropy;
  const size_t slash = path.rfind('/');
  char suffix[64];
  std::snprintf(suffix, sizeof suffix, ".tmp-%d-%llu-%08x", static_cast<int>(::getpid()),
                static_cast<unsigned long long>(counter.fetch_add(1)), static_cast<unsigned>(entropy()));
  const std::string prefix = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  return prefix + "." + name + suffix;
}

bool WriteFileAtomically(const std::string& path, std::string_view contents, std::string* error) {
  const size_t slash = path.rfind('/');
  const std::string directory = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  if (name.empty()) {
    *error = Failure("cannot write", path, EISDIR);
    return false;
  }

  // A unique temporary name next to the target, created exclusively with
  // mode 0666 so that the umask applies as for any new file. Temporaries a
  // killed run left for this target go first.
  RemoveStaleTemporaries(directory, name);
  std::string temp_path;
  int temp_fd = -1;
  for (int attempt = 0; attempt < 100 && temp_fd < 0; ++attempt) {
    temp_path = TemporaryPath(path);
    temp_fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (temp_fd < 0 && errno != EEXIST) {
      *error = Failure("cannot write", path, errno);
      return false;
    }
  }
  if (temp_fd < 0) {
    *error = Failure("cannot write", path, EEXIST);
    return false;
  }
  FileDescriptor fd(temp_fd);
  const auto fail = [&](int error_number) {
    fd.Close();
    ::unlink(temp_path.c_str());
    *error = Failure("cannot write", path, error_number);
    return false;
  };

  struct stat existing;
  if (::stat(path.c_str(), &existing) == 0 && S_ISREG(existing.st_mode)) {
    if (::fchmod(fd.get(), existing.st_mode & 07777) != 0) return fail(errno);
  }
  int error_number = 0;
  if (!WriteAllTo(fd.get(), contents, &error_number)) return fail(error_number);
  if (::fsync(fd.get()) != 0) return fail(errno);
  if (const int close_error = fd.Close(); close_error != 0) return fail(close_error);
  if (::rename(temp_path.c_str(), path.c_str()) != 0) return fail(errno);

  // Make the rename itself durable. Failing here is not an error: the new
  // contents are already in place.
  FileDescriptor directory_fd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (directory_fd.get() >= 0) ::fsync(directory_fd.get());
  return true;
}

}  // namespace mast
