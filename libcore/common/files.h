// Small file helpers shared by the compiler and the runtime (plain reads; no kernel writes).
#pragma once

#include <optional>
#include <string>

#include "common/result.h"

namespace tracekit {

Result<std::string> read_file(const std::string& path);
// Reads a file whose size stat() cannot tell (sysfs, procfs, tracefs).
Result<std::string> read_special_file(const std::string& path);
bool path_exists(const std::string& path);
// Writes through a temporary file and rename(), so readers never see a partial file.
Status write_file_atomic(const std::string& path, std::string_view contents, unsigned mode = 0644);
Status make_dirs(const std::string& path, unsigned mode = 0755);

}  // namespace tracekit
