// Headers mode against kernel headers installed on this machine, if any (the vmtest guest's
// Debian 6.1 headers are installed for it under /lib/modules/6.1.0-*/build).
#include <catch2/catch.hpp>

#include <dirent.h>
#include <stdlib.h>

#include <cstdlib>

#include <map>

#include "common/files.h"
#include "compiler/compile_support.h"
#include "skip.h"

using namespace tracekit;

namespace {
std::string installed_headers() {
  DIR* dir = ::opendir("/lib/modules");
  if (!dir) return "";
  std::string found;
  while (struct dirent* e = ::readdir(dir)) {
    std::string build = std::string("/lib/modules/") + e->d_name + "/build";
    if (e->d_name[0] != '.' && path_exists(build + "/include/generated/autoconf.h")) found = build;
  }
  ::closedir(dir);
  return found;
}

compiler::CompileRequest headers_request(const std::string& build, const std::string& source) {
  compiler::CompileRequest request = testing::btf_request(source);
  request.header_mode = compiler::HeaderMode::Headers;
  request.kernel_build_dir = build;
  std::string source_dir = build.substr(0, build.size() - 5) + "source";
  request.kernel_source_dir = path_exists(source_dir + "/include") ? source_dir : build;
  request.kernel_types_identity = "unit-test";
  return request;
}

const char* kProgram = R"(#include <uapi/linux/ptrace.h>
#include <linux/sched.h>
struct key_t { u32 pid; char comm[TASK_COMM_LEN]; };
BPF_HASH(counts, struct key_t);
int kprobe__do_nanosleep(struct pt_regs *ctx) {
  struct task_struct *task = (struct task_struct *)bpf_get_current_task();
  struct key_t key = {.pid = task->real_parent->tgid};
  bpf_get_current_comm(&key.comm, sizeof(key.comm));
  counts.increment(key);
  return 0;
}
)";
}  // namespace

TEST_CASE("headers mode compiles against the kernel's headers, with the includes precompiled once") {
  std::string build = installed_headers();
  if (build.empty()) TK_SKIP("no kernel headers under /lib/modules/*/build");
  // The compile runs in a child process: the store lives in files.
  char dir_template[] = "/tmp/tk-unit-pch-XXXXXX";
  std::string dir = ::mkdtemp(dir_template);
  auto request = headers_request(build, kProgram);
  request.load_artifact = [dir](const std::string& key) -> std::optional<std::string> {
    auto data = read_file(dir + "/" + key);
    if (!data.ok()) return std::nullopt;
    return *data;
  };
  request.store_artifact = [dir](const std::string& key, const std::string& data) {
    (void)write_file_atomic(dir + "/" + key, data);
  };
  auto phase_named = [](const compiler::CompileOutput& out, const std::string& name) {
    for (const auto& [phase, ms] : out.phases)
      if (phase == name) return true;
    return false;
  };
  auto first = testing::compile(request);
  INFO((first.ok() ? "" : first.error().message));
  REQUIRE(first.ok());
  CHECK(phase_named(*first, "kernel headers (precompiled now)"));
  request.source += "\n// another program, same includes\n";
  auto second = testing::compile(request);
  REQUIRE(second.ok());
  CHECK(phase_named(*second, "kernel headers (precompiled)"));
  std::system(("rm -rf " + dir).c_str());
}

TEST_CASE("headers mode without storage parses the headers directly, same object") {
  std::string build = installed_headers();
  if (build.empty()) TK_SKIP("no kernel headers under /lib/modules/*/build");
  auto out = testing::compile(headers_request(build, kProgram));
  INFO((out.ok() ? "" : out.error().message));
  REQUIRE(out.ok());
  CHECK(out->elf.find("kprobe/kprobe__do_nanosleep") != std::string::npos);
}
