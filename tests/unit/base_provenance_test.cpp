#include <catch2/catch.hpp>

#include "compiler/base/provenance.h"
#include "compiler/value/value.h"

using namespace mast;

namespace {

// Ranges in one file: a function's declaration and places inside it.
SourceRange At(uint32_t begin, uint32_t end) { return SourceRange{0, begin, end}; }

std::vector<uint32_t> Sites(const std::vector<CallFrame>& frames) {
  std::vector<uint32_t> begins;
  for (const CallFrame& frame : frames) begins.push_back(frame.site.begin);
  return begins;
}

}  // namespace

TEST_CASE("a chain of calls names the calls that led to a place, innermost first", "[provenance]") {
  ProvenanceTable table;
  const SourceRange outer = At(0, 100);   // fn outer = ... inner(...) at 50 ...
  const SourceRange inner = At(200, 300);  // fn inner = ...
  const ProvenanceId in_outer = table.Call(kNoProvenance, At(500, 510), outer, "outer");
  const ProvenanceId in_inner = table.Call(in_outer, At(50, 60), inner, "inner");
  CHECK(Sites(table.CallsTo(in_inner, At(210, 220))) == std::vector<uint32_t>{50, 500});
  CHECK(table.CallsTo(in_inner, At(210, 220)).front().name == "inner");
  // Made in `outer`: the call of `inner` made after it is not its cause.
  CHECK(Sites(table.CallsTo(in_inner, At(10, 20))) == std::vector<uint32_t>{500});
  // Written at the top level: no calls.
  CHECK(table.CallsTo(in_inner, At(600, 610)).empty());
  CHECK(table.CallsTo(kNoProvenance, At(210, 220)).empty());
  // Interned: the same call from the same caller is the same id.
  CHECK(table.Call(in_outer, At(50, 60), inner, "inner") == in_inner);
}

TEST_CASE("recursion collapses a chain back to the repeated call site", "[provenance]") {
  ProvenanceTable table;
  const SourceRange countdown = At(0, 100);  // calls itself at 40
  const ProvenanceId first = table.Call(kNoProvenance, At(500, 510), countdown, "countdown");
  ProvenanceId chain = table.Call(first, At(40, 50), countdown, "countdown");
  const size_t nodes = table.size();
  for (int i = 0; i < 1000; ++i) chain = table.Call(chain, At(40, 50), countdown, "countdown");
  CHECK(table.size() <= nodes + 1);  // a thousand levels of recursion, no new chains
  const std::vector<CallFrame> frames = table.CallsTo(chain, At(60, 70));
  CHECK(Sites(frames) == std::vector<uint32_t>{40, 500});
  CHECK(frames[0].recursive);
  CHECK_FALSE(frames[1].recursive);
}

TEST_CASE("the table stops growing at its bound", "[provenance]") {
  ProvenanceTable table;
  ProvenanceId last = kNoProvenance;
  for (uint32_t i = 0; i <= ProvenanceTable::kMaxNodes; ++i) {
    last = table.Call(kNoProvenance, At(i * 10, i * 10 + 5), At(0, 1), "f");
  }
  CHECK(last == kNoProvenance);  // the one past the bound is not remembered
  CHECK(table.size() == ProvenanceTable::kMaxNodes);
}

TEST_CASE("a removal is found by field, above the record's calls", "[provenance]") {
  ProvenanceTable table;
  const ProvenanceId call = table.Call(kNoProvenance, At(500, 510), At(0, 100), "build");
  const ProvenanceId removed = table.Removed(call, "port", At(600, 610), kNoProvenance);
  const ProvenanceId twice = table.Removed(removed, "name", At(620, 630), call);
  REQUIRE(table.FindRemoval(twice, "port"));
  CHECK(table.FindRemoval(twice, "port")->where == At(600, 610));
  CHECK(table.FindRemoval(twice, "name")->calls == call);
  CHECK_FALSE(table.FindRemoval(twice, "image"));
  CHECK_FALSE(table.FindRemoval(call, "port"));
  // The record's calls are still its calls.
  CHECK(Sites(table.CallsTo(twice, At(10, 20))) == std::vector<uint32_t>{500});
  // A failed type survives a removal.
  CHECK(FailedType(table.Removed(call | kFailedTypeBit, "port", At(600, 610), kNoProvenance)));
}

