// Finds and dlopen()s libtracekit-compiler.so, the only part of tracekit that links Clang and
// LLVM (mapping them costs ~50 ms and ~55 MiB), and only on a cache miss.
#pragma once

#include "common/result.h"
#include "compiler/compile_request.h"

namespace tracekit::compile {

// Searched in order: $TRACEKIT_COMPILER_LIB, next to libtracekit.so (build tree), in its
// tracekit/ subdirectory (installed layout), then the configured install directory.
Result<const compiler::CompilerApi*> load_compiler();
bool compiler_loaded();

}  // namespace tracekit::compile
