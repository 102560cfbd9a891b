// kprobe arguments declared in the signature, BCC style:
//     int kprobe__tcp_v4_connect(struct pt_regs *ctx, struct sock *sk) { ... }
// A BPF program receives only its context, so the function becomes the program's body
// (<name>__tk_body, inlined) and a new function of the program's name reads each argument
// from pt_regs and calls it:
//   - kernel functions: the C calling convention's registers (di, si, dx, cx, r8, r9);
//   - syscall entries on x86_64 (syscall wrappers): the syscall's registers are in the user
//     pt_regs that %di points to (di, si, dx, r10, r8, r9), read with bpf_probe_read_kernel.
//     Pointer arguments of syscalls point to user memory and are marked as such.
#include <llvm/IR/DebugInfoMetadata.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Module.h>

#include "compiler/ir/bpf_ir.h"
#include "compiler/ir/ir_passes.h"

namespace tracekit::compiler {

using namespace bpf_ir;

Status lower_probe_arguments(llvm::Module& m, const Analysis& analysis) {
  for (const ProgramDecl& p : analysis.programs) {
    if (p.arg_source == ArgSource::None) continue;
    llvm::Function* original = m.getFunction(p.name);
    if (!original || original->arg_size() < 2) continue;

    original->setName(p.name + "__tk_body");
    auto* type = llvm::FunctionType::get(original->getReturnType(), {original->getArg(0)->getType()}, false);
    auto* program = llvm::Function::Create(type, llvm::GlobalValue::ExternalLinkage, p.name, m);
    // Function and return attributes carry over; of the parameters, only ctx remains.
    llvm::AttributeList attrs = original->getAttributes();
    program->setAttributes(llvm::AttributeList::get(m.getContext(), attrs.getFnAttrs(), attrs.getRetAttrs(),
                                                    {attrs.getParamAttrs(0)}));
    program->setSection(p.section);
    program->removeFnAttr(llvm::Attribute::AlwaysInline);
    clone_debug_subprogram(*program, *original);
    original->setSection("");
    original->setLinkage(llvm::GlobalValue::InternalLinkage);
    original->addFnAttr(llvm::Attribute::AlwaysInline);

    auto* entry = llvm::BasicBlock::Create(m.getContext(), "entry", program);
    llvm::IRBuilder<> b(entry);
    if (auto* sp = program->getSubprogram())
      b.SetCurrentDebugLocation(llvm::DILocation::get(m.getContext(), sp->getLine(), 0, sp));
    llvm::Value* ctx = program->getArg(0);
    std::vector<llvm::Value*> args = {ctx};
    llvm::Value* user_regs = nullptr;
    if (p.arg_source == ArgSource::SyscallRegisters)
      user_regs = b.CreateIntToPtr(load_u64_at(b, ctx, kDi), b.getPtrTy());
    for (unsigned i = 1; i < original->arg_size(); ++i) {
      llvm::Type* param_type = original->getArg(i)->getType();
      llvm::Value* raw;
      bool user_pointer = false;
      if (user_regs) {
        llvm::AllocaInst* slot = entry_alloca(*program, b.getInt64Ty(), "arg");
        llvm::Value* src = b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), user_regs, kSyscallArgRegs[i - 1]);
        call_helper(b, kProbeReadKernel, b.getInt64Ty(), {slot, b.getInt32(8), src});
        raw = b.CreateLoad(b.getInt64Ty(), slot);
        user_pointer = param_type->isPointerTy();
      } else {
        raw = load_u64_at(b, ctx, kCallArgRegs[i - 1]);
        user_pointer = p.user_pointer_args && param_type->isPointerTy();
      }
      args.push_back(user_pointer ? make_user_pointer(b, m, raw) : from_u64(b, raw, param_type));
    }
    llvm::CallInst* result = b.CreateCall(original, args);
    if (program->getReturnType()->isVoidTy())
      b.CreateRetVoid();
    else
      b.CreateRet(result);
  }
  return ok_status();
}

}  // namespace tracekit::compiler
