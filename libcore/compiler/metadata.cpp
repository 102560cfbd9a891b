#include "compiler/metadata.h"

#include "compiler/frontend/table_kinds.h"

namespace tracekit::compiler {

std::string metadata_json(const Analysis& analysis, const CompileRequest& request) {
  using nlohmann::json;
  json maps = json::array();
  for (const MapDecl& m : analysis.maps) {
    const TableKind* kind = find_table_kind(m.bcc_type);
    maps.push_back({{"name", m.name},
                    {"type", m.bcc_type},
                    {"map_type", kind ? kind->map_type : 0},
                    {"key", m.key},
                    {"leaf", m.leaf},
                    {"max_entries", m.max_entries},
                    {"flags", m.flags}});
    if (!m.pin_path.empty()) maps.back()["pinned"] = m.pin_path;
    if (!m.share.empty()) maps.back()["share"] = m.share;
    if (!m.inner_map.empty()) maps.back()["inner_map"] = m.inner_map;
  }
  json programs = json::array();
  for (const ProgramDecl& p : analysis.programs) {
    json entry = {{"name", p.name}, {"kind", p.kind},   {"target", p.target},
                  {"ctx", p.ctx_type}, {"section", p.section}};
    if (!p.enter_variant.empty()) entry["sys_enter_variant"] = p.enter_variant;
    if (!p.exit_variant.empty()) entry["sys_exit_variant"] = p.exit_variant;
    programs.push_back(std::move(entry));
  }
  json events = json::object();
  for (const auto& [map, layout] : analysis.events) events[map] = layout;
  json out = {{"version", 1},
              {"header_mode", request.header_mode == HeaderMode::Btf ? "btf" : "headers"},
              {"maps", std::move(maps)},
              {"programs", std::move(programs)},
              {"events", std::move(events)}};
  return out.dump();
}

}  // namespace tracekit::compiler
