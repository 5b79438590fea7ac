// The values the "add missing fields" quick fix inserts. Each must pass the
// checks, so that the fix never trades one error for another: an enum's
// first value, a DNS label for a name, a port number in range, a workload's
// selector copied from its pod template's labels. A field with no value known
// to pass (a selector without template labels, a refined string) is left
// out, and its error stays.
#pragma once

#include <optional>
#include <string>

#include "lsp/analysis/types.h"

namespace mast::lsp {

// What the record around the missing field already says.
struct RecordFacts {
  std::string owner;                           // the record type's short name: "Container", "DeploymentSpec"
  std::optional<std::string> template_labels;  // `template.metadata.labels`, as a value in the fix's syntax
  std::optional<std::string> image;            // a container's image, unquoted
};

// A value for `field` in Mast syntax (`yaml` = false) or as a YAML scalar or
// flow collection; nullopt when no value is known to pass the checks.
std::optional<std::string> MissingFieldValue(EditorTypes& types, const FieldInfo& field, const RecordFacts& facts,
                                             bool yaml);

// A DNS-1123 label made from `text` (`registry/team/my_App:1.2` -> `my-app`),
// or "" when nothing usable is left.
std::string DnsLabelFrom(std::string_view text);

}  // namespace mast::lsp
