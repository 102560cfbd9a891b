#include "compiler/tracepoint_structs.h"

#include <cctype>
#include <sstream>
#include <vector>

#include "common/files.h"

namespace tracekit::compiler {
namespace {

bool parse_number_after(const std::string& line, const std::string& key, unsigned& out) {
  size_t p = line.find(key);
  if (p == std::string::npos) return false;
  out = unsigned(std::stoul(line.substr(p + key.size())));
  return true;
}

}  // namespace

std::vector<TracepointField> parse_format_fields(const std::string& format) {
  std::vector<TracepointField> fields;
  std::istringstream in(format);
  std::string line;
  while (std::getline(in, line)) {
    size_t p = line.find("field:");
    if (p == std::string::npos) continue;
    size_t semi = line.find(';', p);
    if (semi == std::string::npos) continue;
    TracepointField f;
    f.decl = line.substr(p + 6, semi - p - 6);
    unsigned is_signed = 0;
    if (!parse_number_after(line, "offset:", f.offset) || !parse_number_after(line, "size:", f.size))
      continue;
    parse_number_after(line, "signed:", is_signed);
    f.is_signed = is_signed != 0;
    fields.push_back(std::move(f));
  }
  return fields;
}

namespace {

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

std::string int_type(unsigned size, bool is_signed) {
  switch (size) {
    case 1: return is_signed ? "s8" : "u8";
    case 2: return is_signed ? "s16" : "u16";
    case 4: return is_signed ? "s32" : "u32";
    default: return is_signed ? "s64" : "u64";
  }
}

// Splits "TYPE NAME" or "TYPE NAME[N]" into its parts.
void split_decl(const std::string& decl, std::string& type, std::string& name, std::string& dims) {
  std::string d = trim(decl);
  size_t bracket = d.find('[');
  std::string head = bracket == std::string::npos ? d : d.substr(0, bracket);
  dims = bracket == std::string::npos ? "" : d.substr(bracket);
  head = trim(head);
  size_t i = head.size();
  while (i > 0 && (std::isalnum(static_cast<unsigned char>(head[i - 1])) || head[i - 1] == '_')) --i;
  name = head.substr(i);
  type = trim(head.substr(0, i));
}

bool only_c_keywords(const std::string& type) {
  static const char* allowed[] = {"const", "volatile", "char", "short", "int", "long", "unsigned",
                                  "signed", "void", "struct", "union", "enum", "_Bool", "bool",
                                  "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64"};
  std::string word;
  bool after_tag = false;
  auto check = [&](const std::string& w) {
    if (w.empty()) return true;
    if (after_tag) {  // struct/union/enum NAME: any tag name is fine
      after_tag = false;
      return true;
    }
    for (const char* a : allowed)
      if (w == a) {
        after_tag = (w == "struct" || w == "union" || w == "enum");
        return true;
      }
    return false;
  };
  for (char c : type) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      word += c;
    } else {
      if (!check(word)) return false;
      word.clear();
    }
  }
  return check(word);
}

}  // namespace

TracepointFormatReader tracefs_format_reader(const std::string& tracefs_dir) {
  return [tracefs_dir](const std::string& category, const std::string& event) -> Result<std::string> {
    std::string path = tracefs_dir + "/events/" + category + "/" + event + "/format";
    auto text = read_special_file(path);
    if (!text.ok() && text.error().kind == ErrorKind::NotFound)
      return Error::not_found("tracepoint '" + category + ":" + event + "' does not exist (no " +
                              path + ")");
    return text;
  };
}

Result<std::string> tracepoint_struct_from_format(const std::string& category,
                                                  const std::string& event,
                                                  const std::string& format) {
  return tracepoint_struct(category, event, parse_format_fields(format));
}

Result<std::string> tracepoint_struct(const std::string& category, const std::string& event,
                                      const std::vector<TracepointField>& fields) {
  if (fields.empty())
    return Error::invalid("tracepoint '" + category + ":" + event + "': format has no fields");
  std::ostringstream out;
  out << "struct tracepoint__" << category << "__" << event << " {\n";
  unsigned at = 0;
  unsigned pad = 0;
  bool common_done = false;
  for (const auto& f : fields) {
    std::string type, name, dims;
    if (trim(f.decl).rfind("__data_loc", 0) == 0) {
      // "__data_loc char[] name": the array brackets belong to the type, not the name.
      std::string d = trim(f.decl);
      size_t i = d.size();
      while (i > 0 && (std::isalnum(static_cast<unsigned char>(d[i - 1])) || d[i - 1] == '_')) --i;
      name = d.substr(i);
      type = "__data_loc";
    } else {
      split_decl(f.decl, type, name, dims);
    }
    if (name.rfind("common_", 0) == 0) continue;
    if (!common_done) {
      // BCC names the common header __do_not_use__; keep that for programs that skip it.
      if (f.offset >= 8) {
        out << "  u64 __do_not_use__;\n";
        at = 8;
      }
      common_done = true;
    }
    if (f.offset > at) out << "  char __pad_" << pad++ << "[" << (f.offset - at) << "];\n";
    std::string line;
    unsigned align = 1;
    if (type.rfind("__data_loc", 0) == 0) {
      line = "int data_loc_" + name;  // (length << 16) | offset of the data within the record
      align = 4;
    } else if (!dims.empty()) {
      unsigned count = 0;
      if (dims.size() > 2) count = unsigned(std::stoul(dims.substr(1)));
      unsigned elem = count ? f.size / count : f.size;
      bool is_char = type.find("char") != std::string::npos && elem == 1;
      if (is_char) {
        line = (type.find("unsigned") != std::string::npos ? "unsigned char " : "char ") + name + dims;
      } else if (count) {
        line = int_type(elem, f.is_signed) + " " + name + dims;
      } else {
        line = "u8 " + name + "[" + std::to_string(f.size) + "]";
      }
      align = elem ? elem : 1;
    } else if (type.find('*') != std::string::npos) {
      line = (only_c_keywords(type) ? type + " " : std::string("void *")) + name;
      align = 8;
    } else {
      line = int_type(f.size, f.is_signed) + " " + name;
      align = f.size ? f.size : 1;
    }
    // Natural alignment would move the field: pack it to the offset the format states.
    bool misaligned = align > 1 && (f.offset % align) != 0;
    out << "  " << line << (misaligned ? " __attribute__((packed))" : "") << ";\n";
    at = f.offset + f.size;
  }
  out << "};\n";
  return out.str();
}

}  // namespace tracekit::compiler
