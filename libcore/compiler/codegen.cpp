#include "compiler/codegen.h"

#include <llvm/Analysis/CGSCCPassManager.h>
#include <llvm/Analysis/LoopAnalysisManager.h>
#include <llvm/IR/DiagnosticInfo.h>
#include <llvm/IR/DiagnosticPrinter.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/PassManager.h>
#include <llvm/IR/Verifier.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/Target/TargetOptions.h>
#include <llvm/Transforms/InstCombine/InstCombine.h>
#include <llvm/Transforms/Scalar/EarlyCSE.h>
#include <llvm/Transforms/Scalar/SROA.h>
#include <llvm/Transforms/Scalar/SimplifyCFG.h>
#include <llvm/Transforms/Utils/Cloning.h>

#include <mutex>

#include "compiler/ir/ir_passes.h"
#include "compiler/source_listing.h"

extern "C" {
void LLVMInitializeBPFTargetInfo();
void LLVMInitializeBPFTarget();
void LLVMInitializeBPFTargetMC();
void LLVMInitializeBPFAsmPrinter();
void LLVMInitializeBPFAsmParser();
}

namespace tracekit::compiler {
namespace {

void initialize_bpf_target() {
  static std::once_flag once;
  std::call_once(once, [] {
    LLVMInitializeBPFTargetInfo();
    LLVMInitializeBPFTarget();
    LLVMInitializeBPFTargetMC();
    LLVMInitializeBPFAsmPrinter();
    LLVMInitializeBPFAsmParser();
  });
}

// Runs a module-level function of ours as a pass inside the new pass manager.
class CallbackPass : public llvm::PassInfoMixin<CallbackPass> {
 public:
  explicit CallbackPass(std::function<void(llvm::Module&)> fn) : fn_(std::move(fn)) {}
  llvm::PreservedAnalyses run(llvm::Module& m, llvm::ModuleAnalysisManager&) {
    fn_(m);
    return llvm::PreservedAnalyses::none();
  }
  static bool isRequired() { return true; }

