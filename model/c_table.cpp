#include "model/c_table.hpp"

#include <cctype>
#include <optional>

#include "checker/input/errors.hpp"

namespace migcheck {
namespace {

struct Token {
  enum Kind { ident, number, punct, end } kind = end;
  std::string text;
  int line = 0, col = 0;
};

// C tokens with positions; comments, strings and preprocessor lines are skipped.
std::vector<Token> tokenize(const std::string& file, const std::string& s) {
  std::vector<Token> out;
  int line = 1, col = 1;
  size_t i = 0;
  auto advance = [&](size_t k) {
    for (size_t j = 0; j < k && i < s.size(); ++j, ++i) {
      if (s[i] == '\n') ++line, col = 1;
      else ++col;
    }
  };
  bool line_start = true;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\n') {
      advance(1);
      line_start = true;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      advance(1);
      continue;
    }
    if (line_start && c == '#') {  // a preprocessor line, with its continuations
      while (i < s.size() && !(s[i] == '\n' && s[i - 1] != '\\')) advance(1);
      continue;
    }
    line_start = false;
    if (s.compare(i, 2, "//") == 0) {
      while (i < s.size() && s[i] != '\n') advance(1);
      continue;
    }
    if (s.compare(i, 2, "/*") == 0) {
      int l = line, cl = col;
      size_t close = s.find("*/", i + 2);
      if (close == std::string::npos)
        throw InputError({{file, std::to_string(l) + ":" + std::to_string(cl), "unterminated comment"}});
      advance(close + 2 - i);
      continue;
    }
    Token t;
    t.line = line, t.col = col;
    if (c == '"' || c == '\'') {
      size_t j = i + 1;
      while (j < s.size() && s[j] != c) j += s[j] == '\\' ? 2 : 1;
      advance(j + 1 - i);
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t j = i;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
      t.kind = Token::ident, t.text = s.substr(i, j - i);
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      size_t j = i;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])))) ++j;
      t.kind = Token::number, t.text = s.substr(i, j - i);
    } else {
      t.kind = Token::punct, t.text = std::string(1, c);
    }
    advance(t.text.size());
    out.push_back(t);
  }
  Token e;
  e.line = line, e.col = col;
  out.push_back(e);
  return out;
}

class Parser {
 public:
  Parser(std::string file, std::vector<Token> toks, const Proposal& p) : file_(std::move(file)), t_(std::move(toks)), p_(p) {}

  NextStepTable parse() {
    const int n = static_cast<int>(p_.states.size());
    NextStepTable out;
    out.n = n;
    out.next.assign(static_cast<size_t>(n * n), state_with_value(0));
    out.required.assign(static_cast<size_t>(n), 0);
    pos_ = find(p_.c_form.table, 2);
    std::vector<bool> rows(static_cast<size_t>(n), false);
    designated_list(rows, "row", [&](int row) {
      std::vector<bool> cols(static_cast<size_t>(n), false);
      designated_list(cols, "entry", [&](int col) { out.next[static_cast<size_t>(row * n + col)] = state_value(); });
    });
    pos_ = find(p_.c_form.flags_table, 1);
    std::vector<bool> states(static_cast<size_t>(n), false);
    designated_list(states, "entry", [&](int st) { out.required[static_cast<size_t>(st)] = static_cast<uint32_t>(flags_expr()); });
    return out;
  }

 private:
  std::string file_;
  std::vector<Token> t_;
  const Proposal& p_;
  size_t pos_ = 0;

  [[noreturn]] void error(const Token& at, const std::string& msg) const {
    throw InputError({{file_, std::to_string(at.line) + ":" + std::to_string(at.col), msg}});
  }
  const Token& peek() const { return t_[pos_]; }
  bool accept(const char* punct) {
    if (peek().kind == Token::punct && peek().text == punct) {
      ++pos_;
      return true;
    }
    return false;
  }
  void expect(const char* punct) {
    if (!accept(punct))
      error(peek(), std::string("expected '") + punct + "', found " + (peek().kind == Token::end ? "end of file" : "'" + peek().text + "'"));
  }

  // NAME [..] ([..]) = : the declaration of an array with `dims` dimensions.
  size_t find(const std::string& name, int dims) {
    for (size_t i = 0; i < t_.size(); ++i) {
      if (t_[i].kind != Token::ident || t_[i].text != name) continue;
      size_t j = i + 1;
      int seen = 0;
      while (j < t_.size() && t_[j].text == "[") {
        int depth = 0;
        do {
          depth += t_[j].text == "[" ? 1 : t_[j].text == "]" ? -1 : 0;
          ++j;
        } while (j < t_.size() && depth > 0);
        ++seen;
      }
      if (seen == dims && j < t_.size() && t_[j].text == "=") return j + 1;
    }
    error(t_.back(), "no definition of the " + std::to_string(dims) + "-dimensional array '" + name + "' (" +
                         (dims == 2 ? "the next-step table" : "the required-flags table") + ")");
  }

  int state_with_value(uint64_t v) const {
    for (size_t s = 0; s < p_.states.size(); ++s)
      if (p_.states[s].value == v) return static_cast<int>(s);
    return -1;
  }

  int state_name(const Token& tok) const {
    const std::string& pre = p_.c_form.state_prefix;
    if (tok.kind == Token::ident && tok.text.compare(0, pre.size(), pre) == 0) {
      int s = p_.state_index(tok.text.substr(pre.size()));
      if (s >= 0) return s;
    }
    return -1;
  }

