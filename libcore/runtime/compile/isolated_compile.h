// Runs a compile in a forked child process.
//
// Three reasons, all about the parent staying small and healthy:
//   - LLVM 16's BPF CO-RE pass keeps a process-wide cache of the relocation globals it made,
//     keyed by access pattern and never cleared; a second module that repeats an access would
//     get a global of the first, freed, module (a crash). A child per compile starts clean.
//   - Clang and LLVM (~100 MB mapped, plus the compile's heap) never enter the parent, which
//     keeps the small footprint of a cached start for as long as it runs.
//   - A compiler crash becomes an error, not the death of the user's process.
// The child resets SIGINT so Ctrl-C ends it, touches no Python, and reports through a pipe.
#pragma once

#include <functional>
#include <string>

#include "common/result.h"
#include "compiler/compile_request.h"

namespace tracekit::compile {

Result<compiler::CompileOutput> run_isolated(const std::function<Result<compiler::CompileOutput>()>& work);

// For CompileRequest::on_fatal_error: inside the child, sends `message` back as the compile's
// error and ends the child (LLVM's fatal errors cannot be returned from).
[[noreturn]] void report_fatal_error_and_exit(const std::string& message);

}  // namespace tracekit::compile
