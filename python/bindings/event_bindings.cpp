// Perf and ring buffers for Python. wait() blocks without the GIL; dispatch() then calls the
// user's callback for each record while the record is still in the ring (the address handed
// to the callback is valid during the call, as BCC's callbacks expect); read_batch() packs the
// records into one bytearray for the batch API, one Python object per batch.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <new>
#include <optional>
#include <utility>
#include <vector>

#include "errors.h"
#include "runtime/events/perf_buffer.h"
#include "runtime/events/perf_counter.h"
#include "runtime/events/ring_buffer.h"

namespace py = pybind11;

namespace tracekit::python {
namespace {

// Calls fn(cpu, data, size) (perf buffers) or fn(ctx, data, size) (ring buffers). A Python
// exception stops the drain and is re-raised once the drain is over; so does a negative int
// returned by a ring buffer callback, which libbpf treats as "stop" (BCC semantics).
class CallbackSink : public events::RecordSink {
 public:
  CallbackSink(py::handle fn, py::handle ctx, bool ring) : fn_(fn), ctx_(ctx), ring_(ring) {}

  bool on_record(int cpu, const void* data, uint32_t size) override {
    PyObject* first = ring_ ? ctx_.inc_ref().ptr() : PyLong_FromLong(cpu);
    PyObject* args[3] = {first, PyLong_FromVoidPtr(const_cast<void*>(data)), PyLong_FromUnsignedLong(size)};
    PyObject* result = PyObject_Vectorcall(fn_.ptr(), args, 3, nullptr);
    for (PyObject* a : args) Py_XDECREF(a);
    if (!result) {
      error_.emplace();  // fetches the pending exception
      return false;
    }
    bool keep_going = true;
    if (ring_ && PyLong_Check(result)) {
      long rc = PyLong_AsLong(result);
      if (rc < 0 && !PyErr_Occurred()) keep_going = false;
      PyErr_Clear();
    }
    Py_DECREF(result);
    return keep_going;
  }

  void on_lost(int cpu, uint64_t count) override {
    lost += count;
    lost_by_cpu.emplace_back(cpu, count);
  }

  void rethrow() {
    if (error_) {
      error_->restore();
      throw py::error_already_set();
    }
  }

  std::vector<std::pair<int, uint64_t>> lost_by_cpu;

 private:
  py::handle fn_;
  py::handle ctx_;
  bool ring_;
  std::optional<py::error_already_set> error_;
};

bool wait(events::EventSource& source, int timeout_ms) {
  Result<bool> ready = [&] {
    py::gil_scoped_release release;
    return source.wait(timeout_ms);
  }();
  // Ctrl-C interrupts the wait; let Python raise KeyboardInterrupt now.
  if (PyErr_CheckSignals() != 0) throw py::error_already_set();
  return unwrap(std::move(ready));
}

py::tuple dispatch(events::EventSource& source, py::function fn, py::object ctx, bool ring) {
  CallbackSink sink(fn, ctx, ring);
  size_t n = unwrap(source.drain(sink));
  sink.rethrow();
  return py::make_tuple(n, sink.lost_by_cpu);
}

// A bytearray the batch is written into directly, sized to the batch once it is complete.
class ByteArrayStorage : public events::BatchStorage {
 public:
  // Runs inside a drain (possibly under a libbpf callback): no exceptions; a failed
  // allocation stops the batch and finish() raises MemoryError.
  char* grow(size_t size) override {
    if (!array_) {
      array_ = PyByteArray_FromStringAndSize(nullptr, Py_ssize_t(size));
    } else if (PyByteArray_Resize(array_, Py_ssize_t(size)) != 0) {
      Py_CLEAR(array_);
    }
    if (!array_) {
      PyErr_Clear();
      failed_ = true;
      return nullptr;
    }
    return PyByteArray_AS_STRING(array_);
  }
  py::object finish(size_t size) {
    if (failed_) throw std::bad_alloc();
    if (!array_) return py::reinterpret_steal<py::object>(PyByteArray_FromStringAndSize(nullptr, 0));
    if (PyByteArray_Resize(array_, Py_ssize_t(size)) != 0) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(std::exchange(array_, nullptr));
  }
  ~ByteArrayStorage() override { Py_XDECREF(array_); }

 private:
  PyObject* array_ = nullptr;
  bool failed_ = false;
};

// Returns (bytearray of count * stride bytes, count, lost).
py::tuple read_batch(events::EventSource& source, events::StrideBatch& batch) {
  ByteArrayStorage storage;
  batch.begin(&storage);
  unwrap(source.drain(batch));
  return py::make_tuple(storage.finish(batch.size()), batch.count(), batch.lost);
}

// A buffer with the StrideBatch it reuses between batches (its storage keeps its capacity).
template <class Buffer>
struct Reader {
  std::unique_ptr<Buffer> buffer;
  std::unique_ptr<events::StrideBatch> batch;
  events::StrideBatch& batch_for(uint32_t stride, uint32_t max_records) {
    if (!batch || batch->stride() != stride) batch = std::make_unique<events::StrideBatch>(stride, max_records);
    return *batch;
  }
};

template <class Buffer>
void bind_reader(py::class_<Reader<Buffer>>& cls, bool ring) {
  cls.def_property_readonly("epoll_fd", [](Reader<Buffer>& r) { return r.buffer->epoll_fd(); })
      .def("wait", [](Reader<Buffer>& r, int timeout_ms) { return wait(*r.buffer, timeout_ms); },
           "Waits up to timeout_ms (-1: forever) without the GIL; True if records may be there.")
      .def(
          "dispatch",
          [ring](Reader<Buffer>& r, py::function fn, py::object ctx) { return dispatch(*r.buffer, fn, ctx, ring); },
          py::arg("fn"), py::arg("ctx") = py::none(),
          "Calls fn for each available record; returns (records, [(cpu, lost)]).")
      .def(
          "read_batch",
          [](Reader<Buffer>& r, uint32_t stride, uint32_t max_records) {
            return read_batch(*r.buffer, r.batch_for(stride, max_records));
          },
          py::arg("stride"), py::arg("max_records") = 0,
          "Packs the available records at `stride` bytes each; returns (bytearray, count, lost).");
}

}  // namespace

void register_events(py::module_& m) {
  using PerfReader = Reader<events::PerfBuffer>;
  using RingReader = Reader<events::RingBuffer>;

  py::class_<PerfReader> perf(m, "PerfBuffer");
  perf.def(py::init([](int map_fd, size_t page_cnt, unsigned wakeup_events, bool watermark) {
             events::PerfBufferOptions options{page_cnt, wakeup_events, watermark};
             return PerfReader{unwrap(events::PerfBuffer::open(map_fd, options)), nullptr};
           }),
           py::arg("map_fd"), py::arg("page_cnt") = 8, py::arg("wakeup_events") = 1, py::arg("watermark") = false);
  bind_reader(perf, false);

  py::class_<RingReader> ring(m, "RingBuffer");
  ring.def(py::init([](int map_fd) { return RingReader{unwrap(events::RingBuffer::open(map_fd)), nullptr}; }),
           py::arg("map_fd"));
  bind_reader(ring, true);

  // The fd is the caller's (PerfEventArray.close_perf_event closes it).
  m.def("perf_counter_open", [](uint32_t type, uint64_t config, int pid, int cpu) {
    return unwrap(events::open_counter(type, config, pid, cpu)).release();
  });
}

}  // namespace tracekit::python
