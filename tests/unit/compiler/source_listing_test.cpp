#include <catch2/catch.hpp>

#include "compiler/source_listing.h"

using tracekit::compiler::annotate_assembly;

TEST_CASE("assembly gets the program's source lines where .loc changes line") {
  std::string assembly =
      "\t.text\n\t.file\t1 \"/tk\" \"prog.c\"\n\t.file\t2 \"/tk/include\" \"tables.h\"\n"
      "prog:\n\t.loc\t1 2 3\n\tr0 = 0\n\t.loc\t1 2 9\n\tr1 = 1\n\t.loc\t2 40 1\n\tcall 1\n"
      "\t.loc\t1 3 1\n\texit\n\t.section\t.debug_abbrev\n\tjunk\n";
  std::string source = "int x;\nint prog(void *ctx) { int a = 0;\n  return 0; }\n";
  std::string out = annotate_assembly(assembly, source, "prog.c");
  CHECK(out.find("; int prog(void *ctx) { int a = 0; // Line 2\n\tr0 = 0") != std::string::npos);
  CHECK(out.find("; return 0; } // Line 3\n\texit") != std::string::npos);
  // One comment per line change, none for other files, no debug sections.
  CHECK(out.find("Line 2", out.find("Line 2") + 1) == std::string::npos);
  CHECK(out.find("Line 40") == std::string::npos);
  CHECK(out.find("junk") == std::string::npos);
}
