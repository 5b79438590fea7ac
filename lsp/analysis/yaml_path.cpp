#include "lsp/analysis/yaml_path.h"

#include "schemas/kube_catalog.h"

namespace mast::lsp {

namespace {

struct Line {
  uint32_t begin = 0;  // offset of the line
  uint32_t end = 0;    // offset of its line break (or the end of the text)
};

// The structure of one line: sequence markers, then maybe `key:`.
struct LineShape {
  bool empty = true;  // blank or comment only
  std::vector<uint32_t> markers;  // columns of `- `
  uint32_t content = 0;           // column after indentation and markers
  bool has_key = false;
  uint32_t key_column = 0;
  std::string key;
  uint32_t colon = 0;  // column of the `:`
  bool inline_value = false;
};

std::string UnquoteScalar(std::string_view text) {
  if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') && text.back() == text.front()) {
    return std::string(text.substr(1, text.size() - 2));
  }
  return std::string(text);
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// Strips a trailing ` # comment` (outside quotes).
std::string_view StripComment(std::string_view text) {
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') quote = c;
    else if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t')) return text.substr(0, i);
  }
  return text;
}

LineShape Shape(std::string_view line) {
  LineShape shape;
  size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  while (i < line.size() && line[i] == '-' && (i + 1 == line.size() || line[i + 1] == ' ' || line[i + 1] == '\r')) {
    shape.markers.push_back(static_cast<uint32_t>(i));
    ++i;
    while (i < line.size() && line[i] == ' ') ++i;
  }
  shape.content = static_cast<uint32_t>(i);
  std::string_view rest = StripComment(line.substr(i));
  if (Trim(rest).empty()) {
    shape.empty = shape.markers.empty();
    return shape;
  }
  shape.empty = false;
  // `key:` ends at the first `:` followed by a space or the end, outside quotes.
  char quote = 0;
  for (size_t k = 0; k < rest.size(); ++k) {
    char c = rest[k];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if ((c == '"' || c == '\'') && k == 0) {
      quote = c;
      continue;
    }
    if (c == '{' || c == '[') break;  // flow collection: not a key
    if (c == ':' && (k + 1 == rest.size() || rest[k + 1] == ' ' || rest[k + 1] == '\t' || rest[k + 1] == '\r')) {
      shape.has_key = true;
      shape.key_column = shape.content;
      shape.key = UnquoteScalar(Trim(rest.substr(0, k)));
      shape.colon = static_cast<uint32_t>(i + k);
      std::string_view value = Trim(rest.substr(k + 1));
      // An anchor alone still opens a nested block.
      shape.inline_value = !value.empty() && value.front() != '&';
      break;
    }
  }
  return shape;
}

bool IsDocumentMarker(std::string_view line) {
  return (line.substr(0, 3) == "---" || line.substr(0, 3) == "...") &&
         (line.size() == 3 || line[3] == ' ' || line[3] == '\r' || line[3] == '\t');
}

// The text's lines, and the bounds of the document around the cursor.
struct YamlLines {
  std::string_view text;
  std::vector<Line> lines;
  size_t at = 0;     // the cursor's line
  size_t first = 0;  // the document's first and last lines
  size_t last = 0;

  std::string_view Text(size_t index) const {
    return text.substr(lines[index].begin, lines[index].end - lines[index].begin);
  }
};

YamlLines SplitLines(std::string_view text, uint32_t offset) {
  YamlLines split;
  split.text = text;
  uint32_t begin = 0;
  for (uint32_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      split.lines.push_back({begin, i});
      begin = i + 1;
    }
  }
  size_t at = 0;
  while (at + 1 < split.lines.size() && split.lines[at + 1].begin <= offset) ++at;
  split.at = split.first = split.last = at;
  while (split.first > 0 && !IsDocumentMarker(split.Text(split.first - 1))) --split.first;
  while (split.last + 1 < split.lines.size() && !IsDocumentMarker(split.Text(split.last + 1))) ++split.last;
  return split;
}

// The document's top-level apiVersion and kind.
void ReadResourceHeader(const YamlLines& lines, YamlCursor& cursor) {
  for (size_t i = lines.first; i <= lines.last; ++i) {
    LineShape shape = Shape(lines.Text(i));
    if (!shape.has_key || shape.key_column != 0 || !shape.markers.empty()) continue;
    std::string_view value = Trim(StripComment(lines.Text(i).substr(shape.colon + 1)));
    if (shape.key == "apiVersion") cursor.api_version = UnquoteScalar(value);
    if (shape.key == "kind") cursor.kind = UnquoteScalar(value);
  }
}

