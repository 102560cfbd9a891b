#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "errors.h"
#include "runtime/events/perf_buffer.h"

namespace py = pybind11;

namespace tracekit::python {

void register_events(py::module_& m) {
  py::class_<events::PerfBuffer>(m, "PerfBuffer")
      .def(py::init([](int map_fd, size_t page_cnt, int wakeup_events) {
             return unwrap(events::PerfBuffer::open(map_fd, page_cnt, wakeup_events));
           }),
           py::arg("map_fd"), py::arg("page_cnt") = 8, py::arg("wakeup_events") = 1)
      // Waits (without the GIL) and returns the number of records read.
      .def("poll",
           [](events::PerfBuffer& b, int timeout_ms) {
             auto result = [&] {
               py::gil_scoped_release release;
               return b.poll(timeout_ms);
             }();
             return unwrap(std::move(result));
           })
      .def("consume", [](events::PerfBuffer& b) { return unwrap(b.consume()); })
      .def_property_readonly("epoll_fd", &events::PerfBuffer::epoll_fd)
      // Calls fn(cpu, address, size) for each record of the batch (the address stays valid
      // during the call, as BCC's callbacks expect), then empties the batch. Returns the lost
      // counts [(cpu, count)].
      .def("dispatch", [](events::PerfBuffer& b, py::function fn) {
        events::RecordBatch& batch = b.batch();
        py::list lost;
        for (const auto& [cpu, count] : batch.lost) lost.append(py::make_tuple(cpu, count));
        const char* base = batch.bytes.data();
        try {
          for (const auto& r : batch.records)
            fn(r.cpu, reinterpret_cast<uintptr_t>(base + r.offset), r.size);
        } catch (...) {
          batch.clear();
          throw;
        }
        batch.clear();
        return lost;
      });
}

}  // namespace tracekit::python
