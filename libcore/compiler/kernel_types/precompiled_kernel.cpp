#include "compiler/kernel_types/precompiled_kernel.h"

#include "common/build_identity.h"
#include "common/hash.h"

namespace tracekit::compiler {

Result<PrecompiledKernel> precompiled_kernel(const CompileRequest& request, const FrontendInput& base,
                                             const std::vector<std::string>& headers) {
  FrontendInput pch = base;
  pch.main_path = "/tk/src/kernel_headers.h";
  pch.main_name = "kernel_headers.h";
  pch.main_text = "/* The kernel headers this program includes, precompiled. */\n#include <tracekit/kernel.h>\n";
  for (const std::string& header : headers) pch.main_text += "#include <" + header + ">\n";
  for (std::string& arg : pch.args)
    if (arg == "c") arg = "c-header";  // the language after -x

  Hasher key;
  key.add_field("precompiled-kernel").add_field(build_identity()).add_field(request.kernel_types_identity);
  key.add_field(pch.main_text);
  for (const std::string& arg : pch.args) key.add_field(arg);
  std::string name = "pch-" + key.hex();

  PrecompiledKernel out;
  out.source_path = pch.main_path;
  out.source = pch.main_text;
  if (auto stored = request.load_artifact(name)) {
    out.data = std::move(*stored);
    return out;
  }
  out.data = TK_TRY(build_precompiled_header(pch));
  out.built = true;
  request.store_artifact(name, out.data);
  return out;
}

}  // namespace tracekit::compiler
