// bpf_trace_printk() formats, checked at compile time. The kernel validates the format only
// when the program runs, and then prints nothing at all; BCC users learn about an unsupported
// conversion or a fourth argument from an empty trace_pipe. The macro in probes.h copies the
// format into `__tk_fmt` and calls the helper through `__tk_trace_printk`.
#include <clang/AST/ASTContext.h>
#include <clang/AST/Expr.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "compiler/frontend/ast_passes.h"
#include "compiler/frontend/ast_visitor.h"

namespace tracekit::compiler {
namespace {

constexpr unsigned kMaxArgs = 3;
constexpr const char* kAccepted =
    "the kernel accepts %d %i %u %x %X (optionally with l or ll), %c, %s, %p, %pK, %px, %pB, "
    "%pi4, %pI4, %pi6, %pI6, a width, and %%";

struct Conversion {
  size_t offset;     // of the '%' in the format
  std::string text;  // "%llu"
  bool valid;
  bool pointer_arg;  // %s and %p take pointers
};

// Splits a format into conversions the way the kernel's bpf_trace_printk() reads it.
std::vector<Conversion> conversions(const std::string& fmt) {
  std::vector<Conversion> out;
  for (size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] != '%') continue;
    if (i + 1 < fmt.size() && fmt[i + 1] == '%') {
      ++i;
      continue;
    }
    size_t start = i++;
    while (i < fmt.size() && (fmt[i] == '0' || fmt[i] == '+' || fmt[i] == '-' || fmt[i] == ' ')) ++i;
    while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i]))) ++i;
    bool valid = false, pointer = false;
    if (i < fmt.size() && fmt[i] == 'p') {
      valid = pointer = true;
      if (i + 1 < fmt.size() && (fmt[i + 1] == 'K' || fmt[i + 1] == 'x' || fmt[i + 1] == 'B')) {
        ++i;
      } else if (i + 2 < fmt.size() && (fmt[i + 1] == 'i' || fmt[i + 1] == 'I') &&
                 (fmt[i + 2] == '4' || fmt[i + 2] == '6')) {
        i += 2;
      } else if (i + 1 < fmt.size() && std::isalnum(static_cast<unsigned char>(fmt[i + 1]))) {
        ++i;
        valid = false;  // %pS, %pV...: extensions the helper refuses
      }
    } else if (i < fmt.size() && (fmt[i] == 's' || fmt[i] == 'c')) {
      valid = true;
      pointer = fmt[i] == 's';
    } else {
      if (i < fmt.size() && fmt[i] == 'l') ++i;
      if (i < fmt.size() && fmt[i] == 'l') ++i;
      valid = i < fmt.size() && std::strchr("diuxX", fmt[i]) != nullptr && fmt[i] != '\0';
      if (!valid) {  // include the offending letters in the message
        while (i + 1 < fmt.size() && std::isalpha(static_cast<unsigned char>(fmt[i + 1])) &&
               std::strchr("diuxX", fmt[i]) == nullptr)
          ++i;
      }
    }
    size_t end = std::min(i + 1, fmt.size());
    out.push_back({start, fmt.substr(start, end - start), valid, pointer});
    i = end - 1;
  }
  return out;
}

class Visitor : public clang::RecursiveASTVisitor<Visitor> {
 public:
  explicit Visitor(AstPassContext& ctx) : ctx_(ctx) {}

  bool VisitCallExpr(clang::CallExpr* call) {
    if (!calls_printk_helper(call) || call->getNumArgs() < 2) return true;
    const clang::StringLiteral* literal = format_literal(call->getArg(0));
    if (!literal) return true;
    std::string fmt = literal->getBytes().str();
    unsigned args = call->getNumArgs() - 2;
    std::vector<Conversion> convs = conversions(fmt);
    for (const Conversion& c : convs) {
      if (!c.valid) {
        ctx_.error(location_in(literal, c.offset),
                   "bpf_trace_printk: unsupported conversion \"" + c.text + "\"; " + kAccepted);
        return true;
      }
    }
    if (args > kMaxArgs) {
      ctx_.error(call->getArg(2 + kMaxArgs)->getBeginLoc(),
                 "bpf_trace_printk takes at most 3 arguments after the format (here " +
                     std::to_string(args) +
                     "); print fewer values, or send them to user space with a BPF_PERF_OUTPUT "
                     "or BPF_RINGBUF_OUTPUT table");
      return true;
    }
    if (convs.size() > args) {
      ctx_.error(location_in(literal, convs[args].offset),
                 "bpf_trace_printk: the format has " + std::to_string(convs.size()) +
                     " conversions but " + std::to_string(args) +
                     " arguments follow it; the kernel would print nothing");
      return true;
    }
    if (convs.size() < args)
      ctx_.warning(call->getArg(2 + convs.size())->getBeginLoc(),
                   "bpf_trace_printk: more arguments (" + std::to_string(args) +
                       ") than conversions in the format (" + std::to_string(convs.size()) + ")");
    for (size_t i = 0; i < convs.size(); ++i) {
      const clang::Expr* arg = call->getArg(2 + i)->IgnoreParenImpCasts();
      clang::QualType type = arg->getType();
      if (convs[i].text.back() == 's' && !type->isPointerType() && !type->isArrayType())
        ctx_.error(call->getArg(2 + i)->getBeginLoc(),
                   "bpf_trace_printk: \"%s\" needs a pointer to a string, but argument " +
                       std::to_string(i + 1) + " is '" + type.getAsString() + "'");
    }
    return true;
  }

 private:
  static bool calls_printk_helper(const clang::CallExpr* call) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(call->getCallee()->IgnoreParenImpCasts());
    return ref && ref->getDecl()->getName() == "__tk_trace_printk";
  }

  // The string literal `__tk_fmt` was initialised with.
  static const clang::StringLiteral* format_literal(const clang::Expr* arg) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(arg->IgnoreParenImpCasts());
    const auto* var = ref ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (!var || !var->getInit()) return nullptr;
    return llvm::dyn_cast<clang::StringLiteral>(var->getInit()->IgnoreParenImpCasts());
  }

  clang::SourceLocation location_in(const clang::StringLiteral* literal, size_t offset) {
    if (offset >= literal->getLength()) return literal->getBeginLoc();
    return literal->getLocationOfByte(unsigned(offset), ctx_.ast.getSourceManager(), ctx_.ast.getLangOpts(),
                                      ctx_.ast.getTargetInfo());
  }

  AstPassContext& ctx_;
};

}  // namespace

void check_trace_printk_formats(AstPassContext& ctx) {
  Visitor visitor(ctx);
  for (clang::Decl* decl : ctx.program_decls()) visitor.TraverseDecl(decl);
}

}  // namespace tracekit::compiler
