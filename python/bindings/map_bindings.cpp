// Map element operations on Python buffers (ctypes instances support the buffer protocol), so
// keys and values are read and written in place, without copies.
#include <pybind11/pybind11.h>

#include "errors.h"
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
}

}  // namespace tracekit::python
