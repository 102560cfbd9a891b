#include <catch2/catch.hpp>

#include "common/files.h"
#include "compiler/kernel_types/btf_tracepoints.h"
#include "skip.h"

using namespace tracekit::compiler;

namespace {
const char* kBtf = "/sys/kernel/btf/vmlinux";

std::string struct_for(const std::string& category, const std::string& event) {
  auto index = BtfTypeIndex::parse(kBtf);
  REQUIRE(index.ok());
  auto fields = btf_tracepoint_fields(**index, category, event);
  if (!fields.ok()) FAIL(fields.error().message);
  auto text = tracepoint_struct(category, event, *fields);
  REQUIRE(text.ok());
  return *text;
}
}  // namespace

TEST_CASE("a tracepoint's record comes from BTF when tracefs cannot be read") {
  if (!tracekit::path_exists(kBtf)) TK_SKIP("no kernel BTF (CONFIG_DEBUG_INFO_BTF)");
  std::string s = struct_for("sched", "sched_switch");
  CHECK(s.find("struct tracepoint__sched__sched_switch {") != std::string::npos);
  CHECK(s.find("u64 __do_not_use__;") != std::string::npos);  // the common header
  CHECK(s.find("char prev_comm[16];") != std::string::npos);
  CHECK(s.find("s32 prev_pid;") != std::string::npos);
}

TEST_CASE("an event of a shared class (DEFINE_EVENT) gets its class's record") {
  if (!tracekit::path_exists(kBtf)) TK_SKIP("no kernel BTF (CONFIG_DEBUG_INFO_BTF)");
  // sched_wakeup_new has no trace_event_raw_ of its own: its class is sched_wakeup_template.
  std::string s = struct_for("sched", "sched_wakeup_new");
  CHECK(s.find("s32 pid;") != std::string::npos);
  CHECK(s.find("s32 target_cpu;") != std::string::npos);
}

TEST_CASE("__data_loc fields keep BCC's data_loc_ names") {
  if (!tracekit::path_exists(kBtf)) TK_SKIP("no kernel BTF (CONFIG_DEBUG_INFO_BTF)");
  std::string s = struct_for("sched", "sched_process_exec");
  CHECK(s.find("int data_loc_filename;") != std::string::npos);
}

TEST_CASE("per-syscall records and unknown events are errors that say why") {
  if (!tracekit::path_exists(kBtf)) TK_SKIP("no kernel BTF (CONFIG_DEBUG_INFO_BTF)");
  auto index = BtfTypeIndex::parse(kBtf);
  REQUIRE(index.ok());
  auto sys = btf_tracepoint_fields(**index, "syscalls", "sys_enter_openat");
  REQUIRE_FALSE(sys.ok());
  CHECK(sys.error().message.find("tracefs") != std::string::npos);
  auto none = btf_tracepoint_fields(**index, "sched", "no_such_event");
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().message.find("does not exist") != std::string::npos);
}
