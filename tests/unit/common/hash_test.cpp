#include <catch2/catch.hpp>

#include "common/hash.h"

using tracekit::Hasher;

TEST_CASE("hash is stable and sensitive to every byte") {
  std::string a(1000, 'x');
  std::string b = a;
  b[999] = 'y';
  REQUIRE(Hasher().add(a).digest() == Hasher().add(a).digest());
  REQUIRE(Hasher().add(a).digest() != Hasher().add(b).digest());
}

TEST_CASE("fields are length-prefixed") {
  REQUIRE(Hasher().add_field("ab").add_field("c").digest() != Hasher().add_field("a").add_field("bc").digest());
}

TEST_CASE("hex has 16 digits") { REQUIRE(Hasher().add("x").hex().size() == 16); }
