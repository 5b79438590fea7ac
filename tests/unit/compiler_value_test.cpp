// Values: moving origins after a chunked read; diagnostics: sorting.
#include <catch2/catch.hpp>

#include "compiler/base/pointer_map.h"
#include "compiler/diagnostics/diagnostic.h"
#include "compiler/value/value.h"

namespace mast {
namespace {

Value Sample(FileId file) {
  ValueList items;
  items.push_back(Value::String("a", {file, 10, 11}));
  items.push_back(Value::Int(2, {file, 13, 14}));
  ValueMap entries;
  entries.push_back({"list", {file, 1, 5}, Value::List(std::move(items), {file, 7, 15})});
  entries.push_back({"empty", {file, 16, 21}, Value::Map({}, {file, 23, 25})});
  return Value::Map(std::move(entries), {file, 0, 25});
}

TEST_CASE("ShiftOrigins moves every origin and key range", "[value]") {
  Value value = Sample(3);
  ShiftOrigins(value, 100);
  CHECK(value.origin() == SourceRange{3, 100, 125});
  const MapEntry* list = value.FindEntry("list");
  REQUIRE(list != nullptr);
  CHECK(list->key_range == SourceRange{3, 101, 105});
  CHECK(list->value.origin() == SourceRange{3, 107, 115});
  CHECK(list->value.AsList()[0].origin() == SourceRange{3, 110, 111});
  CHECK(list->value.AsList()[1].origin() == SourceRange{3, 113, 114});
  CHECK(value.FindEntry("empty")->value.origin() == SourceRange{3, 123, 125});
  CHECK(value.Equals(Sample(3)));  // only origins moved
}

TEST_CASE("ShiftOrigins copies storage that another value shares", "[value]") {
  Value value = Sample(3);
  const Value shared = value;  // e.g. a YAML alias, or a cache
  ShiftOrigins(value, 100);
  CHECK(shared.origin() == SourceRange{3, 0, 25});
  CHECK(shared.FindEntry("list")->value.AsList()[0].origin() == SourceRange{3, 10, 11});
  CHECK(value.FindEntry("list")->value.AsList()[0].origin() == SourceRange{3, 110, 111});
  CHECK(value.storage() != shared.storage());
}

TEST_CASE("ShiftOrigins leaves values without an origin alone", "[value]") {
  Value value = Value::List({Value::Int(1), Value::String("x", {1, 2, 3})});
  ShiftOrigins(value, 7);
  CHECK_FALSE(value.origin().IsValid());
  CHECK_FALSE(value.AsList()[0].origin().IsValid());
  CHECK(value.AsList()[1].origin() == SourceRange{1, 9, 10});
}

Diagnostic Make(FileId file, uint32_t begin, DiagnosticCode code, std::string message) {
  Diagnostic d;
  d.code = code;
  d.range = {file, begin, begin + 1};
  d.message = std::move(message);
  return d;
}

TEST_CASE("SortDiagnostics orders by place, code and message, and drops repeats", "[diagnostics]") {
  std::vector<Diagnostic> diagnostics = {
      Make(1, 5, DiagnosticCode::E0302, "b"), Make(0, 9, DiagnosticCode::E0302, "a"),
      Make(1, 5, DiagnosticCode::E0302, "a"), Make(1, 5, DiagnosticCode::E0302, "b"),
      Make(1, 2, DiagnosticCode::E0303, "z"), Make(1, 5, DiagnosticCode::E0201, "c"),
  };
  diagnostics[0].notes = {"kept"};
  SortDiagnostics(diagnostics);
  std::vector<std::string> order;
  for (const Diagnostic& d : diagnostics) {
    order.push_back(std::to_string(d.range.file) + ":" + std::to_string(d.range.begin) + " " +
                    std::string(d.id()) + " " + d.message);
  }
  CHECK(order == std::vector<std::string>{"0:9 E0302 a", "1:2 E0303 z", "1:5 E0201 c", "1:5 E0302 a",
                                          "1:5 E0302 b"});
  CHECK(diagnostics.back().notes == std::vector<std::string>{"kept"});  // the first of equal ones stays
}

TEST_CASE("PointerMap finds what was inserted, and keeps references while it grows", "[base]") {
  PointerMap<int> map;
  std::vector<int> keys(1000);
  CHECK(map.Find(&keys[0]) == nullptr);
  int& first = map.Insert(&keys[0], 7);
  for (size_t i = 1; i < keys.size(); ++i) map.Insert(&keys[i], static_cast<int>(i));
  CHECK(map.size() == keys.size());
  CHECK(&first == map.Find(&keys[0]));  // the deque keeps it in place
  CHECK(first == 7);
  for (size_t i = 1; i < keys.size(); ++i) {
    REQUIRE(map.Find(&keys[i]) != nullptr);
    CHECK(*map.Find(&keys[i]) == static_cast<int>(i));
  }
  int other = 0;
  CHECK(map.Find(&other) == nullptr);
  map.Insert(&keys[5], 50);  // an existing key is updated, not added
  CHECK(map.size() == keys.size());
  CHECK(*map.Find(&keys[5]) == 50);
}

}  // namespace
}  // namespace mast
