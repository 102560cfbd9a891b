// The metadata that travels with a compiled object (and sits next to it in the cache): the
// tables with their BCC types and layouts, the programs with their kinds and attach targets,
// and the event structs. Schema: docs/metadata.md.
#pragma once

#include <string>

#include "compiler/analysis.h"
#include "compiler/compile_request.h"

namespace tracekit::compiler {

std::string metadata_json(const Analysis& analysis, const CompileRequest& request);

}  // namespace tracekit::compiler
