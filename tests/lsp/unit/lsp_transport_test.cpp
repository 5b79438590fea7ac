#include <catch2/catch.hpp>

#include "lsp/server/documents.h"
#include "lsp/protocol/uri.h"
#include "lsp/transport/framing.h"
#include "lsp/transport/transport.h"

using namespace mast::lsp;

namespace {

std::vector<Frame> Decode(FrameDecoder& decoder, std::string_view bytes, size_t chunk = 1) {
  for (size_t i = 0; i < bytes.size(); i += chunk) decoder.Feed(bytes.substr(i, chunk));
  std::vector<Frame> out;
  Frame frame;
  while (decoder.Next(&frame)) out.push_back(frame);
  return out;
}

}  // namespace

TEST_CASE("frames are decoded whatever the chunking", "[framing]") {
  std::string stream = EncodeFrame("{\"a\":1}") + EncodeFrame("{}") + "Content-Type: x\r\nContent-Length: 2\r\n\r\n[]";
  for (size_t chunk : {1u, 3u, 1000u}) {
    FrameDecoder decoder;
    std::vector<Frame> frames = Decode(decoder, stream, chunk);
    REQUIRE(frames.size() == 3);
    CHECK(frames[0].body == "{\"a\":1}");
    CHECK(frames[1].body == "{}");
    CHECK(frames[2].body == "[]");
  }
}

TEST_CASE("bad headers are reported and skipped", "[framing]") {
  FrameDecoder decoder;
  std::vector<Frame> frames =
      Decode(decoder, "Content-Type: x\r\n\r\nContent-Length: -4\r\n\r\n" + EncodeFrame("{}"), 7);
  REQUIRE(frames.size() == 3);
  CHECK(frames[0].error == "header block without Content-Length");
  CHECK(frames[1].error.find("invalid Content-Length") == 0);
  CHECK(frames[2].body == "{}");
}

TEST_CASE("a bad frame with a body costs one message, not the rest", "[framing]") {
  // The body after a bad header used to be read as the next header block,
  // and so on: the decoder never found a frame again.
  const std::string body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\"}";
  for (const std::string bad : {"Content-Length: abc\r\n\r\n" + body, "X-Nonsense: 1\r\n\r\n" + body}) {
    for (size_t chunk : {1u, 5u, 1000u}) {
      FrameDecoder decoder;
      std::vector<Frame> frames = Decode(decoder, bad + EncodeFrame("[1]") + EncodeFrame("[2]"), chunk);
      REQUIRE(frames.size() == 3);
      CHECK(!frames[0].error.empty());
      CHECK(frames[1].body == "[1]");
      CHECK(frames[2].body == "[2]");
    }
  }
}

TEST_CASE("an oversized body is skipped without being buffered", "[framing]") {
  FrameDecoder decoder(16);
  std::string body(100, 'x');
  std::vector<Frame> frames = Decode(decoder, "Content-Length: 100\r\n\r\n" + body + EncodeFrame("[1]"), 10);
  REQUIRE(frames.size() == 2);
  CHECK(frames[0].error.find("exceeds the limit") != std::string::npos);
  CHECK(frames[1].body == "[1]");
}

TEST_CASE("an endless header is cut off", "[framing]") {
  FrameDecoder decoder;
  std::vector<Frame> frames = Decode(decoder, std::string(20000, 'h'), 4096);
  REQUIRE(!frames.empty());
  CHECK(frames[0].error.find("header block longer") == 0);
}

TEST_CASE("messages are parsed with a nesting bound", "[framing]") {
  Json json;
  std::string error;
  CHECK(ParseMessage("{\"a\": [1, {\"b\": \"[[[[\"}]}", &json, &error));
  CHECK_FALSE(ParseMessage(std::string(1000, '[') + std::string(1000, ']'), &json, &error));
  CHECK(error.find("nested deeper") != std::string::npos);
  CHECK_FALSE(ParseMessage("{\"a\": ", &json, &error));
  CHECK_FALSE(ParseMessage("\"\xff\"", &json, &error));
}

TEST_CASE("incremental edits use UTF-16 positions", "[documents]") {
  // "é" is one unit (two bytes), "😀" two units (four bytes).
  std::string text = "a é😀 b\nline2\r\nline3";
  CHECK(OffsetOf(text, {0, 2}) == 2);
  CHECK(OffsetOf(text, {0, 3}) == 4);   // after é
  CHECK(OffsetOf(text, {0, 5}) == 8);   // after 😀
  CHECK(OffsetOf(text, {0, 99}) == 10); // clamped to the line end
  CHECK(OffsetOf(text, {1, 99}) == 16); // before "\r\n"
  CHECK(OffsetOf(text, {9, 0}) == text.size());
  REQUIRE(ApplyChange(text, ContentChange{Range{{0, 5}, {0, 7}}, "X"}));
  CHECK(text == "a é😀X\nline2\r\nline3");
  REQUIRE(ApplyChange(text, ContentChange{Range{{1, 0}, {2, 0}}, ""}));
  CHECK(text == "a é😀X\nline3");
  CHECK_FALSE(ApplyChange(text, ContentChange{Range{{1, 2}, {0, 1}}, "?"}));
  REQUIRE(ApplyChange(text, ContentChange{std::nullopt, "new"}));
  CHECK(text == "new");
}

TEST_CASE("file URIs and paths", "[uri]") {
  CHECK(UriToPath("file:///a%20b/c%C3%A9.mast") == "/a b/cé.mast");
  CHECK(UriToPath("file://localhost/x/../y.mast") == "/y.mast");
  CHECK(PathToUri("/a b/cé.mast") == "file:///a%20b/c%C3%A9.mast");
  CHECK(UriToPath("untitled:Untitled-1") == "untitled:Untitled-1");
  CHECK(LanguageOf("/x/a.yml") == Language::kYaml);
  CHECK(LanguageOf("/x/a.txt", "mast") == Language::kMast);
}
