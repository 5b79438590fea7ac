// Document formatting with `mast fmt`'s formatter (compiler/format). A file
// with syntax errors is not formatted (the formatter refuses: formatting
// broken code could change its meaning), and the request answers null. The
// editor's tab settings are ignored: the result is always `mast fmt`'s.
#include "lsp/features/features.h"

#include "compiler/format/format.h"

namespace mast::lsp {

std::optional<std::vector<TextEdit>> FormatDocument(const FeatureContext& context, const FormattingOptions& options) {
  if (!context.IsMast() || !context.document.text) return std::nullopt;
  SourceFile source(context.document.path, *context.document.text);
  // The canonical layout, whatever the editor's tab settings: the result
  // must be what `mast fmt --check` accepts.
  (void)options;
  FormatResult result = FormatMast(source, 0, FormatOptions{});
  if (!result.ok) return std::nullopt;
  if (result.text == source.text()) return std::vector<TextEdit>{};
  // One edit for the whole text: simple, and every client applies it well.
  return std::vector<TextEdit>{
      TextEdit{ToRange(source, 0, static_cast<uint32_t>(source.text().size())), std::move(result.text)}};
}

}  // namespace mast::lsp
