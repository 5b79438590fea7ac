// Where the cursor is in a Kubernetes YAML document, from indentation alone
// (the text being edited is often not valid YAML yet): the document's
// apiVersion and kind, and the path of keys and sequence items from the
// document root to the cursor. Block style only; flow collections (`{a: b}`)
// are treated as scalars.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lsp/analysis/types.h"

namespace mast::lsp {

struct YamlStep {
  bool item = false;  // a sequence item (`- `) rather than a key
  std::string key;
};

struct YamlCursor {
  std::string api_version;  // of the document the cursor is in ("" if none)
  std::string kind;
  std::vector<YamlStep> parents;  // path to the mapping the cursor's key belongs to
  // The key on the cursor's line, if any, and whether the cursor is on it.
  std::string key;
  uint32_t key_begin = 0;  // byte offsets in the text
  uint32_t key_end = 0;
  bool on_key = false;       // the cursor is on the key (hover) or typing one
  bool in_value = false;     // after `key:` on the line
  uint32_t value_begin = 0;  // start of the value text after `key: `
  uint32_t word_begin = 0;   // the word being typed (completion replaces it)
  uint32_t indent = 0;       // the key's column (or the cursor's, on an empty line)
  std::vector<std::string> sibling_keys;  // the other keys of the cursor's mapping (not its own line)
  uint32_t document_begin = 0;
  uint32_t document_end = 0;
};

YamlCursor LocateInYaml(std::string_view text, uint32_t offset);

// The type at a path below a resource type (fields, list items, map values).
LTypeRef TypeAtPath(EditorTypes& types, LTypeRef root, const std::vector<YamlStep>& path);
// The resource type of a document; nullptr when unknown.
LTypeRef ResourceType(EditorTypes& types, const YamlCursor& cursor);

}  // namespace mast::lsp
