// Reading files and atomic writes.
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "base/file_io.h"

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
}  // namespace mast
