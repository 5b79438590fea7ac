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

}  // namespace

YamlCursor LocateInYaml(std::string_view text, uint32_t offset) {
  YamlCursor cursor;
  if (offset > text.size()) offset = static_cast<uint32_t>(text.size());
  std::vector<Line> lines;
  uint32_t begin = 0;
  for (uint32_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      lines.push_back({begin, i});
      begin = i + 1;
    }
  }
  size_t at = 0;
  while (at + 1 < lines.size() && lines[at + 1].begin <= offset) ++at;
  auto line_text = [&](size_t index) {
    return text.substr(lines[index].begin, lines[index].end - lines[index].begin);
  };
  // The document around the cursor.
  size_t first = at;
  while (first > 0 && !IsDocumentMarker(line_text(first - 1))) --first;
  if (IsDocumentMarker(line_text(at))) return cursor;
  size_t last = at;
  while (last + 1 < lines.size() && !IsDocumentMarker(line_text(last + 1))) ++last;
  cursor.document_begin = lines[first].begin;
  cursor.document_end = lines[last].end;
  for (size_t i = first; i <= last; ++i) {
    LineShape shape = Shape(line_text(i));
    if (!shape.has_key || shape.key_column != 0 || !shape.markers.empty()) continue;
    std::string_view value = Trim(StripComment(line_text(i).substr(shape.colon + 1)));
    if (shape.key == "apiVersion") cursor.api_version = UnquoteScalar(value);
    if (shape.key == "kind") cursor.kind = UnquoteScalar(value);
  }

  const std::string_view current = line_text(at);
  const uint32_t column = offset - lines[at].begin;
  LineShape shape = Shape(current);
  uint32_t structural = column;  // the column whose owner we look for
  std::vector<YamlStep> reversed;
  if (shape.has_key) {
    cursor.key = shape.key;
    cursor.indent = shape.key_column;
    cursor.key_begin = lines[at].begin + shape.key_column;
    cursor.key_end = lines[at].begin + shape.colon;
    if (column <= shape.colon) {
      cursor.on_key = column >= shape.key_column;
      cursor.word_begin = cursor.key_begin;
    } else {
      cursor.in_value = true;
      uint32_t value = shape.colon + 1;
      while (value < current.size() && current[value] == ' ') ++value;
      cursor.value_begin = lines[at].begin + value;
      cursor.word_begin = std::min(offset, cursor.value_begin);
    }
    structural = shape.key_column;
  } else if (!shape.empty && column >= shape.content) {
    // A key being typed (no `:` yet).
    cursor.on_key = true;
    cursor.indent = shape.content;
    cursor.key_begin = cursor.word_begin = lines[at].begin + shape.content;
    cursor.key_end = lines[at].begin + static_cast<uint32_t>(Trim(StripComment(current)).size() + shape.content);
    cursor.key = std::string(text.substr(cursor.key_begin, offset - cursor.key_begin));
    structural = shape.content;
  } else {
    cursor.on_key = true;
    cursor.indent = column;
    cursor.word_begin = offset;
  }
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
  for (size_t i = at; i-- > first;) {
    if (structural == 0 && !after_item) break;
    LineShape above = Shape(line_text(i));
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
  cursor.parents.assign(reversed.rbegin(), reversed.rend());

  // Keys already present in the cursor's mapping.
  const uint32_t indent = cursor.indent;
  auto collect = [&](size_t i) -> bool {  // false: left the mapping
    LineShape other = Shape(line_text(i));
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
    for (size_t i = at; i-- > first;) {
      if (!collect(i)) break;
    }
  }
  for (size_t i = at + 1; i <= last; ++i) {
    LineShape other = Shape(line_text(i));
    bool new_item = false;
    for (uint32_t marker : other.markers) new_item = new_item || marker < indent;
    if (new_item) break;
    if (!collect(i)) break;
  }
  return cursor;
}

LTypeRef TypeAtPath(TypeResolver& types, LTypeRef type, const std::vector<YamlStep>& path) {
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

LTypeRef ResourceType(TypeResolver& types, const YamlCursor& cursor) {
  if (cursor.api_version.empty() || cursor.kind.empty()) return nullptr;
  std::optional<ExternalTypeId> id = types.catalog().FindResource(cursor.api_version, cursor.kind);
  return id ? types.External(*id) : nullptr;
}

}  // namespace mast::lsp
