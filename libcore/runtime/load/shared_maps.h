// Tables that outlive or cross one BPF object:
//   - BPF_TABLE_PINNED(..., "/sys/fs/bpf/path"): the map pinned at the path is reused if there
//     is one (whatever its shape, as in BCC), else the new map is pinned there. Pins are the
//     program's deliberate choice and stay after it exits.
//   - BPF_TABLE_PUBLIC / BPF_TABLE_SHARED: once the object is loaded, its table is exported by
//     name to later objects of this process, which import it with BPF_TABLE("extern", ...).
//     (BCC's two spellings differ only for its C++ API's namespaces; here both are process-wide.)
//     The export ends with the exporting object; importers keep their own reference.
// The metadata keys are "pinned" and "share" (docs/metadata.md).
#pragma once

#include <string>

#include "common/result.h"

struct bpf_object;

namespace tracekit::load::shared_maps {

// Before the object loads: extern tables take the exporter's map; pinned ones the pinned map,
// or a path libbpf pins the new map at.
Status configure(struct bpf_object* object, const std::string& metadata_json);
// After it loaded: its public and shared tables become importable.
Status publish(struct bpf_object* object, const std::string& metadata_json, const void* owner);
// The owner is gone: its tables are no longer exported.
void withdraw(const void* owner);

}  // namespace tracekit::load::shared_maps
