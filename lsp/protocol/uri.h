// file:// URIs and the paths the compiler uses. Documents with other schemes
// (untitled:, ...) keep their URI as their "path"; they still compile, but
// their imports resolve relative to nothing useful.
#pragma once

#include <string>
#include <string_view>

namespace mast::lsp {

// "file:///a%20b/c.mast" -> "/a b/c.mast"; other URIs are returned unchanged.
std::string UriToPath(std::string_view uri);
// "/a b/c.mast" -> "file:///a%20b/c.mast".
std::string PathToUri(std::string_view path);
// Absolute, lexically normal form used as a key (no file system access).
std::string NormalizePath(std::string_view path);

enum class Language { kMast, kYaml, kOther };
// From the client's languageId, else the file extension.
Language LanguageOf(std::string_view path, std::string_view language_id = {});

}  // namespace mast::lsp
