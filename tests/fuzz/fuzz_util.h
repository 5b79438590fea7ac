// Oracles shared by the fuzz targets. A failed oracle prints what it saw and
// aborts, so libFuzzer saves the input as a crash.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/source.h"
#include "compiler/base/utf8.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/diagnostics/render.h"
#include "compiler/value/value.h"

namespace mast::fuzz {

[[noreturn]] inline void Fail(const std::string& what) {
  std::fprintf(stderr, "fuzz oracle failed: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

// Value::Equals, except that NaN equals NaN: `.nan` must survive a round
// trip, and Equals (IEEE ==) would report every NaN as a change.
inline bool SameData(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Value::Kind::kFloat:
      if (std::isnan(a.AsFloat()) || std::isnan(b.AsFloat())) {
        return std::isnan(a.AsFloat()) && std::isnan(b.AsFloat());
      }
      return a.Equals(b);
    case Value::Kind::kList: {
      const ValueList& x = a.AsList();
      const ValueList& y = b.AsList();
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i) {
        if (!SameData(x[i], y[i])) return false;
      }
      return true;
    }
    case Value::Kind::kMap: {
      const ValueMap& x = a.AsMap();
      if (x.size() != b.AsMap().size()) return false;
      for (const MapEntry& entry : x) {
        const Value* match = b.Find(entry.key);
        if (!match || !SameData(entry.value, *match)) return false;
      }
      return true;
    }
    default:
      return a.Equals(b);
  }
}

// A range must lie inside its file: [begin, end) with end <= size.
inline void CheckRange(const SourceManager& sources, SourceRange range, const char* what) {
  if (!range.IsValid()) return;
  if (!sources.Has(range.file)) Fail(std::string(what) + ": unknown file id " + std::to_string(range.file));
  size_t size = sources.Get(range.file).text().size();
  if (range.begin > range.end || range.end > size) {
    Fail(std::string(what) + ": range [" + std::to_string(range.begin) + ", " + std::to_string(range.end) +
         ") outside a file of " + std::to_string(size) + " bytes");
  }
}

// Every diagnostic, label and fix edit points inside its file, and every
// renderer accepts the diagnostics.
inline void CheckDiagnostics(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) {
    CheckRange(sources, d.range, "diagnostic range");
    for (const Label& label : d.labels) CheckRange(sources, label.range, "label range");
    if (d.fix) {
      for (const TextEdit& edit : d.fix->edits) CheckRange(sources, edit.range, "fix edit range");
    }
  }
  (void)RenderText(sources, diagnostics);
  (void)RenderJson(sources, diagnostics);
}

// Every origin in a value tree points inside its file.
inline void CheckOrigins(const SourceManager& sources, const Value& value) {
  CheckRange(sources, value.origin(), "value origin");
  if (value.IsList()) {
    for (const Value& item : value.AsList()) CheckOrigins(sources, item);
  } else if (value.IsMap()) {
    for (const MapEntry& entry : value.AsMap()) {
      CheckRange(sources, entry.key_range, "key range");
      CheckOrigins(sources, entry.value);
    }
  }
}

// Whether every string and key in the tree is well-formed UTF-8 (the YAML
// writer turns other bytes into U+FFFD, so only such trees round-trip).
inline bool ValidUtf8(std::string_view text) {
  uint32_t code_point = 0;
  for (size_t at = 0; at < text.size();) {
    size_t length = DecodeUtf8(text, at, &code_point);
    if (length == 0) return false;
    at += length;
  }
  return true;
}

inline bool AllValidUtf8(const Value& value) {
  if (value.IsString()) return ValidUtf8(value.AsString());
  if (value.IsList()) {
    for (const Value& item : value.AsList()) {
      if (!AllValidUtf8(item)) return false;
    }
  } else if (value.IsMap()) {
    for (const MapEntry& entry : value.AsMap()) {
      if (!ValidUtf8(entry.key) || !AllValidUtf8(entry.value)) return false;
    }
  }
  return true;
}

// Nesting depth of collections (a scalar is 0, `{a: 1}` is 1).
inline size_t Depth(const Value& value) {
  size_t deepest = 0;
  if (value.IsList()) {
    for (const Value& item : value.AsList()) deepest = std::max(deepest, Depth(item));
    return deepest + 1;
  }
  if (value.IsMap()) {
    for (const MapEntry& entry : value.AsMap()) deepest = std::max(deepest, Depth(entry.value));
    return deepest + 1;
  }
  return 0;
}

}  // namespace mast::fuzz
