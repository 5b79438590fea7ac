// String formats the Kubernetes API checks when it decodes a value.
#pragma once

#include <string_view>

namespace mast::schemas {

// RFC 3339 date-time as Go's time.RFC3339 parses it (metav1.Time):
// "2024-01-31T12:00:00Z", "2024-01-31T12:00:00.5+01:00".
bool IsRfc3339DateTime(std::string_view text);

// Standard base64 with padding, as Go's encoding/json decodes []byte; line
// breaks are ignored.
bool IsBase64(std::string_view text);

}  // namespace mast::schemas
