// TRACEPOINT_PROBE(cat, ev) gives the program `args`, a struct laid out like the tracepoint's
// record. The struct is generated from the event's format description before Clang parses the
// program, so it works the same in BTF and headers mode.
#pragma once

#include <functional>
#include <string>

#include "common/result.h"

namespace tracekit::compiler {

// Returns the text of <tracefs>/events/<category>/<event>/format.
using TracepointFormatReader =
    std::function<Result<std::string>(const std::string& category, const std::string& event)>;

TracepointFormatReader tracefs_format_reader(const std::string& tracefs_dir);

// `struct tracepoint__<category>__<event> { ... };` from a format description.
Result<std::string> tracepoint_struct_from_format(const std::string& category,
                                                  const std::string& event,
                                                  const std::string& format);

}  // namespace tracekit::compiler
