// Reads YAML streams (and JSON, which is flow YAML) into Values whose origins
// point at the source bytes. This is the hot path of `mast check`: it drives
// libyaml's event parser directly and builds Values without an intermediate
// node tree.
//
// What a caller must know:
// - Scalars resolve like go-yaml v2 (what Kubernetes uses); see
//   yaml/scalar_resolve.h. Quoted scalars and `!!str` are always strings.
// - Every Value's origin is its node's byte range [begin, end) in `text`
//   (byte offsets even for non-ASCII input and after a UTF-8 BOM). A quoted
//   scalar's range includes its quotes; a block collection runs from its first
//   key or `-` to the end of its last child; a flow collection includes its
//   brackets. A node's anchor and tag are part of its range. An empty value
//   (`key:` with nothing after it) is a zero-width null at the end of the
//   preceding token. An alias (`*x`) gives the anchored Value (shared storage)
//   with the alias's own range as the outer origin; nested values keep the
//   origins of the anchored text. Every MapEntry has key_range.
// - Mapping keys are strings: a scalar key becomes its text (`1: a` has key
//   "1"); a mapping or sequence used as a key is reported (E0601) and the
//   entry dropped.
// - Duplicate keys are reported (E0602, with a "first set here" label); the
//   later value replaces the earlier one at the earlier key's position.
// - Merge keys (`<<: *base`, `<<: [*a, *b]`) are resolved: explicit keys win
//   wherever they appear, earlier merge sources win over later ones, merged
//   keys are inserted where the `<<` key was. A plain `<<` is a merge key only
//   in key position; as a value it is the string "<<".
// - Empty documents (`---` followed by nothing or only comments) are returned
//   with empty=true and a null value; a stream with no document at all (an
//   empty file, or only comments) returns no documents. Neither is an error.
//   A document that is explicitly `null` or `~` is not empty.
// - Errors: a syntax error (E0601) stops the stream; the documents completed
//   before it are returned and the broken one is dropped. The input is checked
//   for invalid UTF-8 and control characters first, so such an error is
//   located exactly and the documents before the offending line are kept.
//   Exceeding a limit (E0603: nesting depth, alias expansion) drops the
//   current document and reading continues with the next one. Past the
//   nesting limit the rest of the document is not even scanned: reading
//   resumes at the next line that starts with `---` (libyaml's scanner costs
//   time proportional to the flow depth for every token). An input over
//   max_bytes is rejected whole. Other problems (unknown anchor, bad `<<`
//   value, `!!int` on a non-integer, complex key) are reported and reading
//   goes on with a substitute (null, or the text as a string).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "compiler/base/source.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/value/value.h"

namespace mast {

struct YamlDocument {
  Value value;        // the root node; null for an empty document
  SourceRange range;  // from the document's first token (or `---`) to its end
  bool empty = false;  // no content: only `---` and/or comments
};

struct YamlReadOptions {
  // Inputs larger than this are rejected with E0603 (capped at 4 GiB - 1,
  // since SourceRange offsets are 32-bit).
  size_t max_bytes = size_t{64} << 20;
  // Deepest allowed nesting of mappings and sequences, counting through
  // aliases (a document root mapping has depth 1).
  size_t max_depth = 256;
  // Total number of nodes that aliases may stand for across the stream: each
  // `*x` adds the size of x's expanded subtree. Bounds "billion laughs".
  size_t max_alias_expansion_nodes = 1'000'000;
  // Read the common subset of YAML (block collections, one-line scalars and
  // flow collections, comments; ASCII) with Mast's own scanner, about ten
  // times cheaper than libyaml, and everything else with libyaml. The result
  // is the same either way; tests turn it off to compare.
  bool fast_path = true;
};

std::vector<YamlDocument> ReadYamlStream(FileId file, std::string_view text, DiagnosticSink& sink,
                                         const YamlReadOptions& options = {});

}  // namespace mast
