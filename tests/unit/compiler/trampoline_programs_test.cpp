#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "compiler/compile_support.h"

using tracekit::testing::compile_btf;
using tracekit::testing::optimized_ir;

TEST_CASE("KFUNC_PROBE, KRETFUNC_PROBE, LSM_PROBE and KMOD_RET compile to trampoline programs") {
  auto out = compile_btf(R"(
#include <linux/fs.h>
KFUNC_PROBE(vfs_read, struct file *file, char *buf, size_t count) { return 0; }
KRETFUNC_PROBE(vfs_read, struct file *file, char *buf, size_t count, loff_t *pos, ssize_t ret) { return 0; }
MODULE_KFUNC_PROBE(ext4, ext4_file_open, struct inode *inode, struct file *filp) { return 0; }
LSM_PROBE(file_open, struct file *file) { return 0; }
KMOD_RET(security_file_open, struct file *file, int ret) { return 0; }
)");
  REQUIRE(out.ok());
  nlohmann::json meta = nlohmann::json::parse(out->metadata_json);
  std::map<std::string, nlohmann::json> progs;
  for (auto& p : meta["programs"]) progs[p["name"]] = p;
  CHECK(progs.size() == 5);
  CHECK(progs["kfunc__vmlinux__vfs_read"]["section"] == "fentry/vfs_read");
  CHECK(progs["kretfunc__vmlinux__vfs_read"]["kind"] == "kretfunc");
  CHECK(progs["kfunc__ext4__ext4_file_open"]["target"] == "ext4:ext4_file_open");
  CHECK(progs["lsm__file_open"]["section"] == "lsm/file_open");
  CHECK(progs["kmod_ret__security_file_open"]["section"] == "fmod_ret/security_file_open");
  // The ELF has those sections, where libbpf finds the attach target.
  CHECK(out->elf.find("fentry/vfs_read") != std::string::npos);
  CHECK(out->elf.find("fexit/vfs_read") != std::string::npos);
}

TEST_CASE("trampoline arguments are BTF pointers: read directly, never through probe reads") {
  std::string ir = optimized_ir(R"(
#include <linux/fs.h>
BPF_HASH(modes, u32);
KFUNC_PROBE(vfs_read, struct file *file) {
  u32 mode = file->f_inode->i_mode;
  modes.increment(mode);
  return 0;
})");
  REQUIRE(ir.find("COMPILE ERROR") == std::string::npos);
  CHECK(ir.find("inttoptr (i64 113 to ptr)") == std::string::npos);
  CHECK(ir.find("inttoptr (i64 4 to ptr)") == std::string::npos);
}

TEST_CASE("the return value is KRETFUNC_PROBE's last argument, after the function's") {
  std::string ir = optimized_ir(R"(
BPF_HASH(rets, u32, long);
KRETFUNC_PROBE(do_sys_openat2, int dfd, const char *filename, void *how, long ret) {
  u32 k = 0;
  rets.update(&k, &ret);
  return 0;
})");
  // ret is ctx[3]: a load at byte offset 24 of the context.
  CHECK(ir.find("getelementptr inbounds i64, ptr %ctx, i64 3") != std::string::npos);
}
