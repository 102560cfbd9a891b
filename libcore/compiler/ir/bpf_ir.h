// Small IR-building vocabulary shared by the passes: helper calls by number, x86_64 pt_regs
// offsets, and the marker that tags user-space pointers until insert_kernel_reads sees them.
#pragma once

#include <llvm/ADT/ArrayRef.h>
#include <llvm/IR/IRBuilder.h>

#include <string>

namespace llvm {
class DebugLoc;
class Function;
class Module;
}  // namespace llvm

namespace tracekit::compiler::bpf_ir {

// enum bpf_func_id values the passes emit.
enum Helper : unsigned {
  kProbeRead = 4,
  kProbeReadKernel = 113,
  kProbeReadUser = 112,
  kPerfEventOutput = 25,
  kGetStackid = 27,
  kGetStack = 67,
  kTailCall = 12,
  kPerfProgReadValue = 56,
  kOverrideReturn = 58,
  kSkbOutput = 111,
  kReadBranchRecords = 119,
  kGetFuncIp = 173,
  kGetAttachCookie = 174,
};

// A call to BPF helper `id`: the backend turns calls to a constant address into helper calls.
llvm::CallInst* call_helper(llvm::IRBuilder<>& b, unsigned id, llvm::Type* ret,
                            llvm::ArrayRef<llvm::Value*> args);
// The helper number of `call`, or 0 if it is not a helper call.
unsigned helper_id(const llvm::CallBase& call);

// struct pt_regs on x86_64.
enum PtRegsOffset : unsigned {
  kR10 = 56, kR9 = 64, kR8 = 72, kAx = 80, kCx = 88, kDx = 96, kSi = 104, kDi = 112,
  kOrigAx = 120, kIp = 128, kSp = 152, kPtRegsSize = 168,
};
// Argument registers of a function call, and of a syscall (r10 instead of rcx).
extern const unsigned kCallArgRegs[6];
extern const unsigned kSyscallArgRegs[6];

// Marks a user-space pointer: `call ptr @__tk_user_pointer(i64 value)`.
llvm::Value* make_user_pointer(llvm::IRBuilder<>& b, llvm::Module& m, llvm::Value* value);
inline constexpr const char* kUserPointerMarker = "__tk_user_pointer";

// Loads an i64 at ctx + offset.
llvm::Value* load_u64_at(llvm::IRBuilder<>& b, llvm::Value* base, unsigned offset);
// Turns a raw 64-bit register value into a value of `type` (pointer, narrower integer).
llvm::Value* from_u64(llvm::IRBuilder<>& b, llvm::Value* raw, llvm::Type* type);

// An alloca in the entry block of `fn`, where the verifier-friendly stack slots belong.
llvm::AllocaInst* entry_alloca(llvm::Function& fn, llvm::Type* type, const char* name);

// Gives `fn` a DISubprogram like `like`'s but with the parameters `fn` really has, so the BPF
// backend emits BTF function info for it. No-op without debug info.
void clone_debug_subprogram(llvm::Function& fn, const llvm::Function& like);

}  // namespace tracekit::compiler::bpf_ir