  std::string state_names() const {
    std::string out;
    for (const auto& s : p_.states) out += (out.empty() ? "" : ", ") + p_.c_form.state_prefix + s.name;
    return out;
  }

  // { [STATE] = value, ... } with an optional trailing comma; `each` parses a value.
  template <class Each>
  void designated_list(std::vector<bool>& seen, const char* what, Each each) {
    expect("{");
    while (!accept("}")) {
      int s = designator(seen, what);
      expect("=");
      each(s);
      if (!accept(",")) {
        expect("}");
        break;
      }
    }
  }

  int designator(std::vector<bool>& seen, const char* what) {
    expect("[");
    const Token& tok = peek();
    int s = state_value();
    if (seen[static_cast<size_t>(s)]) error(tok, std::string("duplicate ") + what + " for " + p_.states[s].name);
    seen[static_cast<size_t>(s)] = true;
    expect("]");
    return s;
  }

  uint64_t number(const Token& tok) const {
    std::string digits = tok.text;
    while (!digits.empty() && (digits.back() == 'u' || digits.back() == 'U' || digits.back() == 'l' || digits.back() == 'L'))
      digits.pop_back();
    try {
      size_t used = 0;
      uint64_t v = std::stoull(digits, &used, 0);
      if (used == digits.size()) return v;
    } catch (const std::exception&) {
    }
    error(tok, "'" + tok.text + "' is not an integer constant");
  }

  int state_value() {
    const Token& tok = peek();
    ++pos_;
    if (tok.kind == Token::number) {
      int s = state_with_value(number(tok));
      if (s < 0) error(tok, "no state has the value " + tok.text);
      return s;
    }
    int s = state_name(tok);
    if (s < 0) error(tok, "expected a state (" + state_names() + "), found '" + tok.text + "'");
    return s;
  }

  // Flag expressions nest through '(' and '~'; the depth is bounded so that
  // the recursion is (kernel tables nest one level at most).
  static constexpr int kMaxNesting = 64;
  int nesting_ = 0;
  struct Nested {
    int& n;
    Nested(Parser& p, const Token& tok) : n(p.nesting_) {
      if (++n > kMaxNesting) p.error(tok, "expression nested deeper than " + std::to_string(kMaxNesting) + " levels");
    }
    ~Nested() { --n; }
  };

  uint64_t flag_term() {
    const Token& tok = peek();
    Nested guard(*this, tok);
    if (accept("(")) {
      uint64_t v = flags_expr();
      expect(")");
      return v;
    }
    if (accept("~")) return static_cast<uint32_t>(~flag_term());
    ++pos_;
    if (tok.kind == Token::number) return number(tok);
    if (tok.kind == Token::ident) {
      if (tok.text == p_.c_form.mandatory_name) return p_.c_form.mandatory_value;
      for (size_t i = 0; i < p_.features.size(); ++i)
        if (tok.text == p_.c_form.feature_names[i]) return p_.features[i].value;
    }
    std::string names = p_.c_form.mandatory_name;
    for (const auto& n : p_.c_form.feature_names) names += ", " + n;
    error(tok, "expected a capability flag (" + names + "), an integer or '~', found '" + tok.text + "'");
  }

  uint64_t flags_expr() {
    uint64_t v = flag_term();
    while (accept("|")) v |= flag_term();
    return v;
  }
};

std::string flag_names(const Proposal& p, uint32_t bits) {
  if (bits == 0xffffffffu) return "~0U";
  std::string out;
  if (bits & p.c_form.mandatory_value) out = p.c_form.mandatory_name, bits &= ~p.c_form.mandatory_value;
  for (size_t i = 0; i < p.features.size(); ++i)
    if (bits & p.features[i].value) out += (out.empty() ? "" : " |\n\t\t\t") + p.c_form.feature_names[i], bits &= ~p.features[i].value;
  if (bits) out += (out.empty() ? "" : " | ") + std::to_string(bits) + "U";
  return out.empty() ? "0" : out;
}

}  // namespace

NextStepTable parse_c_tables(const std::string& file, const std::string& text, const Proposal& p) {
  if (!p.c_form.present)
    throw InputError({{p.file, "/c_form", "the proposal has no \"c_form\" section: it does not say how its tables are spelled in C"}});
  return Parser(file, tokenize(file, text), p).parse();
}

void write_c_tables(std::ostream& out, const Proposal& p, const NextStepTable& t, const std::string& header) {
  const std::string& pre = p.c_form.state_prefix;
  out << header;
  out << "static const u8 " << p.c_form.table << "[" << pre << "NR][" << pre << "NR] = {\n";
  for (int cur = 0; cur < t.n; ++cur) {
    out << "\t[" << pre << p.states[cur].name << "] = {\n";
    for (int target = 0; target < t.n; ++target)
      out << "\t\t[" << pre << p.states[target].name << "] = " << pre << p.states[t.at(cur, target)].name << ",\n";
    out << "\t},\n";
  }
  out << "};\n\n";
  out << "static const unsigned int " << p.c_form.flags_table << "[" << pre << "NR] = {\n";
  for (int s = 0; s < t.n; ++s) out << "\t[" << pre << p.states[s].name << "] = " << flag_names(p, t.required[s]) << ",\n";
  out << "};\n";
}

}  // namespace migcheck
