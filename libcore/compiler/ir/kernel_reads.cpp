// Implicit kernel-memory reads: `task->real_parent->tgid` in a kprobe is plain C, but the
// verifier only lets a program load from its stack, its maps and its context. Every other
// load becomes a bpf_probe_read_kernel() (or _user) into a stack slot.
//
// The rule works on optimised SSA, after static helpers are inlined, so it follows pointers
// through assignments, helpers, phis and selects. A pointer may be loaded from directly when
// it derives (through GEPs and casts) from:
//     an alloca (the stack), a global (maps, .rodata/.bss), the program's context argument,
//     or a helper that returns a map value (map lookups, ringbuf_reserve, storage gets).
// Anything else (an integer turned into a pointer, a pointer loaded from memory, a call's
// result) points outside the program and is read with a probe read. Memcpy from such a
// pointer (struct copies) becomes one probe read. Stores are left alone: writing kernel memory
// is not something to make implicit, and the verifier explains its refusal.
//
// A pointer is user memory, read with bpf_probe_read_user, when it comes from a syscall
// argument (marked by probe_arguments/syscall_variants) or from a pointer field of a syscall
// tracepoint's record. Field accesses keep their CO-RE relocations: the address computation
// is unchanged, only the final load is replaced.
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/IntrinsicInst.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Operator.h>

#include <unordered_map>

#include "compiler/ir/bpf_ir.h"
#include "compiler/ir/ir_passes.h"

namespace tracekit::compiler {

using namespace bpf_ir;

namespace {

// Btf: a pointer a trampoline or iterator program received typed (fentry arguments, iterator
// context fields, and what is loaded through them): the verifier checks loads through it
// against BTF, so they stay loads, and keep the pointer's type for helpers that need it.
enum class Origin { Program, Context, Btf, Kernel, User };

// Helpers whose pointer result the verifier tracks as a map value (or similar).
bool returns_program_memory(unsigned helper) {
  switch (helper) {
    case 1:    // map_lookup_elem
    case 81:   // get_local_storage
    case 107:  // sk_storage_get
    case 131:  // ringbuf_reserve
    case 145:  // inode_storage_get
    case 156:  // task_storage_get
    case 195:  // map_lookup_percpu_elem
      return true;
    default:
      return false;
  }
}

class OriginAnalysis {
 public:
  OriginAnalysis(llvm::Function& fn, bool user_fields, bool btf_context)
      : fn_(fn), user_fields_(user_fields), btf_context_(btf_context) {}

  Origin of(llvm::Value* v) {
    auto it = memo_.find(v);
    if (it != memo_.end()) return it->second;
    memo_[v] = Origin::Kernel;  // cycles (loop phis) resolve conservatively
    Origin o = compute(v);
    memo_[v] = o;
    return o;
  }

 private:
  Origin compute(llvm::Value* v) {
    if (llvm::isa<llvm::AllocaInst>(v) || llvm::isa<llvm::GlobalVariable>(v)) return Origin::Program;
    if (auto* arg = llvm::dyn_cast<llvm::Argument>(v))
      return arg->getArgNo() == 0 && arg->getParent() == &fn_ ? Origin::Context : Origin::Kernel;
    if (auto* gep = llvm::dyn_cast<llvm::GEPOperator>(v)) return of(gep->getPointerOperand());
    if (auto* op = llvm::dyn_cast<llvm::Operator>(v)) {
      unsigned opcode = op->getOpcode();
      if (opcode == llvm::Instruction::BitCast || opcode == llvm::Instruction::AddrSpaceCast)
        return of(op->getOperand(0));
      if (opcode == llvm::Instruction::IntToPtr) {
        if (auto* p2i = llvm::dyn_cast<llvm::PtrToIntOperator>(op->getOperand(0)))
          return of(p2i->getPointerOperand());
        return int_origin(op->getOperand(0));
      }
    }
    if (auto* phi = llvm::dyn_cast<llvm::PHINode>(v)) {
      Origin merged = Origin::Program;
      for (llvm::Value* in : phi->incoming_values()) merged = merge(merged, of(in));
      return merged;
    }
    if (auto* select = llvm::dyn_cast<llvm::SelectInst>(v))
      return merge(of(select->getTrueValue()), of(select->getFalseValue()));
    if (auto* load = llvm::dyn_cast<llvm::LoadInst>(v)) return loaded_origin(load);
    if (auto* call = llvm::dyn_cast<llvm::CallBase>(v)) {
      if (const llvm::Function* callee = call->getCalledFunction()) {
        if (callee->getName() == kUserPointerMarker) return Origin::User;
        if (callee->getIntrinsicID() == llvm::Intrinsic::preserve_array_access_index ||
            callee->getIntrinsicID() == llvm::Intrinsic::preserve_struct_access_index ||
            callee->getIntrinsicID() == llvm::Intrinsic::preserve_union_access_index)
          return of(call->getArgOperand(0));
        if (callee->getName().startswith("llvm.bpf.passthrough")) return of(call->getArgOperand(1));
      }
      if (returns_program_memory(helper_id(*call))) return Origin::Program;
      return Origin::Kernel;
    }
    if (llvm::isa<llvm::ConstantPointerNull>(v)) return Origin::Kernel;
    return Origin::Kernel;
  }

