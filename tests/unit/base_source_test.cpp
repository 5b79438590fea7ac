#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

#include "compiler/base/encoding.h"
#include "compiler/base/source.h"
#include "compiler/base/spelling.h"
#include "compiler/value/value.h"

using namespace mast;

TEST_CASE("line and column are computed from byte offsets", "[source]") {
  SourceFile file("a.mast", "let a = 1\nlet b = 2\n");
  CHECK(file.LineCount() == 3);
  LineColumn lc = file.ToLineColumn(14);  // the `b`
  CHECK(lc.line == 2);
  CHECK(lc.column == 5);
  CHECK(file.LineText(2) == "let b = 2");
  CHECK(file.ToOffset(2, 5) == 14);
}

TEST_CASE("UTF-16 columns count surrogate pairs as two units", "[source]") {
  // "é" is 2 bytes / 1 unit; "😀" is 4 bytes / 2 units.
  SourceFile file("a.mast", "x = \"é😀\" + y\n");
  uint32_t y = static_cast<uint32_t>(file.text().find('y'));
  CHECK(file.Utf16Column(y) == 12);
  CHECK(file.OffsetFromUtf16(0, 12) == y);
  CHECK(file.OffsetFromUtf16(0, 500) == file.text().size() - 1);
}

TEST_CASE("lines are found on first use, the same from every thread", "[source]") {
  // Line starts are found the first time a position is asked for; threads
  // that ask at once must all see the whole table.
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "key" + std::to_string(i) + ": value\r\n";
  text += "last line without a break";
  const SourceFile file("big.yaml", text);
  std::vector<std::thread> threads;
  std::vector<uint32_t> counts(4, 0);
  std::vector<LineColumn> last(4);
  for (size_t t = 0; t < counts.size(); ++t) {
    threads.emplace_back([&, t] {
      last[t] = file.ToLineColumn(static_cast<uint32_t>(text.size() - 1));
      counts[t] = file.LineCount();
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t t = 0; t < counts.size(); ++t) {
    CHECK(counts[t] == 20001);
    CHECK(last[t].line == 20001);
    CHECK(last[t].column == 25);
  }
  CHECK(file.LineText(20000) == "key19999: value");
  CHECK(file.LineText(20001) == "last line without a break");
  // No text: one empty line.
  const SourceFile empty("empty.yaml", "");
  CHECK(empty.LineCount() == 1);
  CHECK(empty.ToLineColumn(0).line == 1);
  CHECK(empty.LineText(1).empty());
}

TEST_CASE("did you mean finds near names only", "[spelling]") {
  std::vector<std::string_view> fields = {"replicas", "selector", "template", "strategy"};
  CHECK(ClosestMatch("replica", fields) == "replicas");
  CHECK(ClosestMatch("selectr", fields) == "selector");
  CHECK(ClosestMatch("tempalte", fields) == "template");  // transposition
  CHECK_FALSE(ClosestMatch("image", fields).has_value());
  CHECK(EditDistance("kitten", "sitting") == 3);
}

TEST_CASE("did you mean suggests only likely names", "[spelling]") {
  // The native sidecar case: `restartPolicy` is 4 edits from `resizePolicy`,
  // and applying that "fix" broke a valid manifest.
  const std::vector<std::string_view> container = {"image", "name", "resizePolicy", "resources", "stdin"};
  CHECK_FALSE(ClosestMatch("restartPolicy", container).has_value());
  CHECK(ClosestMatch("resizPolicy", container) == "resizePolicy");
  CHECK(ClosestMatch("Resources", container) == "resources");  // case only
  // Two equally near names: neither is likely.
  CHECK_FALSE(ClosestMatch("port", {"ports", "post"}).has_value());
  CHECK(ClosestMatch("port", {"ports", "ports"}) == "ports");
  // Short words allow one edit; long ones a sixth of their length.
  CHECK_FALSE(ClosestMatch("nmae", {"name2"}).has_value());
  CHECK(ClosestMatch("ClusterFirstWithHostNetwork", {"ClusterFirstWithHostNet", "ClusterFirst"}) ==
        "ClusterFirstWithHostNet");
}

TEST_CASE("sha256 matches the FIPS 180-4 test vectors", "[encoding]") {
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(Sha256Hex(std::string(1000, 'a')).size() == 64);
}

TEST_CASE("base64 round-trips and rejects non-canonical text", "[encoding]") {
  for (const std::string& text : std::vector<std::string>{"", "f", "fo", "foo", "foob", "fooba", "foobar", std::string("\0\xff", 2)}) {
    CHECK(Base64Decode(Base64Encode(text)) == text);
  }
  CHECK(Base64Encode("foobar") == "Zm9vYmFy");
  CHECK(Base64Encode("fo") == "Zm8=");
  CHECK_FALSE(Base64Decode("Zm8").has_value());
  CHECK_FALSE(Base64Decode("Zm=8").has_value());
  CHECK_FALSE(Base64Decode("Zm!=").has_value());
}

TEST_CASE("floats print as the shortest text that reads back exactly", "[value]") {
  CHECK(FormatFloat(1.0) == "1.0");
  CHECK(FormatFloat(0.1) == "0.1");
  CHECK(FormatFloat(2.5e-7) == "2.5e-07");
  CHECK(FormatFloat(1e300) == "1e+300");
  CHECK(FormatFloat(-0.5) == "-0.5");
}

TEST_CASE("values compare structurally and ignore origins", "[value]") {
  Value a = Value::Map({{"x", {}, Value::Int(1, {0, 1, 2})}});
  Value b = Value::Map({{"x", {}, Value::Int(1, {0, 5, 6})}});
  Value c = Value::Map({{"x", {}, Value::Float(1.0)}});
  CHECK(a.Equals(b));
  CHECK_FALSE(a.Equals(c));
  CHECK(a.Find("x")->AsInt() == 1);
  CHECK(a.Find("y") == nullptr);
}

TEST_CASE("a line looked up near another line is the line a full search finds", "[source]") {
  std::string text;
  for (int i = 0; i < 300; ++i) text += std::string(static_cast<size_t>(i % 7), 'x') + "\n";  // empty lines too
  text += "last line without newline";
  SourceFile file("f.yaml", text);
  for (uint32_t offset = 0; offset <= text.size() + 3; offset += 3) {  // past the end is clamped
    const LineColumn expected = file.ToLineColumn(offset);
    for (uint32_t near : {0u, 1u, expected.line, expected.line > 1 ? expected.line - 1 : 1u,
                          expected.line > 70 ? expected.line - 70 : 1u, expected.line + 1, 10000u}) {
      const LineColumn found = file.ToLineColumn(offset, near);
      INFO("offset " << offset << " near " << near);
      CHECK(found.line == expected.line);
      CHECK(found.column == expected.column);
    }
  }
}
