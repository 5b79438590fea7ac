// Reading files and atomic writes.
#include <dirent.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "compiler/base/file_io.h"
#include "compiler/base/output_file.h"

namespace mast {
namespace {

// A fresh directory under /tmp, removed (with its files) at scope exit.
class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/mast-file-io-XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    ::chmod(path_.c_str(), 0700);
    std::system(("rm -rf '" + path_ + "'").c_str());
  }
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    DIR* dir = ::opendir(path_.c_str());
    REQUIRE(dir != nullptr);
    while (dirent* entry = ::readdir(dir)) {
      const std::string name = entry->d_name;
      if (name != "." && name != "..") names.push_back(name);
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  std::string path_;
};

void WriteDirectly(const std::string& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary);
  out << contents;
}

std::string ReadOrFail(const std::string& path) {
  std::string contents;
  std::string error;
  REQUIRE(ReadFileToString(path, &contents, &error, 1 << 20));
  return contents;
}

TEST_CASE("ReadFileToString reads files and reports failures", "[file_io]") {
  TempDir dir;
  const std::string binary("a\0b\xff\n", 5);
  WriteDirectly(dir.File("data"), binary);
  CHECK(ReadOrFail(dir.File("data")) == binary);
  WriteDirectly(dir.File("empty"), "");
  CHECK(ReadOrFail(dir.File("empty")).empty());

  std::string contents;
  std::string error;
  CHECK(!ReadFileToString(dir.File("missing"), &contents, &error, 100));
  CHECK(error == "cannot open `" + dir.File("missing") + "`: no such file or directory");
  CHECK(!ReadFileToString(dir.path(), &contents, &error, 100));
  CHECK(error == "cannot read `" + dir.path() + "`: is a directory");
  CHECK(!ReadFileToString(dir.File("data"), &contents, &error, 4));
  CHECK(error.find("larger than the limit of 4 bytes") != std::string::npos);
  CHECK(ReadFileToString(dir.File("data"), &contents, &error, 5));
}

TEST_CASE("ReadFileToString reads files whose size is not known in advance", "[file_io]") {
  std::string contents;
  std::string error;
  // /proc files report size 0.
  CHECK(ReadFileToString("/proc/self/status", &contents, &error, 1 << 20));
  CHECK(contents.find("Name:") != std::string::npos);
}

TEST_CASE("WriteFileAtomically creates and replaces files", "[file_io]") {
  TempDir dir;
  std::string error;
  const std::string path = dir.File("out.yaml");
  REQUIRE(WriteFileAtomically(path, "first\n", &error));
  CHECK(ReadOrFail(path) == "first\n");
  ::chmod(path.c_str(), 0640);
  REQUIRE(WriteFileAtomically(path, "second\n", &error));
  CHECK(ReadOrFail(path) == "second\n");
  struct stat info;
  REQUIRE(::stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0640);  // mode kept
  CHECK(dir.Entries() == std::vector<std::string>{"out.yaml"});  // no temporary left

  // A relative path in the current directory.
  const std::string old_cwd = std::getenv("PWD") ? std::getenv("PWD") : "/";
  REQUIRE(::chdir(dir.path().c_str()) == 0);
  CHECK(WriteFileAtomically("relative.txt", "r", &error));
  REQUIRE(::chdir(old_cwd.c_str()) == 0);
  CHECK(ReadOrFail(dir.File("relative.txt")) == "r");
}

TEST_CASE("WriteFileAtomically leaves everything untouched on failure", "[file_io]") {
  TempDir dir;
  std::string error;

  // The target is a directory: the rename fails, the directory survives and
  // the temporary file is removed.
  const std::string target_dir = dir.File("target");
  REQUIRE(::mkdir(target_dir.c_str(), 0755) == 0);
  WriteDirectly(target_dir + "/inside", "keep");
  CHECK(!WriteFileAtomically(target_dir, "new", &error));
  CHECK(error.find("cannot write `" + target_dir + "`: ") == 0);
  CHECK(ReadOrFail(target_dir + "/inside") == "keep");
  CHECK(dir.Entries() == std::vector<std::string>{"target"});

  // The parent directory does not exist.
  CHECK(!WriteFileAtomically(dir.File("no/such/dir/file"), "x", &error));
  CHECK(error.find("no such file or directory") != std::string::npos);

  // A path ending in a slash names no file.
  CHECK(!WriteFileAtomically(dir.path() + "/", "x", &error));

  // The directory is not writable (root ignores permissions, so only check
  // this as an ordinary user).
  const std::string old_file = dir.File("old.txt");
  WriteDirectly(old_file, "old contents");
  if (::geteuid() != 0) {
    REQUIRE(::chmod(dir.path().c_str(), 0555) == 0);
    CHECK(!WriteFileAtomically(old_file, "new contents", &error));
    CHECK(error.find("permission denied") != std::string::npos);
    REQUIRE(::chmod(dir.path().c_str(), 0755) == 0);
    CHECK(ReadOrFail(old_file) == "old contents");
  }
  CHECK(dir.Entries() == std::vector<std::string>{"old.txt", "target"});
}

}  // namespace
TEST_CASE("ReadFileToString refuses FIFOs without blocking", "[file_io]") {
  TempDir dir;
  const std::string fifo = dir.File("pipe");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string contents;
  std::string error;
  CHECK(!ReadFileToString(fifo, &contents, &error, 1 << 20));  // returns at once: no writer is needed
  CHECK(error.find("not a regular file") != std::string::npos);
}