  // An integer about to become a pointer: user memory if it carries a user marker's value.
  Origin int_origin(llvm::Value* v) {
    if (auto* load = llvm::dyn_cast<llvm::LoadInst>(v)) return loaded_origin(load);
    if (auto* bin = llvm::dyn_cast<llvm::BinaryOperator>(v)) {
      Origin a = int_origin(bin->getOperand(0));
      return a == Origin::User ? a : int_origin(bin->getOperand(1)) == Origin::User ? Origin::User : Origin::Kernel;
    }
    if (auto* p2i = llvm::dyn_cast<llvm::PtrToIntOperator>(v)) {
      Origin o = of(p2i->getPointerOperand());
      return o == Origin::User ? Origin::User : Origin::Kernel;
    }
    return Origin::Kernel;
  }

  // A pointer read out of memory points outside the program, unless it is a user pointer
  // field of a syscall tracepoint record.
  Origin loaded_origin(llvm::LoadInst* load) {
    Origin from = of(load->getPointerOperand());
    if (user_fields_ && from == Origin::Context) return Origin::User;
    if (btf_context_ && (from == Origin::Context || from == Origin::Btf)) return Origin::Btf;
    return Origin::Kernel;
  }

  static Origin merge(Origin a, Origin b) {
    auto direct = [](Origin o) { return o == Origin::Program || o == Origin::Context || o == Origin::Btf; };
    if (direct(a) && direct(b)) return a == b ? a : Origin::Program;
    if (a == Origin::User || b == Origin::User) return Origin::User;
    return Origin::Kernel;
  }

