#include "compiler/clang_frontend.h"

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/Basic/DiagnosticOptions.h>
#include <clang/CodeGen/CodeGenAction.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/CompilerInvocation.h>
#include <clang/Frontend/FrontendActions.h>
#include <clang/Frontend/MultiplexConsumer.h>
#include <clang/Frontend/TextDiagnosticPrinter.h>
#include <clang/Frontend/Utils.h>
#include <clang/Lex/Preprocessor.h>
#include <clang/Serialization/ASTWriter.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/VirtualFileSystem.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <cctype>
#include <string_view>

#include "compiler/frontend/ast_passes.h"
#include "compiler/frontend/diagnostic_hints.h"

namespace tracekit::compiler {
namespace {

// Records diagnostics as values and renders them as Clang would print them.
class CollectingConsumer : public clang::DiagnosticConsumer {
 public:
  CollectingConsumer(clang::DiagnosticOptions* opts, bool btf_mode)
      : rendered_stream_(rendered_), printer_(rendered_stream_, opts), btf_mode_(btf_mode) {}

  void BeginSourceFile(const clang::LangOptions& lang, const clang::Preprocessor* pp) override {
    printer_.BeginSourceFile(lang, pp);
  }
  void EndSourceFile() override { printer_.EndSourceFile(); }

  void HandleDiagnostic(clang::DiagnosticsEngine::Level level, const clang::Diagnostic& info) override {
    clang::DiagnosticConsumer::HandleDiagnostic(level, info);
    printer_.HandleDiagnostic(level, info);
    Diagnostic d;
    switch (level) {
      case clang::DiagnosticsEngine::Error:
      case clang::DiagnosticsEngine::Fatal: d.severity = "error"; break;
      case clang::DiagnosticsEngine::Warning: d.severity = "warning"; break;
      default: d.severity = "note"; break;
    }
    llvm::SmallString<256> message;
    info.FormatDiagnostic(message);
    d.message = message.str().str();
    if (info.hasSourceManager() && info.getLocation().isValid()) {
      auto& sm = info.getSourceManager();
      // A macro argument's tokens are reported where the user wrote them; tokens of a macro's
      // body where the macro was used: either way a place in the user's text.
      clang::PresumedLoc loc = sm.getPresumedLoc(sm.getFileLoc(info.getLocation()));
      if (loc.isValid()) {
        d.file = loc.getFilename();
        d.line = loc.getLine();
        d.column = loc.getColumn();
      }
    }
    std::string hint = d.severity == "error" ? diagnostic_hint(d.message, btf_mode_) : "";
    if (!hint.empty()) {
      rendered_stream_ << "hint: " << hint << "\n";
      Diagnostic note = d;
      note.severity = "note";
      note.message = "hint: " + hint;
      diagnostics_.push_back(std::move(d));
      diagnostics_.push_back(std::move(note));
      return;
    }
    diagnostics_.push_back(std::move(d));
  }

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  std::string rendered() {
    rendered_stream_.flush();
    return rendered_;
  }

 private:
  std::string rendered_;
  llvm::raw_string_ostream rendered_stream_;
  clang::TextDiagnosticPrinter printer_;
  std::vector<Diagnostic> diagnostics_;
  bool btf_mode_;
};

// Runs the AST passes once the translation unit is complete, before code generation sees it.
class AnalysisConsumer : public clang::ASTConsumer {
 public:
  AnalysisConsumer(clang::CompilerInstance& ci, Analysis& analysis, const CompileRequest& request)
      : ci_(ci), analysis_(analysis), request_(request) {}
  void HandleTranslationUnit(clang::ASTContext& ast) override {
    AstPassContext ctx{ast, ci_.getDiagnostics(), analysis_, request_};
    run_ast_passes(ctx);
  }

 private:
  clang::CompilerInstance& ci_;
  Analysis& analysis_;
  const CompileRequest& request_;
};

class AnalyzeAndEmitIr : public clang::EmitLLVMOnlyAction {
 public:
  AnalyzeAndEmitIr(llvm::LLVMContext* ctx, Analysis& analysis, const CompileRequest& request)
      : clang::EmitLLVMOnlyAction(ctx), analysis_(analysis), request_(request) {}

 protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance& ci,
                                                        llvm::StringRef file) override {
    std::vector<std::unique_ptr<clang::ASTConsumer>> consumers;
    // Analysis first: the multiplexer calls consumers in order, and code generation must run
    // only once the passes had the chance to report errors.
    consumers.push_back(std::make_unique<AnalysisConsumer>(ci, analysis_, request_));
    consumers.push_back(clang::EmitLLVMOnlyAction::CreateASTConsumer(ci, file));
    return std::make_unique<clang::MultiplexConsumer>(std::move(consumers));
  }

 private:
  Analysis& analysis_;
  const CompileRequest& request_;
};

struct PreparedInstance {
  std::unique_ptr<clang::CompilerInstance> ci;
  std::unique_ptr<CollectingConsumer> diags;
  llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions> diag_opts;
};


// A precompiled header written to memory instead of a file.
class GeneratePchInMemory : public clang::GeneratePCHAction {
 public:
  std::shared_ptr<clang::PCHBuffer> buffer = std::make_shared<clang::PCHBuffer>();

 protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance& ci, llvm::StringRef) override {
    std::string sysroot;
    if (!ComputeASTConsumerArguments(ci, sysroot)) return nullptr;
    return std::make_unique<clang::PCHGenerator>(ci.getPreprocessor(), ci.getModuleCache(), "kernel.pch", "",
                                                 buffer, ci.getFrontendOpts().ModuleFileExtensions,
                                                 /*AllowASTWithErrors=*/false, /*IncludeTimestamps=*/false);
  }
  bool shouldEraseOutputFiles() override { return false; }
};

// Preprocesses into a string (PrintPreprocessedAction would write to stdout).
class PreprocessToString : public clang::PreprocessorFrontendAction {
 public:
  explicit PreprocessToString(std::string& out) : out_(out) {}

 protected:
  void ExecuteAction() override {
    clang::CompilerInstance& ci = getCompilerInstance();
    llvm::raw_string_ostream os(out_);
    clang::PreprocessorOutputOptions opts = ci.getPreprocessorOutputOpts();
    opts.ShowCPP = 1;
    opts.ShowLineMarkers = 1;
    clang::DoPrintPreprocessedInput(ci.getPreprocessor(), &os, opts);
  }

 private:
  std::string& out_;
};

// The lines of preprocessor output that belong to `file` (the program, with its macros
// expanded), without the headers it includes or the line markers.
std::string only_file(const std::string& text, const std::string& file) {
  std::string out;
  bool keep = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    if (line.size() > 2 && line[0] == '#' && line[1] == ' ' && std::isdigit(static_cast<unsigned char>(line[2]))) {
      size_t quote = line.find('"');
      size_t close = quote == std::string_view::npos ? quote : line.find('"', quote + 1);
      keep = close != std::string_view::npos && line.substr(quote + 1, close - quote - 1) == file;
    } else if (keep) {
      out.append(line);
      out += '\n';
    }
    pos = end + 1;
  }
  return out;
}

