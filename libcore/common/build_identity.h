// Version plus a digest of the compiler sources and BPF headers (generated at build time).
#pragma once

#include <string_view>

namespace tracekit {
std::string_view build_identity();
}
