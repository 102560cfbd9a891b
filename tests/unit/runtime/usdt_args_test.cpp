#include <catch2/catch.hpp>

#include "runtime/symbols/usdt_args.h"

using tracekit::symbols::parse_usdt_arg;
using tracekit::symbols::parse_usdt_args;
using tracekit::symbols::pt_regs_offset;
using Kind = tracekit::symbols::UsdtArg::Kind;

TEST_CASE("registers of every width map to their pt_regs slot") {
  struct Case {
    const char* spec;
    const char* reg64;
    int size;
    bool is_signed;
    int shift;
  };
  const Case cases[] = {
      {"-4@%edi", "rdi", 4, true, 0}, {"8@%rax", "rax", 8, false, 0},  {"-2@%ax", "rax", 2, true, 0},
      {"1@%al", "rax", 1, false, 0},  {"1@%ah", "rax", 1, false, 8},   {"-4@%r8d", "r8", 4, true, 0},
      {"2@%r15w", "r15", 2, false, 0}, {"1@%sil", "rsi", 1, false, 0}, {"8@%rsp", "rsp", 8, false, 0},
      {"-1@%r11b", "r11", 1, true, 0}, {"4@%ebp", "rbp", 4, false, 0}, {"1@%dh", "rdx", 1, false, 8},
  };
  for (const Case& c : cases) {
    auto arg = parse_usdt_arg(c.spec);
    INFO(c.spec);
    REQUIRE(arg.ok());
    CHECK(arg->kind == Kind::Register);
    CHECK(arg->base_offset == pt_regs_offset(c.reg64));
    CHECK(arg->size == c.size);
    CHECK(arg->is_signed == c.is_signed);
    CHECK(arg->base_shift == c.shift);
  }
  CHECK(pt_regs_offset("rdi") == 112);
  CHECK(pt_regs_offset("rip") == 128);
}

TEST_CASE("memory operands: displacement, base, index and scale") {
  auto a = parse_usdt_arg("-4@-20(%rbp)");
  REQUIRE(a.ok());
  CHECK(a->kind == Kind::Memory);
  CHECK(a->constant == -20);
  CHECK(a->base_offset == pt_regs_offset("rbp"));
  CHECK(a->index_offset == -1);

  auto b = parse_usdt_arg("8@16(%rax,%rdx,8)");
  REQUIRE(b.ok());
  CHECK(b->kind == Kind::Memory);
  CHECK(b->constant == 16);
  CHECK(b->base_offset == pt_regs_offset("rax"));
  CHECK(b->index_offset == pt_regs_offset("rdx"));
  CHECK(b->scale == 8);

  auto c = parse_usdt_arg("4@(%rsp)");
  REQUIRE(c.ok());
  CHECK(c->constant == 0);

  auto d = parse_usdt_arg("2@0x10(,%rcx,2)");
  REQUIRE(d.ok());
  CHECK(d->base_offset == -1);
  CHECK(d->index_offset == pt_regs_offset("rcx"));
  CHECK(d->constant == 16);
}

TEST_CASE("constants and RIP-relative globals") {
  auto k = parse_usdt_arg("-4@$-7");
  REQUIRE(k.ok());
  CHECK(k->kind == Kind::Constant);
  CHECK(k->constant == -7);
  CHECK(k->ctype() == "int32_t");

  auto g = parse_usdt_arg("-4@tk_global_value(%rip)");
  REQUIRE(g.ok());
  CHECK(g->kind == Kind::RipRelative);
  CHECK(g->symbol == "tk_global_value");
  CHECK(g->constant == 0);

  auto g8 = parse_usdt_arg("8@table+24(%rip)");
  REQUIRE(g8.ok());
  CHECK(g8->symbol == "table");
  CHECK(g8->constant == 24);
  CHECK(g8->ctype() == "uint64_t");
}

TEST_CASE("a note's argument string") {
  auto args = parse_usdt_args("-4@%r14d -8@%rdx 8@%r13 -4@$-7 -2@%ax 1@%cl");
  REQUIRE(args.ok());
  REQUIRE(args->size() == 6);
  CHECK((*args)[3].kind == Kind::Constant);
  CHECK((*args)[5].base_offset == pt_regs_offset("rcx"));
  auto empty = parse_usdt_args("");
  REQUIRE(empty.ok());
  CHECK(empty->empty());
}

TEST_CASE("unsupported or damaged specs say why") {
  for (const char* bad : {"4%eax", "3@%eax", "4@%xmm0", "8@%fs:0x28", "4@8(%rax,%rdx,3)", "4@sym(%rax)",
                          "4@8(%rip)", "x@%eax", "4@$abc", "4@"}) {
    auto arg = parse_usdt_arg(bad);
    INFO(bad);
    REQUIRE_FALSE(arg.ok());
    CHECK(arg.error().message.find(bad) != std::string::npos);
  }
}
