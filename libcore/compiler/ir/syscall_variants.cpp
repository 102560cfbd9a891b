// Syscall kprobes on kernels without kprobes (CONFIG_KPROBES=n, or no kprobe PMU).
//
// A program written for `attach_kprobe(event=b.get_syscall_fnname("clone"), ...)` reads its
// context as the pt_regs of the syscall wrapper __x64_sys_clone: %di points to the user's
// registers, which hold the syscall arguments. The syscalls:sys_enter_* tracepoints carry the
// same arguments, so each such program gets twins that are tracepoint programs:
//
//   <name>__tk_sys_enter(struct syscall_trace_enter *tp)
//       builds a pt_regs `inner` from tp->args (di, si, dx, r10, r8, r9, orig_ax = nr) and an
//       `outer` pt_regs with di = &inner, then runs the program on `outer`; programs with
//       arguments in their signature get them straight from tp->args.
//   <name>__tk_sys_exit(struct syscall_trace_exit *tp)
//       runs the program on a pt_regs with ax = tp->ret, as a kretprobe sees it.
//
// Helpers that need the real context (perf_event_output, get_stackid...) are pointed back at
// `tp` after inlining (route_variant_contexts), so perf_submit() and stack ids still work.
#include <llvm/IR/DebugInfoMetadata.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/Module.h>
#include <llvm/Transforms/Utils/Cloning.h>

#include "compiler/ir/bpf_ir.h"
#include "compiler/ir/ir_passes.h"

namespace tracekit::compiler {

using namespace bpf_ir;

namespace {

constexpr unsigned kTpSyscallNr = 8;     // int __syscall_nr
constexpr unsigned kTpArgs = 16;         // unsigned long args[6] (sys_enter_*) / long ret
constexpr const char* kSyntheticCtx = "tracekit.synthetic_ctx";

llvm::AllocaInst* zeroed_pt_regs(llvm::Function& fn, llvm::IRBuilder<>& b, const char* name) {
  auto* type = llvm::ArrayType::get(b.getInt8Ty(), kPtRegsSize);
  llvm::AllocaInst* regs = entry_alloca(fn, type, name);
  b.CreateMemSet(regs, b.getInt8(0), kPtRegsSize, llvm::MaybeAlign(8));
  return regs;
}

void store_u64(llvm::IRBuilder<>& b, llvm::Value* base, unsigned offset, llvm::Value* v) {
  b.CreateStore(v, b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), base, offset));
}

// The function the twins call: the argument-taking body if probe_arguments made one, else a
// private copy of the program (a program cannot call another program).
llvm::Function* callee_for(llvm::Module& m, const ProgramDecl& p) {
  if (llvm::Function* body = m.getFunction(p.name + "__tk_body")) return body;
  llvm::Function* program = m.getFunction(p.name);
  if (!program) return nullptr;
  std::string copy_name = p.name + "__tk_copy";
  if (llvm::Function* copy = m.getFunction(copy_name)) return copy;
  llvm::ValueToValueMapTy map;
  llvm::Function* copy = llvm::CloneFunction(program, map);
  copy->setName(copy_name);
  copy->setLinkage(llvm::GlobalValue::InternalLinkage);
  copy->setSection("");
  copy->addFnAttr(llvm::Attribute::AlwaysInline);
  return copy;
}