TEST_CASE("values keep their provenance when copied, not when moved elsewhere", "[provenance]") {
  Value value = Value::Int(70000, At(1, 6), 7 | kFailedTypeBit);
  const Value copy = value;
  CHECK(copy.provenance() == (7 | kFailedTypeBit));
  CHECK(FailedType(copy.provenance()));
  CHECK(value.IsSameAs(copy));
  CHECK_FALSE(value.IsSameAs(Value::Int(70000, At(1, 6))));
  CHECK(value.WithOrigin(At(8, 9)).provenance() == kNoProvenance);
  const Value moved = std::move(value);
  CHECK(moved.provenance() == (7 | kFailedTypeBit));
  CHECK(Value::Map({{"a", At(0, 1), copy}}, At(0, 9), 3).provenance() == 3);
}

TEST_CASE("a table imported into another keeps its chains and removals, with ranges remapped", "[provenance]") {
  ProvenanceTable compiled;  // a .mast input's own run
  const SourceRange outer = At(0, 100);
  const SourceRange inner = At(200, 300);
  const ProvenanceId in_outer = compiled.Call(kNoProvenance, At(500, 510), outer, "outer");
  const ProvenanceId in_inner = compiled.Call(in_outer, At(50, 60), inner, "inner");
  const ProvenanceId removed = compiled.Removed(in_inner | kFailedTypeBit, "image", At(220, 230), in_outer);

  ProvenanceTable shared;  // the run it joins, which has nodes of its own
  const ProvenanceId own = shared.Call(kNoProvenance, At(900, 910), At(800, 850), "own");
  auto to_file_3 = [](SourceRange range) { return range.IsValid() ? SourceRange{3, range.begin, range.end} : range; };
  const std::vector<ProvenanceId> ids = shared.Import(compiled, to_file_3);
  const ProvenanceId moved_inner = ProvenanceTable::MapId(ids, in_inner);
  CHECK(moved_inner != in_inner);  // after the shared table's own node
  const std::vector<CallFrame> frames = shared.CallsTo(moved_inner, SourceRange{3, 210, 220});
  REQUIRE(frames.size() == 2);
  CHECK(frames[0].name == "inner");
  CHECK(frames[0].site == (SourceRange{3, 50, 60}));
  CHECK(frames[1].site == (SourceRange{3, 500, 510}));
  // The failed-type bit and removals come along.
  const ProvenanceId moved_removed = ProvenanceTable::MapId(ids, removed);
  CHECK(FailedType(moved_removed));
  const std::optional<ProvenanceTable::Removal> removal = shared.FindRemoval(moved_removed, "image");
  REQUIRE(removal.has_value());
  CHECK(removal->where == (SourceRange{3, 220, 230}));
  CHECK(Sites(shared.CallsTo(removal->calls, SourceRange{3, 10, 20})) == std::vector<uint32_t>{500});
  CHECK(ProvenanceTable::MapId(ids, kNoProvenance) == kNoProvenance);
  CHECK(shared.CallsTo(own, At(820, 830)).size() == 1);  // its own nodes untouched
}

TEST_CASE("values moved to another run keep their provenance, mapped", "[provenance]") {
  const Value inner = Value::String("busybox", At(10, 17));  // a literal: no calls of its own
  const Value record = Value::Map({{"image", At(3, 8), inner}}, At(0, 20), 7);
  const Value moved = MapOrigins(
      record, [](SourceRange r) { return SourceRange{2, r.begin, r.end}; }, [](ProvenanceId id) { return id + 100; });
  CHECK(moved.provenance() == 107);
  CHECK(moved.origin() == (SourceRange{2, 0, 20}));
  CHECK(moved.AsMap()[0].value.provenance() == 100);  // kNoProvenance mapped by the caller's function
  CHECK(MapOrigins(record, [](SourceRange r) { return r; }).provenance() == kNoProvenance);
}
