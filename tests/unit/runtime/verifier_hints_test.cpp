#include <catch2/catch.hpp>

#include "runtime/load/verifier_hints.h"

using tracekit::load::verifier_hint;

TEST_CASE("common verifier failures get a hint") {
  CHECK(verifier_hint("R0 invalid mem access 'map_value_or_null'").find("NULL") != std::string::npos);
  CHECK(verifier_hint("R1 invalid mem access 'scalar'").find("bpf_probe_read_kernel") != std::string::npos);
  CHECK(verifier_hint("back-edge from insn 10 to 5").find("loop") != std::string::npos);
  CHECK(verifier_hint("cannot call GPL-restricted function").find("license") != std::string::npos);
  CHECK(verifier_hint("something new").empty());
}