  llvm::Function& fn_;
  bool user_fields_;
  bool btf_context_;
  std::unordered_map<llvm::Value*, Origin> memo_;
};

bool is_outside(Origin o) { return o == Origin::Kernel || o == Origin::User; }

// How a function's reads of memory outside the program are made.
struct ReadPolicy {
  bool rewrite = true;         // false: packet and socket programs, whose pointers the
                               // verifier tracks itself and which have no probe reads
  unsigned outside = kProbeReadKernel;  // helper for pointers that are not user memory
  bool user_fields = false;    // syscall tracepoints: pointer fields of the record are user
  bool btf_context = false;    // trampolines and iterators: typed pointers from the context
};

ReadPolicy policy_for(const llvm::Function& fn, const Analysis& analysis) {
  ReadPolicy policy;
  for (const ProgramDecl& p : analysis.programs) {
    bool twin = fn.getName() == p.enter_variant || fn.getName() == p.exit_variant;
    if (p.name != fn.getName() && !twin) continue;
    static const char* const kPacketKinds[] = {"xdp", "socket_filter", "sched_cls", "sk_msg", "sk_skb",
                                               "sock_ops", "cgroup_skb", "cgroup_sock", "cgroup_sock_addr",
                                               "cgroup_sysctl", "cgroup_sockopt"};
    for (const char* kind : kPacketKinds)
      if (p.kind == kind) policy.rewrite = false;
    // A program without an attach target may become a uprobe as well as a kprobe (BCC decides
    // at attach time): its reads use bpf_probe_read, which on x86_64 reads either address space,
    // as BCC's implicit reads do.
    bool may_be_uprobe = !twin && p.target.empty() && (p.kind == "generic" || p.kind == "kprobe" ||
                                                        p.kind == "uprobe" || p.kind == "uretprobe");
    if (may_be_uprobe) policy.outside = kProbeRead;
    policy.user_fields = p.user_pointers_from_ctx;
    static const char* const kBtfKinds[] = {"kfunc", "kretfunc", "kmod_ret", "lsm", "iter"};
    for (const char* kind : kBtfKinds)
      if (p.kind == kind) policy.btf_context = true;
  }
  return policy;
}

void rewrite_function(llvm::Function& fn, const ReadPolicy& policy) {
  OriginAnalysis origins(fn, policy.user_fields, policy.btf_context);
  std::vector<llvm::LoadInst*> loads;
  std::vector<llvm::MemTransferInst*> copies;
  for (llvm::Instruction& inst : llvm::instructions(fn)) {
    if (auto* load = llvm::dyn_cast<llvm::LoadInst>(&inst)) {
      if (is_outside(origins.of(load->getPointerOperand()))) loads.push_back(load);
    } else if (auto* copy = llvm::dyn_cast<llvm::MemTransferInst>(&inst)) {
      if (is_outside(origins.of(copy->getRawSource())) && !is_outside(origins.of(copy->getRawDest())))
        copies.push_back(copy);
    }
  }
  for (llvm::LoadInst* load : loads) {
    Origin o = origins.of(load->getPointerOperand());
    llvm::IRBuilder<> b(load);
    llvm::Type* type = load->getType();
    llvm::AllocaInst* slot = entry_alloca(fn, type, "kread");
    uint64_t size = fn.getParent()->getDataLayout().getTypeStoreSize(type);
    call_helper(b, o == Origin::User ? kProbeReadUser : policy.outside, b.getInt64Ty(),
                {slot, b.getInt32(uint32_t(size)), load->getPointerOperand()})
        ->setDebugLoc(load->getDebugLoc());
    llvm::LoadInst* value = b.CreateLoad(type, slot);
    value->setDebugLoc(load->getDebugLoc());
    load->replaceAllUsesWith(value);
    load->eraseFromParent();
  }
  for (llvm::MemTransferInst* copy : copies) {
    Origin o = origins.of(copy->getRawSource());
    llvm::IRBuilder<> b(copy);
    llvm::Value* length = b.CreateZExtOrTrunc(copy->getLength(), b.getInt32Ty());
    call_helper(b, o == Origin::User ? kProbeReadUser : policy.outside, b.getInt64Ty(),
                {copy->getRawDest(), length, copy->getRawSource()})
        ->setDebugLoc(copy->getDebugLoc());
    copy->eraseFromParent();
  }
}

}  // namespace

void insert_kernel_reads(llvm::Module& m, const Analysis& analysis) {
  for (llvm::Function& fn : m) {
    if (fn.isDeclaration()) continue;
    ReadPolicy policy = policy_for(fn, analysis);
    if (policy.rewrite) rewrite_function(fn, policy);
  }
  // The user-pointer markers have done their job.
  if (llvm::Function* marker = m.getFunction(kUserPointerMarker)) {
    std::vector<llvm::CallBase*> calls;
    for (llvm::User* u : marker->users())
      if (auto* call = llvm::dyn_cast<llvm::CallBase>(u)) calls.push_back(call);
    for (llvm::CallBase* call : calls) {
      llvm::IRBuilder<> b(call);
      call->replaceAllUsesWith(b.CreateIntToPtr(call->getArgOperand(0), call->getType()));
      call->eraseFromParent();
    }
    marker->eraseFromParent();
  }
}

}  // namespace tracekit::compiler
