#include "runtime/symbols/usdt_args.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>

namespace tracekit::symbols {
namespace {

struct RegisterName {
  const char* name;
  const char* full;  // the 64-bit register it is part of
  int shift;
};

// Every x86_64 general-purpose register name GAS may print, by width.
const RegisterName kRegisters[] = {
    {"rax", "rax", 0}, {"eax", "rax", 0}, {"ax", "rax", 0},   {"al", "rax", 0},   {"ah", "rax", 8},
    {"rbx", "rbx", 0}, {"ebx", "rbx", 0}, {"bx", "rbx", 0},   {"bl", "rbx", 0},   {"bh", "rbx", 8},
    {"rcx", "rcx", 0}, {"ecx", "rcx", 0}, {"cx", "rcx", 0},   {"cl", "rcx", 0},   {"ch", "rcx", 8},
    {"rdx", "rdx", 0}, {"edx", "rdx", 0}, {"dx", "rdx", 0},   {"dl", "rdx", 0},   {"dh", "rdx", 8},
    {"rsi", "rsi", 0}, {"esi", "rsi", 0}, {"si", "rsi", 0},   {"sil", "rsi", 0},
    {"rdi", "rdi", 0}, {"edi", "rdi", 0}, {"di", "rdi", 0},   {"dil", "rdi", 0},
    {"rbp", "rbp", 0}, {"ebp", "rbp", 0}, {"bp", "rbp", 0},   {"bpl", "rbp", 0},
    {"rsp", "rsp", 0}, {"esp", "rsp", 0}, {"sp", "rsp", 0},   {"spl", "rsp", 0},
    {"rip", "rip", 0},
};

// struct pt_regs (arch/x86/include/asm/ptrace.h, x86_64) as the BPF side sees it.
const std::pair<const char*, int> kPtRegs[] = {
    {"r15", 0},  {"r14", 8},  {"r13", 16}, {"r12", 24}, {"rbp", 32}, {"rbx", 40}, {"r11", 48},
    {"r10", 56}, {"r9", 64},  {"r8", 72},  {"rax", 80}, {"rcx", 88}, {"rdx", 96}, {"rsi", 104},
    {"rdi", 112}, {"rip", 128}, {"rsp", 152},
};

// "%eax" -> (offset of rax, shift); false if not a register.
bool parse_register(const std::string& text, int& offset, int& shift) {
  if (text.size() < 2 || text[0] != '%') return false;
  std::string name = text.substr(1);
  for (const RegisterName& r : kRegisters) {
    if (name == r.name) {
      offset = pt_regs_offset(r.full);
      shift = r.shift;
      return offset >= 0;
    }
  }
  // r8..r15 with an optional width suffix: r8 r8d r8w r8b
  if (name.size() >= 2 && name[0] == 'r' && std::isdigit(static_cast<unsigned char>(name[1]))) {
    size_t digits = 1;
    while (digits < name.size() && std::isdigit(static_cast<unsigned char>(name[digits]))) ++digits;
    std::string suffix = name.substr(digits);
    if (suffix.empty() || suffix == "d" || suffix == "w" || suffix == "b") {
      offset = pt_regs_offset(name.substr(0, digits));
      shift = 0;
      return offset >= 0;
    }
  }
  return false;
}

bool parse_integer(const std::string& text, int64_t& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(text.c_str(), &end, 0);
  if (errno != 0 || *end != '\0') return false;
  out = v;
  return true;
}

Error bad(const std::string& spec, const std::string& why) {
  return Error::invalid("USDT argument '" + spec + "': " + why);
}

}  // namespace

int pt_regs_offset(const std::string& reg64) {
  for (const auto& [name, offset] : kPtRegs)
    if (reg64 == name) return offset;
  return -1;
}

std::string UsdtArg::ctype() const {
  return std::string(is_signed ? "int" : "uint") + std::to_string(size * 8) + "_t";
}

Result<UsdtArg> parse_usdt_arg(const std::string& spec) {
  UsdtArg arg;
  arg.text = spec;
  size_t at = spec.find('@');
  if (at == std::string::npos) return bad(spec, "expected SIZE@OPERAND");
  int64_t size = 0;
  if (!parse_integer(spec.substr(0, at), size)) return bad(spec, "bad size");
  arg.is_signed = size < 0;
  arg.size = int(size < 0 ? -size : size);
  if (arg.size != 1 && arg.size != 2 && arg.size != 4 && arg.size != 8) return bad(spec, "size must be 1, 2, 4 or 8");
  std::string op = spec.substr(at + 1);
  if (op.empty()) return bad(spec, "empty operand");

  if (op[0] == '$') {
    if (!parse_integer(op.substr(1), arg.constant)) return bad(spec, "bad constant");
    arg.kind = UsdtArg::Kind::Constant;
    return arg;
  }
  if (op[0] == '%') {
    if (!parse_register(op, arg.base_offset, arg.base_shift)) return bad(spec, "unknown register " + op);
    arg.kind = UsdtArg::Kind::Register;
    return arg;
  }
  // Memory: [disp](base[,index[,scale]]) where disp is a number, or symbol[+-number] (RIP).
  size_t open = op.find('(');
  size_t close = op.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open || close + 1 != op.size())
    return bad(spec, "unsupported operand (segment registers and absolute addresses are not supported)");
  std::string disp = op.substr(0, open);
  std::string inside = op.substr(open + 1, close - open - 1);
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t comma = inside.find(',', start);
    parts.push_back(inside.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (parts.size() > 3) return bad(spec, "too many memory operand parts");
  int shift = 0;
  if (!parts[0].empty() && !parse_register(parts[0], arg.base_offset, shift))
    return bad(spec, "unknown base register " + parts[0]);
  if (shift) return bad(spec, "8-bit high registers cannot address memory");
  if (parts.size() >= 2 && !parts[1].empty() && !parse_register(parts[1], arg.index_offset, shift))
    return bad(spec, "unknown index register " + parts[1]);
  if (parts.size() == 3) {
    int64_t scale = 0;
    if (!parse_integer(parts[2], scale) || (scale != 1 && scale != 2 && scale != 4 && scale != 8))
      return bad(spec, "scale must be 1, 2, 4 or 8");
    arg.scale = int(scale);
  }
  if (disp.empty() || parse_integer(disp, arg.constant)) {
    if (arg.base_offset == pt_regs_offset("rip"))
      return bad(spec, "a numeric RIP-relative displacement cannot be resolved");
    arg.kind = UsdtArg::Kind::Memory;
    return arg;
  }
  // symbol, symbol+N or symbol-N: only meaningful relative to %rip.
  if (arg.base_offset != pt_regs_offset("rip") || arg.index_offset >= 0)
    return bad(spec, "a symbolic displacement needs (%rip) addressing");
  size_t sign = disp.find_first_of("+-", 1);
  arg.symbol = disp.substr(0, sign);
  arg.constant = 0;
  if (sign != std::string::npos && !parse_integer(disp.substr(sign), arg.constant))
    return bad(spec, "bad displacement after symbol");
  arg.kind = UsdtArg::Kind::RipRelative;
  return arg;
}

Result<std::vector<UsdtArg>> parse_usdt_args(const std::string& specs) {
  std::vector<UsdtArg> out;
  size_t pos = 0;
  while (pos < specs.size()) {
    while (pos < specs.size() && specs[pos] == ' ') ++pos;
    if (pos >= specs.size()) break;
    size_t end = specs.find(' ', pos);
    std::string one = specs.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    out.push_back(TK_TRY(parse_usdt_arg(one)));
    pos = end == std::string::npos ? specs.size() : end;
  }
  return out;
}

}  // namespace tracekit::symbols
