#include "lsp/protocol/uri.h"

#include <filesystem>

namespace mast::lsp {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string UriToPath(std::string_view uri) {
  constexpr std::string_view kScheme = "file://";
  if (uri.substr(0, kScheme.size()) != kScheme) return std::string(uri);
  std::string_view rest = uri.substr(kScheme.size());
  // Skip an authority ("localhost" or empty).
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return std::string(uri);
  rest = rest.substr(slash);
  std::string path;
  path.reserve(rest.size());
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size() && HexValue(rest[i + 1]) >= 0 && HexValue(rest[i + 2]) >= 0) {
      path += static_cast<char>(HexValue(rest[i + 1]) * 16 + HexValue(rest[i + 2]));
      i += 2;
    } else {
      path += rest[i];
    }
  }
  return NormalizePath(path);
}

std::string PathToUri(std::string_view path) {
  if (path.empty() || path.front() != '/') return std::string(path);  // not a file path (untitled:...)
  static const char* kHex = "0123456789ABCDEF";
  std::string uri = "file://";
  for (unsigned char c : path) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                 c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      uri += static_cast<char>(c);
    } else {
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 15];
    }
  }
  return uri;
}

std::string NormalizePath(std::string_view path) {
  if (path.empty() || path.front() != '/') return std::string(path);
  return std::filesystem::path(path).lexically_normal().string();
}

Language LanguageOf(std::string_view path, std::string_view language_id) {
  if (language_id == "mast") return Language::kMast;
  if (language_id == "yaml" || language_id == "kubernetes") return Language::kYaml;
  if (path.ends_with(".mast")) return Language::kMast;
  if (path.ends_with(".yaml") || path.ends_with(".yml")) return Language::kYaml;
  return Language::kOther;
}

}  // namespace mast::lsp
