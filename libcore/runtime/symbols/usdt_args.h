// USDT argument specs (the third string of a .note.stapsdt note) for x86_64.
//
// <sys/sdt.h> lets the compiler place each argument where it likes and records the GNU
// assembler operand it chose, prefixed with the argument's size (negative: signed):
//     "-4@%edi"              a register (any width: %rax %eax %ax %al %ah %r8d %sil ...)
//     "8@-24(%rbp)"          memory at base register + displacement
//     "4@16(%rax,%rdx,4)"    memory at base + index * scale + displacement
//     "-4@$-5"               a constant
//     "8@counter+8(%rip)"    a global, RIP-relative (symbol + displacement)
// The parse turns each into offsets into struct pt_regs, which is what the BPF side reads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"

namespace tracekit::symbols {

struct UsdtArg {
  enum class Kind { Constant, Register, Memory, RipRelative };
  Kind kind = Kind::Constant;
  int size = 8;            // bytes: 1, 2, 4 or 8
  bool is_signed = false;
  int64_t constant = 0;    // Constant: the value; Memory/RipRelative: the displacement
  int base_offset = -1;    // offset in struct pt_regs of the (base) register, or -1
  int base_shift = 0;      // 8 for %ah %bh %ch %dh (bits 8-15 of the register)
  int index_offset = -1;   // Memory: index register, or -1
  int scale = 1;           // Memory: 1, 2, 4 or 8
  std::string symbol;      // RipRelative: the symbol the displacement is relative to
  std::string text;        // the spec as written, for messages and get_text()

  // The C type BCC names for the argument ("int32_t", "uint64_t"...).
  std::string ctype() const;
};

// Parses one argument spec ("-4@%edi").
Result<UsdtArg> parse_usdt_arg(const std::string& spec);
// Parses a note's whole argument string (space-separated specs).
Result<std::vector<UsdtArg>> parse_usdt_args(const std::string& specs);
// The offset of a 64-bit register ("rax", "r8") in struct pt_regs, or -1.
int pt_regs_offset(const std::string& reg64);

}  // namespace tracekit::symbols
