// #define constants that are the length of an array in a kernel struct, taken from BTF rather
// than from a table: they change between kernels (DNAME_INLINE_LEN went from 32 to 40 bytes
// with the dentry's short-name union), and a program sized with the wrong one reads past the
// field. Only the constants the program names are written.
#pragma once

#include <string>

#include "compiler/kernel_types/btf_header.h"
#include "compiler/source_scan.h"

namespace tracekit::compiler {

// `#define NAME N` lines for <tracekit/kernel.h>.
std::string btf_derived_constants(const BtfTypeIndex& index, const SourceScan& program);

}  // namespace tracekit::compiler
