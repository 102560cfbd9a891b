// JSON to Python objects with nlohmann, so that importing tracekit does not pull in Python's
// json module (and the re and enum modules behind it): ~10 ms of every start.
#include <pybind11/pybind11.h>

#include <nlohmann/json.hpp>

namespace py = pybind11;

namespace tracekit::python {
namespace {

py::object to_python(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null: return py::none();
    case nlohmann::json::value_t::boolean: return py::bool_(j.get<bool>());
    case nlohmann::json::value_t::number_integer: return py::int_(j.get<int64_t>());
    case nlohmann::json::value_t::number_unsigned: return py::int_(j.get<uint64_t>());
    case nlohmann::json::value_t::number_float: return py::float_(j.get<double>());
    case nlohmann::json::value_t::string: return py::str(j.get_ref<const std::string&>());
    case nlohmann::json::value_t::array: {
      py::list out;
      for (const auto& item : j) out.append(to_python(item));
      return out;
    }
    case nlohmann::json::value_t::object: {
      py::dict out;
      for (const auto& [key, value] : j.items()) out[py::str(key)] = to_python(value);
      return out;
    }
    default: return py::none();
  }
}

}  // namespace

void register_json(py::module_& m) {
  m.def("json_loads", [](const std::string& text) { return to_python(nlohmann::json::parse(text)); });
}

}  // namespace tracekit::python
