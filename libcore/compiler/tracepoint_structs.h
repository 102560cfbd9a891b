// TRACEPOINT_PROBE(cat, ev) gives the program `args`, a struct laid out like the tracepoint's
// record. The struct is generated before Clang parses the program, so it works the same in
// BTF and headers mode. The fields come from the event's format in tracefs; where tracefs
// cannot be read (not mounted, no permission), from the kernel's BTF
// (kernel_types/btf_tracepoints.h), which has every event's record except the per-syscall
// ones.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/result.h"

namespace tracekit::compiler {

struct TracepointField {
  std::string decl;  // "const char * filename", "char comm[16]", "__data_loc char[] name"
  unsigned offset = 0;
  unsigned size = 0;
  bool is_signed = false;
};

// Returns the text of <tracefs>/events/<category>/<event>/format.
using TracepointFormatReader =
    std::function<Result<std::string>(const std::string& category, const std::string& event)>;

TracepointFormatReader tracefs_format_reader(const std::string& tracefs_dir);

// The fields of a format description, common_* fields included.
std::vector<TracepointField> parse_format_fields(const std::string& format);

// `struct tracepoint__<category>__<event> { ... };`: the record's fields at their offsets, the
// common header as `u64 __do_not_use__`, and __data_loc fields as `int data_loc_<name>` (BCC's
// names, read with TP_DATA_LOC_READ*).
Result<std::string> tracepoint_struct(const std::string& category, const std::string& event,
                                      const std::vector<TracepointField>& fields);

Result<std::string> tracepoint_struct_from_format(const std::string& category,
                                                  const std::string& event,
                                                  const std::string& format);

}  // namespace tracekit::compiler
