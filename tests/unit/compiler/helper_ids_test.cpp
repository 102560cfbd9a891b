// The helper numbers in <tracekit/bpf_helpers.h> are typed in by hand; check each against the
// running kernel's enum bpf_func_id.
#include <catch2/catch.hpp>

#include <bpf/btf.h>

#include <regex>

#include "common/files.h"
#include "skip.h"
#include "compiler/embedded_headers.h"

TEST_CASE("helper numbers match the kernel's enum bpf_func_id") {
  if (!tracekit::path_exists("/sys/kernel/btf/vmlinux")) TK_SKIP("no kernel BTF (CONFIG_DEBUG_INFO_BTF)");
  struct btf* btf = btf__parse("/sys/kernel/btf/vmlinux", nullptr);
  REQUIRE(btf != nullptr);
  int id = btf__find_by_name_kind(btf, "bpf_func_id", BTF_KIND_ENUM);
  REQUIRE(id > 0);
  std::map<std::string, long long> kernel;
  const btf_type* t = btf__type_by_id(btf, id);
  const struct btf_enum* e = btf_enum(t);
  for (unsigned i = 0; i < btf_vlen(t); ++i) kernel[btf__name_by_offset(btf, e[i].name_off)] = e[i].val;
  btf__free(btf);

  std::string header;
  for (const auto& f : tracekit::compiler::embedded_headers())
    if (f.path == "tracekit/bpf_helpers.h") header = std::string(f.contents);
  REQUIRE_FALSE(header.empty());
  std::regex helper(R"(__TK_HELPER\([^,]+,\s*(\w+),\s*(\d+),)");
  int checked = 0;
  for (auto it = std::sregex_iterator(header.begin(), header.end(), helper); it != std::sregex_iterator(); ++it) {
    std::string name = (*it)[1];
    long long number = std::stoll((*it)[2]);
    if (name == "__tk_trace_printk") name = "bpf_trace_printk";
    std::string enumerator = "BPF_FUNC_" + name.substr(4);  // bpf_x -> BPF_FUNC_x
    INFO(name);
    REQUIRE(kernel.count(enumerator));
    CHECK(kernel[enumerator] == number);
    ++checked;
  }
  CHECK(checked > 150);
}