void build_twin(llvm::Module& m, const ProgramDecl& p, llvm::Function& callee,
                const std::string& name, bool enter) {
  llvm::LLVMContext& ctx = m.getContext();
  llvm::Type* ptr = llvm::PointerType::get(ctx, 0);
  llvm::Type* ret_type = callee.getReturnType()->isVoidTy() ? llvm::Type::getInt32Ty(ctx) : callee.getReturnType();
  auto* type = llvm::FunctionType::get(ret_type, {ptr}, false);
  auto* twin = llvm::Function::Create(type, llvm::GlobalValue::ExternalLinkage, name, m);
  twin->setSection("tracepoint/tracekit/" + name);
  if (llvm::Function* program = m.getFunction(p.name)) clone_debug_subprogram(*twin, *program);

  llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx, "entry", twin));
  if (auto* sp = twin->getSubprogram())
    b.SetCurrentDebugLocation(llvm::DILocation::get(ctx, sp->getLine(), 0, sp));
  llvm::Value* tp = twin->getArg(0);
  llvm::Value* nr = b.CreateSExt(
      b.CreateLoad(b.getInt32Ty(), b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), tp, kTpSyscallNr)),
      b.getInt64Ty());
  llvm::AllocaInst* outer = zeroed_pt_regs(*twin, b, "regs");
  outer->setMetadata(kSyntheticCtx, llvm::MDNode::get(ctx, {}));
  store_u64(b, outer, kOrigAx, nr);

  std::vector<llvm::Value*> syscall_args;
  if (enter) {
    llvm::AllocaInst* inner = zeroed_pt_regs(*twin, b, "user_regs");
    // A syscall's record holds only its own arguments (sys_enter_clone: 5), and the kernel
    // refuses to attach a program whose direct context reads go past the record. The twin
    // does not know which syscall it will serve, so it copies the six slots with one probe
    // read; the slots past the syscall's arity are as meaningless as those registers are to
    // a kprobe.
    llvm::AllocaInst* args_copy = entry_alloca(*twin, llvm::ArrayType::get(b.getInt64Ty(), 6), "args");
    call_helper(b, kProbeReadKernel, b.getInt64Ty(),
                {args_copy, b.getInt32(48), b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), tp, kTpArgs)});
    for (unsigned i = 0; i < 6; ++i) {
      llvm::Value* arg = load_u64_at(b, args_copy, 8 * i);
      syscall_args.push_back(arg);
      store_u64(b, inner, kSyscallArgRegs[i], arg);
    }
    store_u64(b, inner, kOrigAx, nr);
    store_u64(b, outer, kDi, b.CreatePtrToInt(inner, b.getInt64Ty()));
  } else {
    store_u64(b, outer, kAx, load_u64_at(b, tp, kTpArgs));
  }

  std::vector<llvm::Value*> args = {outer};
  for (unsigned i = 1; i < callee.arg_size(); ++i) {
    llvm::Type* t = callee.getArg(i)->getType();
    if (!enter || i - 1 >= syscall_args.size()) {
      args.push_back(llvm::Constant::getNullValue(t));
    } else if (t->isPointerTy()) {
      args.push_back(make_user_pointer(b, m, syscall_args[i - 1]));
    } else {
      args.push_back(from_u64(b, syscall_args[i - 1], t));
    }
  }
  llvm::CallInst* result = b.CreateCall(&callee, args);
  if (callee.getReturnType()->isVoidTy())
    b.CreateRet(b.getInt32(0));
  else
    b.CreateRet(result);
}

}  // namespace

Status build_syscall_variants(llvm::Module& m, const Analysis& analysis) {
  for (const ProgramDecl& p : analysis.programs) {
    if (!p.syscall_variants) continue;
    llvm::Function* callee = callee_for(m, p);
    if (!callee) continue;
    if (!p.enter_variant.empty()) build_twin(m, p, *callee, p.enter_variant, true);
    if (!p.exit_variant.empty()) build_twin(m, p, *callee, p.exit_variant, false);
  }
  return ok_status();
}

// After inlining, helpers in a twin that were handed the synthetic pt_regs as their context
// get the tracepoint context instead.
void route_variant_contexts(llvm::Module& m, const Analysis& analysis) {
  for (const ProgramDecl& p : analysis.programs) {
    for (const std::string& name : {p.enter_variant, p.exit_variant}) {
      if (name.empty()) continue;
      llvm::Function* twin = m.getFunction(name);
      if (!twin || twin->isDeclaration()) continue;
      for (llvm::Instruction& inst : llvm::instructions(*twin)) {
        auto* call = llvm::dyn_cast<llvm::CallBase>(&inst);
        if (!call || call->arg_size() == 0) continue;
        switch (helper_id(*call)) {
          case kPerfEventOutput: case kGetStackid: case kGetStack: case kTailCall:
          case kPerfProgReadValue: case kSkbOutput: case kReadBranchRecords:
          case kGetFuncIp: case kGetAttachCookie:
            break;
          default:
            continue;
        }
        auto* alloca = llvm::dyn_cast<llvm::AllocaInst>(call->getArgOperand(0)->stripPointerCasts());
        if (alloca && alloca->getMetadata(kSyntheticCtx)) call->setArgOperand(0, twin->getArg(0));
      }
    }
  }
}

}  // namespace tracekit::compiler
