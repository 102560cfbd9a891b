#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "runtime/attach/link.h"

namespace tracekit::attach {

// Attaches a loaded tracepoint program to category:event.
Result<std::unique_ptr<Link>> attach_tracepoint_fd(int prog_fd, const std::string& category,
                                                   const std::string& event);

}  // namespace tracekit::attach
