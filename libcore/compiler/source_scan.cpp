#include "compiler/source_scan.h"

#include <cctype>

namespace tracekit::compiler {
namespace {

struct Token {
  enum Kind { Identifier, Punct, Other } kind;
  std::string_view text;
};

bool is_ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Splits C text into identifiers and single-character punctuation, dropping comments,
// string and character literals and numbers. Include directives are reported separately.
std::vector<Token> tokenize(std::string_view s, std::vector<std::string>* includes) {
  std::vector<Token> out;
  size_t i = 0;
  bool line_start = true;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\n') {
      line_start = true;
      ++i;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
      while (i < s.size() && s[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      size_t end = s.find("*/", i + 2);
      i = end == std::string_view::npos ? s.size() : end + 2;
      continue;
    }
    if (c == '#' && line_start && includes) {
      size_t j = i + 1;
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
      if (s.substr(j, 7) == "include") {
        j += 7;
        while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
        if (j < s.size() && s[j] == '<') {
          size_t end = s.find('>', j);
          if (end != std::string_view::npos) includes->emplace_back(s.substr(j + 1, end - j - 1));
        }
        while (j < s.size() && s[j] != '\n') ++j;
        i = j;
        continue;
      }
    }
    line_start = false;
    if (c == '"' || c == '\'') {
      size_t j = i + 1;
      while (j < s.size() && s[j] != c && s[j] != '\n') j += (s[j] == '\\') ? 2 : 1;
      i = j + 1;
      continue;
    }
    if (is_ident_start(c)) {
      size_t j = i;
      while (j < s.size() && is_ident_char(s[j])) ++j;
      out.push_back({Token::Identifier, s.substr(i, j - i)});
      i = j;
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i < s.size() && (is_ident_char(s[i]) || s[i] == '.')) ++i;
      continue;
    }
    out.push_back({Token::Punct, s.substr(i, 1)});
    ++i;
  }
  return out;
}

bool is_punct(const Token& t, char c) { return t.kind == Token::Punct && t.text[0] == c; }

void record_tracepoint_name(std::string_view ident, SourceScan& scan) {
  constexpr std::string_view prefix = "tracepoint__";
  if (ident.substr(0, prefix.size()) != prefix) return;
  std::string_view rest = ident.substr(prefix.size());
  size_t sep = rest.find("__");
  if (sep == std::string_view::npos || sep == 0 || sep + 2 >= rest.size()) return;
  scan.tracepoints.emplace(std::string(rest.substr(0, sep)), std::string(rest.substr(sep + 2)));
}

void scan_tokens(const std::vector<Token>& toks, SourceScan& scan) {
  for (size_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    if (t.kind != Token::Identifier) continue;
    scan.identifiers.emplace(t.text);
    record_tracepoint_name(t.text, scan);

    // struct/union/enum NAME {  -> the program defines NAME
    if ((t.text == "struct" || t.text == "union" || t.text == "enum") && i + 2 < toks.size() &&
        toks[i + 1].kind == Token::Identifier && is_punct(toks[i + 2], '{'))
      scan.defined_types.emplace(toks[i + 1].text);

    // TRACEPOINT_PROBE(category, event)
    if (t.text == "TRACEPOINT_PROBE" && i + 5 < toks.size() && is_punct(toks[i + 1], '(') &&
        toks[i + 2].kind == Token::Identifier && is_punct(toks[i + 3], ',') &&
        toks[i + 4].kind == Token::Identifier && is_punct(toks[i + 5], ')'))
      scan.tracepoints.emplace(std::string(toks[i + 2].text), std::string(toks[i + 4].text));

    // BPF_ITER(target): the context is struct bpf_iter__<target>, a kernel type.
    if (t.text == "BPF_ITER" && i + 3 < toks.size() && is_punct(toks[i + 1], '(') &&
        toks[i + 2].kind == Token::Identifier && is_punct(toks[i + 3], ')'))
      scan.identifiers.emplace("bpf_iter__" + std::string(toks[i + 2].text));

    // typedef ... NAME;  -> the last identifier before the ';' at brace depth 0, or the name
    // inside (*NAME) of a function-pointer typedef.
    if (t.text == "typedef") {
      int depth = 0;
      std::string_view name;
      for (size_t j = i + 1; j < toks.size(); ++j) {
        if (is_punct(toks[j], '{')) ++depth;
        if (is_punct(toks[j], '}')) --depth;
        if (depth > 0) continue;
        if (is_punct(toks[j], ';')) break;
        if (is_punct(toks[j], '*') && j + 1 < toks.size() && toks[j + 1].kind == Token::Identifier &&
            j > 0 && is_punct(toks[j - 1], '(')) {
          name = toks[j + 1].text;
          break;
        }
        if (toks[j].kind == Token::Identifier && j + 1 < toks.size() &&
            (is_punct(toks[j + 1], ';') || is_punct(toks[j + 1], '[')))
          name = toks[j].text;
      }
      if (!name.empty()) scan.defined_types.emplace(name);
    }
  }
}

}  // namespace

SourceScan scan_source(std::string_view text) {
  SourceScan scan;
  scan_tokens(tokenize(text, &scan.angle_includes), scan);
  return scan;
}

void scan_more(std::string_view text, SourceScan& scan) {
  SourceScan extra;
  scan_tokens(tokenize(text, nullptr), extra);
  scan.identifiers.insert(extra.identifiers.begin(), extra.identifiers.end());
}

}  // namespace tracekit::compiler
