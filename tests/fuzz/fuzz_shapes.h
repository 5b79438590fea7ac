// A structure-aware generator for the front-end fuzz targets. Byte-level
// mutation almost never builds what broke the front ends (issue 13): a chain
// of 700,000 operators, 30,000 nested brackets, thousands of `"${` on one
// line. With MAST_LIBFUZZER, the targets that include this header get a
// custom mutator that, one time in four, splices such a shape (up to the
// run's -max_len; use 1 MB, see scripts/fuzz.sh) into the input, and
// otherwise mutates as libFuzzer does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>

namespace mast::fuzz {

// One long or deep piece of Mast or YAML text, at most `max_size` bytes.
inline std::string GenerateShape(std::mt19937& rng, size_t max_size) {
  static const char* const kBinary[] = {"+", "-", "*", "&&", "||", "==", "??", " with "};
  static const char* const kOperands[] = {"1", "x", "\"a\"", "true", "[]", "{}", "f()"};
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  // Lengths spread over orders of magnitude, up to the size limit.
  const size_t count = std::min<size_t>(size_t{1} << pick(21), max_size / 2 + 1);
  std::string out;
  auto repeat = [&](const std::string& piece, size_t n) {
    for (size_t i = 0; i < n && out.size() + piece.size() <= max_size; ++i) out += piece;
  };
  switch (pick(9)) {
    case 0: {  // an operator chain
      out = "let x = ";
      const std::string op = kBinary[pick(8)];
      const std::string operand = kOperands[pick(7)];
      out += operand;
      repeat(op + operand, count);
      break;
    }
    case 1: out = "let x = r"; repeat(".a", count); break;
    case 2: out = "let x = f"; repeat("()", count); break;
    case 3: {  // nested brackets, closed or not
      const char* open[] = {"(", "[", "{a: "};
      const char* close[] = {")", "]", "}"};
      const size_t kind = pick(3);
      out = "let x = ";
      repeat(open[kind], count);
      out += "1";
      if (rng() % 2) repeat(close[kind], count);
      break;
    }
    case 4: out = "let x = "; repeat(rng() % 2 ? "-" : "!", count); out += "1"; break;
    case 5: out = "let x = "; repeat(rng() % 2 ? "if true then " : "let y = 1 in ", count); out += "1"; break;
    case 6: out = "let x = "; repeat("\"${", count); break;
    case 7: for (size_t i = 0; i < count && out.size() < max_size; ++i) out += "let x" + std::to_string(i) + " = 1\n"; break;
    default: out = "a: "; repeat(rng() % 2 ? "[" : "{a: ", count); break;
  }
  if (out.size() > max_size) out.resize(max_size);
  return out;
}

}  // namespace mast::fuzz

#if MAST_LIBFUZZER
extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size, unsigned int seed) {
  std::mt19937 rng(seed);
  if (rng() % 4 != 0) return LLVMFuzzerMutate(data, size, max_size);
  // Splice a shape into the input at a random place.
  const std::string shape = mast::fuzz::GenerateShape(rng, max_size);
  const size_t at = size == 0 ? 0 : rng() % (size + 1);
  std::string text(reinterpret_cast<const char*>(data), at);
  text += shape;
  text.append(reinterpret_cast<const char*>(data) + at, size - at);
  if (text.size() > max_size) text.resize(max_size);
  std::memcpy(data, text.data(), text.size());
  return text.size();
}
#endif
