#include "compiler/analysis.h"

namespace tracekit::compiler {

const MapDecl* Analysis::find_map(const std::string& name) const {
  for (const auto& m : maps)
    if (m.name == name) return &m;
  return nullptr;
}

ProgramDecl* Analysis::find_program(const std::string& name) {
  for (auto& p : programs)
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace tracekit::compiler