Result<PreparedInstance> prepare(const FrontendInput& input) {
  PreparedInstance p;
  p.diag_opts = new clang::DiagnosticOptions();
  p.diag_opts->ShowColors = false;
  p.diag_opts->ShowCarets = true;
  p.diag_opts->ShowPresumedLoc = true;  // honour the #line that names the user's file
  p.diags = std::make_unique<CollectingConsumer>(p.diag_opts.get(), input.btf_mode);

  auto memory_fs = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  memory_fs->addFile(input.main_path, 0, llvm::MemoryBuffer::getMemBuffer(input.main_text, input.main_path, false));
  for (const auto& [path, contents] : input.virtual_files)
    memory_fs->addFile(path, 0, llvm::MemoryBuffer::getMemBuffer(contents, path, false));
  auto overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(llvm::vfs::getRealFileSystem());
  overlay->pushOverlay(memory_fs);

  std::vector<const char*> argv;
  for (const auto& a : input.args) argv.push_back(a.c_str());
  argv.push_back(input.main_path.c_str());

  auto invocation = std::make_shared<clang::CompilerInvocation>();
  {
    llvm::IntrusiveRefCntPtr<clang::DiagnosticIDs> ids(new clang::DiagnosticIDs());
    clang::DiagnosticsEngine arg_diags(ids, p.diag_opts.get(), p.diags.get(), /*ShouldOwnClient=*/false);
    if (!clang::CompilerInvocation::CreateFromArgs(*invocation, argv, arg_diags))
      return Error::compile("invalid compiler flags:\n" + p.diags->rendered(), p.diags->diagnostics());
  }
  // Stops ExecuteAction from printing "N warnings generated" to stderr: the core never prints.
  invocation->getDiagnosticOpts().ShowCarets = false;
  p.ci = std::make_unique<clang::CompilerInstance>();
  p.ci->setInvocation(std::move(invocation));
  // After the invocation, so that its -W options (-Wno-int-conversion...) apply.
  p.ci->createDiagnostics(p.diags.get(), /*ShouldOwnClient=*/false);
  p.ci->createFileManager(overlay);
  return p;
}

// The real files the preprocessor opens. tracekit's own headers live in the in-memory file
// system under /tk/ and the kernel's are part of the kernel types identity, so neither counts.
class SourceFileCollector : public clang::DependencyCollector {
 public:
  explicit SourceFileCollector(const CompileRequest& request) {
    for (const std::string* dir : {&request.kernel_build_dir, &request.kernel_source_dir})
      if (!dir->empty()) kernel_dirs_.push_back(*dir + "/");
  }

  bool needSystemDependencies() override { return true; }

  bool sawDependency(llvm::StringRef file, bool /*from_module*/, bool /*is_system*/, bool is_module_file,
                     bool is_missing) override {
    if (is_missing || is_module_file || file.startswith("/tk/") || file == "<built-in>") return false;
    return std::none_of(kernel_dirs_.begin(), kernel_dirs_.end(),
                        [&](const std::string& dir) { return file.startswith(dir); });
  }

 private:
  std::vector<std::string> kernel_dirs_;
};

Error compile_error(CollectingConsumer& diags) {
  std::string text = diags.rendered();
  if (text.empty()) text = "compilation failed\n";
  return Error::compile(text, diags.diagnostics());
}

}  // namespace

Result<FrontendOutput> run_frontend(const FrontendInput& input, const CompileRequest& request) {
  auto prepared = TK_TRY(prepare(input));
  FrontendOutput out;
  out.context = std::make_unique<llvm::LLVMContext>();
  AnalyzeAndEmitIr action(out.context.get(), out.analysis, request);
  auto sources = std::make_shared<SourceFileCollector>(request);
  prepared.ci->addDependencyCollector(sources);
  bool ok = prepared.ci->ExecuteAction(action);
  if (!ok || prepared.ci->getDiagnostics().hasErrorOccurred()) return compile_error(*prepared.diags);
  out.module = action.takeModule();
  if (!out.module) return compile_error(*prepared.diags);
  for (const auto& d : prepared.diags->diagnostics())
    if (d.severity == "warning") out.warnings.push_back(d);
  out.source_files = sources->getDependencies();
  return out;
}

Result<std::string> build_precompiled_header(const FrontendInput& input) {
  auto prepared = TK_TRY(prepare(input));
  GeneratePchInMemory action;
  bool ok = prepared.ci->ExecuteAction(action);
  if (!ok || prepared.ci->getDiagnostics().hasErrorOccurred() || !action.buffer->IsComplete)
    return compile_error(*prepared.diags);
  return std::string(action.buffer->Data.begin(), action.buffer->Data.end());
}

Result<std::string> preprocess_only(const FrontendInput& input) {
  auto prepared = TK_TRY(prepare(input));
  std::string text;
  PreprocessToString action(text);
  bool ok = prepared.ci->ExecuteAction(action);
  if (!ok || prepared.ci->getDiagnostics().hasErrorOccurred()) return compile_error(*prepared.diags);
  return only_file(text, input.main_name);
}

}  // namespace tracekit::compiler