// The key or value the cursor is on in its own line; returns the column
// whose owner is looked for above.
uint32_t PlaceOnLine(const YamlLines& lines, const LineShape& shape, uint32_t offset, YamlCursor& cursor) {
  const std::string_view current = lines.Text(lines.at);
  const uint32_t line_begin = lines.lines[lines.at].begin;
  const uint32_t column = offset - line_begin;
  if (shape.has_key) {
    cursor.key = shape.key;
    cursor.indent = shape.key_column;
    cursor.key_begin = line_begin + shape.key_column;
    cursor.key_end = line_begin + shape.colon;
    if (column <= shape.colon) {
      cursor.on_key = column >= shape.key_column;
      cursor.word_begin = cursor.key_begin;
    } else {
      cursor.in_value = true;
      uint32_t value = shape.colon + 1;
      while (value < current.size() && current[value] == ' ') ++value;
      cursor.value_begin = line_begin + value;
      cursor.word_begin = std::min(offset, cursor.value_begin);
    }
    return shape.key_column;
  }
  if (!shape.empty && column >= shape.content) {
    // A key being typed (no `:` yet).
    cursor.on_key = true;
    cursor.indent = shape.content;
    cursor.key_begin = cursor.word_begin = line_begin + shape.content;
    cursor.key_end = line_begin + static_cast<uint32_t>(Trim(StripComment(current)).size() + shape.content);
    cursor.key = std::string(lines.text.substr(cursor.key_begin, offset - cursor.key_begin));
    return shape.content;
  }
  cursor.on_key = true;
  cursor.indent = column;
  cursor.word_begin = offset;
  return column;
}

// The keys and items that hold the cursor, outermost first.
std::vector<YamlStep> ParentPath(const YamlLines& lines, const LineShape& shape, uint32_t structural) {
  std::vector<YamlStep> reversed;
  // After a `- ` at column m, the sequence belongs to a key at column <= m
  // (YAML lets `- ` sit at its key's indentation).
  bool after_item = false;
  for (auto it = shape.markers.rbegin(); it != shape.markers.rend(); ++it) {
    if (*it < structural) {
      reversed.push_back({true, ""});
      structural = *it;
      after_item = true;
    }
  }
  // Owners above: a key left of the column is a parent; a `- ` left of it is
  // the item the cursor is in.
  for (size_t i = lines.at; i-- > lines.first;) {
    if (structural == 0 && !after_item) break;
    LineShape above = Shape(lines.Text(i));
    if (above.empty) continue;
    bool owns = above.has_key && (above.key_column < structural || (after_item && above.key_column <= structural &&
                                                                      !above.inline_value));
    if (owns) {
      reversed.push_back({false, above.key});
      structural = above.key_column;
      after_item = false;
    }
    for (auto it = above.markers.rbegin(); it != above.markers.rend(); ++it) {
      if (*it < structural) {
        reversed.push_back({true, ""});
        structural = *it;
        after_item = true;
      }
    }
  }
  return {reversed.rbegin(), reversed.rend()};
}

// Keys already present in the cursor's mapping.
void CollectSiblingKeys(const YamlLines& lines, const LineShape& shape, YamlCursor& cursor) {
  const uint32_t indent = cursor.indent;
  auto collect = [&](size_t i) -> bool {  // false: left the mapping
    LineShape other = Shape(lines.Text(i));
    if (other.empty) return true;
    bool new_item = false;
    for (uint32_t marker : other.markers) new_item = new_item || marker < indent;
    if (other.has_key && other.key_column == indent) cursor.sibling_keys.push_back(other.key);
    if (other.has_key && other.key_column < indent) return false;
    if (!other.has_key && other.content < indent && other.markers.empty()) return false;
    return !new_item;
  };
  if (!shape.markers.empty() && shape.markers.back() < indent) {
    // The cursor's line starts an item: only lines below belong to it.
  } else {
    for (size_t i = lines.at; i-- > lines.first;) {
      if (!collect(i)) break;
    }
  }
  for (size_t i = lines.at + 1; i <= lines.last; ++i) {
    LineShape other = Shape(lines.Text(i));
    bool new_item = false;
    for (uint32_t marker : other.markers) new_item = new_item || marker < indent;
    if (new_item) break;
    if (!collect(i)) break;
  }
}

}  // namespace

YamlCursor LocateInYaml(std::string_view text, uint32_t offset) {
  YamlCursor cursor;
  if (offset > text.size()) offset = static_cast<uint32_t>(text.size());
  const YamlLines lines = SplitLines(text, offset);
  if (IsDocumentMarker(lines.Text(lines.at))) return cursor;
  cursor.document_begin = lines.lines[lines.first].begin;
  cursor.document_end = lines.lines[lines.last].end;
  ReadResourceHeader(lines, cursor);
  const LineShape shape = Shape(lines.Text(lines.at));
  const uint32_t structural = PlaceOnLine(lines, shape, offset, cursor);
  cursor.parents = ParentPath(lines, shape, structural);
  CollectSiblingKeys(lines, shape, cursor);
  return cursor;
}

LTypeRef TypeAtPath(EditorTypes& types, LTypeRef type, const std::vector<YamlStep>& path) {
  for (const YamlStep& step : path) {
    if (!type) return nullptr;
    if (step.item) {
      type = types.Element(type);
      continue;
    }
    if (std::optional<FieldInfo> field = types.Field(type, step.key)) type = field->type;
    else type = types.MapValue(type);
  }
  return type;
}

LTypeRef ResourceType(EditorTypes& types, const YamlCursor& cursor) {
  if (cursor.api_version.empty() || cursor.kind.empty()) return nullptr;
  std::optional<ExternalTypeId> id = types.catalog().FindResource(cursor.api_version, cursor.kind);
  return id ? types.External(*id) : nullptr;
}

}  // namespace mast::lsp
