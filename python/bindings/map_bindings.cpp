// Map element operations on Python buffers (ctypes instances support the buffer protocol), so
// keys and values are read and written in place, without copies.
#include <pybind11/pybind11.h>

#include <unistd.h>

#include "errors.h"
#include "runtime/maps/batch.h"
#include "runtime/sys/bpf_ops.h"

namespace py = pybind11;

namespace tracekit::python {
namespace {

void* writable(py::buffer& b, size_t need, const char* what) {
  py::buffer_info info = b.request(true);
  if (size_t(info.size * info.itemsize) < need)
    throw py::value_error(std::string(what) + " buffer is smaller than the map's " + what + " size");
  return info.ptr;
}

const void* readable(py::buffer& b, size_t need, const char* what) {
  py::buffer_info info = b.request();
  if (size_t(info.size * info.itemsize) < need)
    throw py::value_error(std::string(what) + " buffer is smaller than the map's " + what + " size");
  return info.ptr;
}

}  // namespace

void register_maps(py::module_& m) {
  m.def("map_lookup", [](int fd, py::buffer key, size_t key_size, py::buffer value, size_t value_size) {
    Status st = sys::map_lookup(fd, readable(key, key_size, "key"), writable(value, value_size, "value"));
    if (!st.ok() && st.error().kind == ErrorKind::NotFound) return false;
    check(std::move(st));
    return true;
  });
  m.def("map_update", [](int fd, py::buffer key, size_t key_size, py::buffer value, size_t value_size, uint64_t flags) {
    check(sys::map_update(fd, readable(key, key_size, "key"), readable(value, value_size, "value"), flags));
  });
  m.def("map_delete", [](int fd, py::buffer key, size_t key_size) {
    Status st = sys::map_delete(fd, readable(key, key_size, "key"));
    if (!st.ok() && st.error().kind == ErrorKind::NotFound) return false;
    check(std::move(st));
    return true;
  });
  // next key after `key` (None: the first key); returns False at the end.
  m.def("map_next_key", [](int fd, py::object key, size_t key_size, py::buffer next) {
    const void* k = nullptr;
    py::buffer kb;
    if (!key.is_none()) {
      kb = key.cast<py::buffer>();
      k = readable(kb, key_size, "key");
    }
    return unwrap(sys::map_next_key(fd, k, writable(next, key_size, "key")));
  });
  // Queue/stack pop (key None) and hash lookup-and-delete; False when empty / not found.
  m.def("map_lookup_and_delete", [](int fd, py::object key, size_t key_size, py::buffer value, size_t value_size) {
    const void* k = nullptr;
    py::buffer kb;
    if (!key.is_none()) {
      kb = key.cast<py::buffer>();
      k = readable(kb, key_size, "key");
    }
    Status st = sys::map_lookup_and_delete(fd, k, writable(value, value_size, "value"));
    if (!st.ok() && st.error().kind == ErrorKind::NotFound) return false;
    check(std::move(st));
    return true;
  });
  // Peek/push on queues and stacks: element commands without a key.
  m.def("map_lookup_nokey", [](int fd, py::buffer value, size_t value_size) {
    Status st = sys::map_lookup(fd, nullptr, writable(value, value_size, "value"));
    if (!st.ok() && st.error().kind == ErrorKind::NotFound) return false;
    check(std::move(st));
    return true;
  });
  m.def("map_push", [](int fd, py::buffer value, size_t value_size, uint64_t flags) {
    check(sys::map_update(fd, nullptr, readable(value, value_size, "value"), flags));
  });

  // Whole-map operations (runtime/maps/batch.h): batch syscalls, element fallback in C++.
  // read_all returns (keys bytearray, values bytearray, count, used_batch).
  m.def(
      "map_read_all",
      [](int fd, unsigned key_size, unsigned value_size, unsigned max_entries, bool and_delete) {
        maps::MapLayout layout{key_size, value_size, max_entries};
        Result<maps::Entries> entries = [&] {
          py::gil_scoped_release release;
          return maps::read_all(fd, layout, and_delete);
        }();
        maps::Entries e = unwrap(std::move(entries));
        auto to_bytearray = [](const std::string& s) {
          PyObject* o = PyByteArray_FromStringAndSize(s.data(), Py_ssize_t(s.size()));
          if (!o) throw py::error_already_set();
          return py::reinterpret_steal<py::object>(o);
        };
        return py::make_tuple(to_bytearray(e.keys), to_bytearray(e.values), e.count, e.used_batch);
      },
      py::arg("fd"), py::arg("key_size"), py::arg("value_size"), py::arg("max_entries"), py::arg("and_delete") = false);
  m.def("map_delete_keys", [](int fd, py::buffer keys, unsigned key_size, uint32_t count) {
    const void* k = readable(keys, size_t(key_size) * count, "keys");
    Status st = [&] {
      py::gil_scoped_release release;
      return maps::delete_keys(fd, {key_size, 0, 0}, k, count);
    }();
    check(std::move(st));
  });
  m.def("map_delete_all", [](int fd, unsigned key_size, unsigned value_size, unsigned max_entries) {
    Status st = [&] {
      py::gil_scoped_release release;
      return maps::delete_all(fd, {key_size, value_size, max_entries});
    }();
    check(std::move(st));
  });
  m.def("map_update_entries", [](int fd, py::buffer keys, unsigned key_size, py::buffer values, unsigned value_size,
                                 uint32_t count, uint64_t flags) {
    const void* k = readable(keys, size_t(key_size) * count, "keys");
    const void* v = readable(values, size_t(value_size) * count, "values");
    Status st = [&] {
      py::gil_scoped_release release;
      return maps::update_entries(fd, {key_size, value_size, 0}, k, v, count, flags);
    }();
    check(std::move(st));
  });

  // Maps made from Python; the fd is the caller's to close (tracekit.table.create_map owns it).
  m.def(
      "map_create",
      [](unsigned type, const std::string& name, unsigned key_size, unsigned value_size, unsigned max_entries,
         unsigned flags, int inner_map_fd) {
        sys::MapCreateSpec spec{type, name, key_size, value_size, max_entries, flags, inner_map_fd};
        return unwrap(sys::map_create(spec)).release();
      },
      py::arg("type"), py::arg("name"), py::arg("key_size"), py::arg("value_size"), py::arg("max_entries"),
      py::arg("flags") = 0, py::arg("inner_map_fd") = -1);
  m.def("map_info", [](int fd) {
    sys::MapInfo i = unwrap(sys::map_info(fd));
    py::dict d;
    d["type"] = i.type;
    d["id"] = i.id;
    d["key_size"] = i.key_size;
    d["value_size"] = i.value_size;
    d["max_entries"] = i.max_entries;
    d["flags"] = i.flags;
    d["name"] = i.name;
    return d;
  });
  m.def("map_fd_by_id", [](unsigned id) { return unwrap(sys::map_fd_by_id(id)).release(); });
  m.def("obj_get", [](const std::string& path) { return unwrap(sys::obj_get(path)).release(); });
  m.def("close_fd", [](int fd) { ::close(fd); });
}

}  // namespace tracekit::python
