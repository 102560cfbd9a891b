#include "common/hash.h"

#include <cstring>

namespace tracekit {
namespace {

constexpr uint64_t kMulA = 0x9fb21c651e98df25ull;
constexpr uint64_t kMulB = 0xff51afd7ed558ccdull;

inline uint64_t rotl(uint64_t v, int r) { return (v << r) | (v >> (64 - r)); }

inline uint64_t mix(uint64_t v) {
  v ^= v >> 33;
  v *= kMulB;
  v ^= v >> 29;
  v *= kMulA;
  v ^= v >> 32;
  return v;
}

}  // namespace

// Two independent lanes over 8-byte words; each word is multiplied and rotated into its lane.
// About 1 byte/cycle would be too slow for the 6 MB kernel BTF; this runs at several GB/s.
Hasher& Hasher::add(std::string_view bytes) {
  const char* p = bytes.data();
  size_t n = bytes.size();
  while (n >= 16) {
    uint64_t w0, w1;
    std::memcpy(&w0, p, 8);
    std::memcpy(&w1, p + 8, 8);
    a_ = rotl(a_ ^ (w0 * kMulA), 31) * kMulB;
    b_ = rotl(b_ ^ (w1 * kMulB), 29) * kMulA;
    p += 16;
    n -= 16;
  }
  if (n >= 8) {  // one more whole word: folding 9-15 tail bytes into one word collided
    uint64_t w;
    std::memcpy(&w, p, 8);
    b_ = rotl(b_ ^ (w * kMulB), 29) * kMulA;
    p += 8;
    n -= 8;
  }
  uint64_t tail = 0;
  for (size_t i = 0; i < n; ++i) tail |= uint64_t(uint8_t(p[i])) << (8 * i);
  if (n) a_ = rotl(a_ ^ (tail * kMulA) ^ n, 27) * kMulB;
  length_ += bytes.size();
  return *this;
}

Hasher& Hasher::add_u64(uint64_t v) {
  char buf[8];
  std::memcpy(buf, &v, 8);
  return add(std::string_view(buf, 8));
}

Hasher& Hasher::add_field(std::string_view bytes) {
  add_u64(bytes.size());
  return add(bytes);
}

uint64_t Hasher::digest() const { return mix(a_ ^ mix(b_ + length_)); }

std::string Hasher::hex() const { return hex64(digest()); }

uint64_t hash_bytes(std::string_view bytes) { return Hasher().add(bytes).digest(); }

std::string hex64(uint64_t v) {
  static const char digits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[i] = digits[v & 0xf];
  return out;
}

}  // namespace tracekit
