// A fast, stable 64-bit content hash for cache keys and integrity checks. Not cryptographic:
// cache entries are only written by root (or by the user into their own cache directory).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tracekit {

class Hasher {
 public:
  Hasher& add(std::string_view bytes);
  Hasher& add_u64(uint64_t v);
  // Length-prefixed, so that ("ab","c") and ("a","bc") differ.
  Hasher& add_field(std::string_view bytes);
  uint64_t digest() const;
  std::string hex() const;

 private:
  uint64_t a_ = 0x9e3779b97f4a7c15ull;
  uint64_t b_ = 0xc2b2ae3d27d4eb4full;
  uint64_t length_ = 0;
};

uint64_t hash_bytes(std::string_view bytes);
std::string hex64(uint64_t v);

}  // namespace tracekit
