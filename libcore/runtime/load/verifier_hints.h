// Turns the last lines of a verifier log into advice a BCC user can act on.
#pragma once

#include <string>

namespace tracekit::load {

// "" when no known pattern matches.
std::string verifier_hint(const std::string& log);

}  // namespace tracekit::load
