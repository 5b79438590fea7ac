// Quantity grammar and string formats.
#include <catch2/catch.hpp>

#include "schemas/formats.h"
#include "schemas/quantity.h"

namespace mast::schemas {
namespace {

TEST_CASE("valid quantities", "[quantity]") {
  for (const char* text :
       {"0",  "1",  "+1",    "-1",  "1.5", ".5",  "5.",  "500m", "100n", "3u",  "1k",   "2M",      "1G",   "1T",
        "1P", "1E", "128Mi", "1Ki", "2Gi", "1Ti", "1Pi", "1Ei",  "1e3",  "1E3", "1e-3", "1.5e+10", "0.1Gi"}) {
    INFO(text);
    CHECK(IsValidQuantity(text));
  }
}

TEST_CASE("invalid quantities", "[quantity]") {
  for (const char* text : {"", "Mi", ".", "+", "1K", "128MB", "1GiB", "1 Gi", "1e", "1e+", "1e1.5", "1Mib", "1mi",
                           "abc", "1,5", "--1", "1..2", "0x10", " 1"}) {
    INFO(text);
    CHECK_FALSE(IsValidQuantity(text));
  }
}

TEST_CASE("suggestions for byte-unit habits", "[quantity]") {
  using List = std::vector<std::string>;
  CHECK(SuggestQuantities("128MB") == List{"128M", "128Mi"});
  CHECK(SuggestQuantities("1K") == List{"1k", "1Ki"});
  CHECK(SuggestQuantities("1kb") == List{"1k", "1Ki"});
  CHECK(SuggestQuantities("1GiB") == List{"1Gi"});
  CHECK(SuggestQuantities("2gi") == List{"2Gi"});
  CHECK(SuggestQuantities("500mb") == List{"500M", "500Mi"});
  CHECK(SuggestQuantities("1 Gi") == List{"1Gi"});
  CHECK(SuggestQuantities("abc").empty());
  CHECK(SuggestQuantities("1x").empty());
  for (const std::string& s : SuggestQuantities("3g")) CHECK(IsValidQuantity(s));
}

TEST_CASE("RFC 3339 date-times", "[formats]") {
  for (const char* text : {"2024-01-31T12:00:00Z", "2024-01-31T12:00:00.123456Z", "2024-02-29T00:00:00+01:00",
                           "2024-01-31t23:59:60z", "1999-12-31T23:59:59-08:00"}) {
    INFO(text);
    CHECK(IsRfc3339DateTime(text));
  }
  for (const char* text :
       {"", "2024-01-31", "2024-01-31T12:00:00", "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2024-01-31 12:00:00Z",
        "2024-01-31T24:00:00Z", "2024-01-31T12:00:00.Z", "2024-01-31T12:00:00+0100", "2024-01-31T12:00:00Zjunk"}) {
    INFO(text);
    CHECK_FALSE(IsRfc3339DateTime(text));
  }
}

TEST_CASE("base64", "[formats]") {
  for (const char* text : {"", "aGk=", "aGVsbG8=", "aGVsbG8h", "YQ==", "aGVs\nbG8h"}) {
    INFO(text);
    CHECK(IsBase64(text));
  }
  for (const char* text : {"aGk", "hunter2", "a===", "YQ==YQ==", "aGk*", "YQ=a"}) {
    INFO(text);
    CHECK_FALSE(IsBase64(text));
  }
}

}  // namespace
}  // namespace mast::schemas
