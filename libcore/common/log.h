// The core never prints. It reports through a sink the embedding program sets (the Python
// module routes it to stderr when debug output is on).
#pragma once

#include <functional>
#include <string>

namespace tracekit {

enum class LogLevel { Debug, Info, Warning };

using LogSink = std::function<void(LogLevel, const std::string&)>;

void set_log_sink(LogSink sink);
void log(LogLevel level, const std::string& message);

}  // namespace tracekit