TEST_CASE("WriteOutputFile follows links and leaves FIFOs and devices in place", "[file_io]") {
  TempDir dir;
  std::string error;
  WriteDirectly(dir.File("target.yaml"), "old");
  REQUIRE(::symlink("target.yaml", dir.File("link.yaml").c_str()) == 0);
  REQUIRE(WriteOutputFile(dir.File("link.yaml"), "new", &error));
  struct stat info;
  REQUIRE(::lstat(dir.File("link.yaml").c_str(), &info) == 0);
  CHECK(S_ISLNK(info.st_mode));
  CHECK(ReadOrFail(dir.File("target.yaml")) == "new");
  CHECK(!WriteOutputFile(dir.path(), "x", &error));  // a directory
  CHECK(dir.Entries() == std::vector<std::string>{"link.yaml", "target.yaml"});
  // Devices are written, not replaced. As root (where a rename would replace
  // them) the test makes its own nodes, so that a regression cannot break
  // the machine's /dev/null.
  std::string null_device = "/dev/null";
  std::string full_device = "/dev/full";
  if (::geteuid() == 0 && ::mknod(dir.File("null").c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0 &&
      ::mknod(dir.File("full").c_str(), S_IFCHR | 0666, makedev(1, 7)) == 0) {
    null_device = dir.File("null");
    full_device = dir.File("full");
  }
  CHECK(WriteOutputFile(null_device, "x", &error));
  REQUIRE(::stat(null_device.c_str(), &info) == 0);
  CHECK(S_ISCHR(info.st_mode));
  CHECK(!WriteOutputFile(full_device, "x", &error));
  CHECK(error.find("no space left on device") != std::string::npos);
  REQUIRE(::stat(full_device.c_str(), &info) == 0);
  CHECK(S_ISCHR(info.st_mode));
}

TEST_CASE("WriteOutputDirectory swaps in a whole directory and keeps foreign files", "[file_io]") {
  TempDir dir;
  std::string error;
  const std::string out = dir.File("out");
  REQUIRE(WriteOutputDirectory(out + "/", {{"a.yaml", "a"}, {"b.yaml", "b"}}, &error));
  REQUIRE(WriteOutputDirectory(out, {{"c.yaml", "c"}}, &error));
  DIR* listing = ::opendir(out.c_str());
  REQUIRE(listing != nullptr);
  std::vector<std::string> names;
  while (dirent* entry = ::readdir(listing)) names.push_back(entry->d_name);
  ::closedir(listing);
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{".", "..", ".mast-output", "c.yaml"});  // b.yaml is gone
  CHECK(dir.Entries() == std::vector<std::string>{"out"});  // no temporaries left
  WriteDirectly(out + "/mine.txt", "keep");
  CHECK(!WriteOutputDirectory(out, {{"d.yaml", "d"}}, &error));
  CHECK(error.find("`mine.txt`, which mast did not write") != std::string::npos);
  CHECK(ReadOrFail(out + "/c.yaml") == "c");
  CHECK(dir.Entries() == std::vector<std::string>{"out"});
}

TEST_CASE("RemoveStaleTemporaries removes only stale files of its own naming", "[file_io]") {
  TempDir dir;
  const std::string own = ".out.yaml.tmp-" + std::to_string(::getpid()) + "-0-00000000";
  WriteDirectly(dir.File(own), "");
  WriteDirectly(dir.File(".out.yaml.tmp-x"), "");        // not our naming
  WriteDirectly(dir.File(".other.yaml.tmp-1-0-0"), "");  // another target
  RemoveStaleTemporaries(dir.path(), "out.yaml");
  CHECK(dir.Entries().size() == 3);  // this process is alive, and the file is new
  RemoveStaleTemporaries(dir.path(), "out.yaml", -1);  // everything counts as old
  std::vector<std::string> left = dir.Entries();
  CHECK(std::find(left.begin(), left.end(), own) == left.end());
  CHECK(left.size() == 2);
}

}  // namespace mast
