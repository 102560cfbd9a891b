#include <catch2/catch.hpp>

#include "common/files.h"
#include "skip.h"
#include "compiler/kernel_types/btf_header.h"

using namespace tracekit::compiler;

namespace {
std::string header_for(const std::string& program) {
  auto index = BtfTypeIndex::parse("/sys/kernel/btf/vmlinux");
  REQUIRE(index.ok());
  SourceScan scan = scan_source(program);
  BtfHeaderInput input{&scan, nullptr};
  auto text = generate_btf_header(**index, input);
  REQUIRE(text.ok());
  return *text;
}
}  // namespace

TEST_CASE("BTF header holds the named types, complete") {
  if (!tracekit::path_exists("/sys/kernel/btf/vmlinux")) TK_SKIP("no kernel BTF (CONFIG_DEBUG_INFO_BTF)");
  std::string h = header_for("struct task_struct *t = 0; int x = t->pid;");
  CHECK(h.find("struct task_struct {") != std::string::npos);
  CHECK(h.find("preserve_access_index") != std::string::npos);
}

TEST_CASE("BTF header follows member names to complete the types behind them") {
  if (!tracekit::path_exists("/sys/kernel/btf/vmlinux")) TK_SKIP("no kernel BTF (CONFIG_DEBUG_INFO_BTF)");
  std::string without = header_for("struct task_struct *t;");
  std::string with = header_for("struct task_struct *t; long x = t->mm->total_vm;");
  CHECK(without.find("struct mm_struct {") == std::string::npos);
  CHECK(with.find("struct mm_struct {") != std::string::npos);
}

TEST_CASE("BTF header leaves out types the program defines itself") {
  if (!tracekit::path_exists("/sys/kernel/btf/vmlinux")) TK_SKIP("no kernel BTF (CONFIG_DEBUG_INFO_BTF)");
  // `struct file` exists in every kernel; a program may still define its own.
  std::string h = header_for("struct file { int mine; };");
  CHECK(h.find("struct file {") == std::string::npos);
}

TEST_CASE("BTF header is far smaller than the whole of vmlinux") {
  if (!tracekit::path_exists("/sys/kernel/btf/vmlinux")) TK_SKIP("no kernel BTF (CONFIG_DEBUG_INFO_BTF)");
  std::string h = header_for("struct task_struct *t; u32 pid;");
  CHECK(h.size() < 2 * 1024 * 1024);
}
