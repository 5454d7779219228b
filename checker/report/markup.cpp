#include "checker/report/markup.hpp"

namespace migcheck::report {

std::string escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += (c < 0x20 && c != '\n') || c == 0x7f ? ' ' : static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace migcheck::report