 private:
  std::function<void(llvm::Module&)> fn_;
};

// Collects errors the BPF backend reports (unsupported constructs, stack overflows) with the
// user's source location when the IR carries one.
struct BackendDiagnostics {
  std::string errors;
  static void handle(const llvm::DiagnosticInfo& info, void* self_ptr) {
    auto* self = static_cast<BackendDiagnostics*>(self_ptr);
    if (info.getSeverity() != llvm::DS_Error) return;
    std::string text;
    llvm::raw_string_ostream out(text);
    if (const auto* located = llvm::dyn_cast<llvm::DiagnosticInfoUnsupported>(&info)) {
      if (located->isLocationAvailable()) out << located->getLocationStr() << ": ";
      std::string function = located->getFunction().getName().str();
      // Twins and argument wrappers are tracekit's: name the program they come from.
      for (const char* suffix : {"__tk_sys_enter", "__tk_sys_exit", "__tk_body", "__tk_copy"})
        if (size_t at = function.find(suffix); at != std::string::npos) function.resize(at);
      out << "error: " << located->getMessage() << " (in '" << function << "')";
    } else {
      llvm::DiagnosticPrinterRawOStream printer(out);
      out << "error: ";
      info.print(printer);
    }
    out.flush();
    // The backend reports some errors once per use; say each once.
    if (self->errors.find(text) == std::string::npos) self->errors += text + "\n";
  }
};

// Headers-mode modules were generated for x86_64 (see compiler.cpp): drop the x86 function
// attributes before the BPF target takes them.
void strip_host_target_attributes(llvm::Module& m) {
  for (llvm::Function& fn : m) {
    for (const char* attr : {"target-cpu", "target-features", "tune-cpu", "stack-protector-buffer-size",
                             "min-legal-vector-width", "probe-stack", "frame-pointer"})
      fn.removeFnAttr(attr);
    fn.removeFnAttr(llvm::Attribute::NoRedZone);
    fn.removeFnAttr(llvm::Attribute::UWTable);
    fn.removeFnAttr(llvm::Attribute::StackProtect);
    fn.removeFnAttr(llvm::Attribute::StackProtectStrong);
    fn.removeFnAttr(llvm::Attribute::StackProtectReq);
  }
}

std::unique_ptr<llvm::TargetMachine> bpf_target_machine(llvm::Module& m) {
  std::string error;
  const llvm::Target* target = llvm::TargetRegistry::lookupTarget("bpfel", error);
  if (!target) return nullptr;
  llvm::TargetOptions options;
  auto tm = std::unique_ptr<llvm::TargetMachine>(target->createTargetMachine(
      "bpfel", "v2", "", options, llvm::Reloc::PIC_, std::nullopt, llvm::CodeGenOpt::Aggressive));
  if (llvm::StringRef(m.getTargetTriple()).startswith("x86_64")) strip_host_target_attributes(m);
  m.setTargetTriple("bpfel");
  m.setDataLayout(tm->createDataLayout());
  return tm;
}

}  // namespace

Result<CodegenOutput> optimize_and_emit(llvm::Module& m, const Analysis& analysis,
                                        const CompileRequest& request) {
  initialize_bpf_target();
  auto tm = bpf_target_machine(m);
  if (!tm) return Error::internal("the LLVM BPF target is not available");

  BackendDiagnostics diagnostics;
  m.getContext().setDiagnosticHandlerCallBack(&BackendDiagnostics::handle, &diagnostics);

  TK_TRY(lower_table_method_calls(m, analysis));
  TK_TRY(link_usdt_arguments(m));
  TK_TRY(describe_inner_maps(m, analysis));
  TK_TRY(shape_programs(m, analysis));
  TK_TRY(lower_probe_arguments(m, analysis));
  TK_TRY(build_syscall_variants(m, analysis));

  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb(tm.get());
  // The BPF target registers its CO-RE (preserve_access_index) passes here.
  tm->registerPassBuilderCallbacks(pb);
  pb.registerOptimizerLastEPCallback([&](llvm::ModulePassManager& mpm, llvm::OptimizationLevel) {
    mpm.addPass(CallbackPass([&](llvm::Module& module) { route_variant_contexts(module, analysis); }));
    llvm::FunctionPassManager cleanup;
    cleanup.addPass(llvm::SROAPass(llvm::SROAOptions::ModifyCFG));
    cleanup.addPass(llvm::EarlyCSEPass());
    cleanup.addPass(llvm::InstCombinePass());
    mpm.addPass(llvm::createModuleToFunctionPassAdaptor(std::move(cleanup)));
    mpm.addPass(CallbackPass([&](llvm::Module& module) { insert_kernel_reads(module, analysis); }));
  });
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::ModulePassManager mpm = pb.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2);
  mpm.run(m, mam);

  TK_TRY(check_supported_operations(m));

  std::string verify_errors;
  llvm::raw_string_ostream verify_out(verify_errors);
  if (llvm::verifyModule(m, &verify_out)) {
    verify_out.flush();
    return Error::internal("tracekit produced invalid IR (a tracekit bug):\n" + verify_errors);
  }

  CodegenOutput out;
  if (request.debug_flags & kDebugLlvmIr) {
    llvm::raw_string_ostream ir(out.ir_text);
    m.print(ir, nullptr);
  }

  if (request.debug_flags & kDebugSource) {
    // From a copy: code generation changes the module it runs on.
    std::unique_ptr<llvm::Module> copy = llvm::CloneModule(m);
    llvm::SmallVector<char, 0> assembly;
    llvm::raw_svector_ostream os(assembly);
    llvm::legacy::PassManager pm;
    if (tm->addPassesToEmitFile(pm, os, nullptr, llvm::CGFT_AssemblyFile))
      return Error::internal("the BPF target cannot emit assembly");
    pm.run(*copy);
    out.asm_text = annotate_assembly(std::string(assembly.begin(), assembly.end()), request.source,
                                     request.source_name);
  }

  llvm::SmallVector<char, 0> object;
  {
    llvm::raw_svector_ostream os(object);
    llvm::legacy::PassManager pm;
    if (tm->addPassesToEmitFile(pm, os, nullptr, llvm::CGFT_ObjectFile))
      return Error::internal("the BPF target cannot emit an object file");
    pm.run(m);
  }
  if (!diagnostics.errors.empty()) return Error::compile(diagnostics.errors);
  out.elf.assign(object.begin(), object.end());
  return out;
}

}  // namespace tracekit::compiler
