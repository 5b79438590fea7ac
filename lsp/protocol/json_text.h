// Diagnostics written straight to JSON text. A library edit republishes
// every importer's findings, thousands of diagnostics: building them as
// nlohmann::json values and dumping those was a fifth of the server's time.
// This is the one serializer of a Diagnostic; ToJson(Diagnostic) reads its
// text back where a diagnostic is part of a larger JSON value (a code
// action's `diagnostics`).
#pragma once

#include <string>
#include <string_view>

#include "lsp/protocol/types.h"

namespace mast::lsp {

// `text` as a JSON string, quoted and escaped. Invalid UTF-8 (a client's
// text may hold anything) becomes U+FFFD, one for each byte that does not
// start a valid sequence.
void AppendJsonString(std::string& out, std::string_view text);

void AppendDiagnostic(std::string& out, const Diagnostic& diagnostic);

// The whole `textDocument/publishDiagnostics` notification.
std::string PublishDiagnosticsMessage(const PublishDiagnosticsParams& params);

}  // namespace mast::lsp
