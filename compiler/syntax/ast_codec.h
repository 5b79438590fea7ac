// A compact binary form of a syntax tree. It lets a parsed module be kept
// without its file id and restored into any SourceManager: the built-in
// policies are parsed once at build time and embedded in this form, and the
// parse cache (driver/parse_cache.h) stores modules this way between
// compilations of the language server.
//
// Decoding checks every length and bound; malformed or truncated bytes give
// std::nullopt, never undefined behaviour.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "compiler/syntax/ast.h"

namespace mast {

// Every valid range in `module` must belong to `module.file`.
std::string EncodeModule(const ast::Module& module);

// Restores a module whose valid ranges all refer to `file`.
std::optional<ast::Module> DecodeModule(std::string_view bytes, FileId file);

}  // namespace mast
