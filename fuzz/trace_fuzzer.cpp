// ITF traces: any text is read and, if valid, printed every way (trace show:
// diff, full, mermaid, markdown; the HTML report's SVG sequence diagram), or
// is an InputError. Printing must never emit a control character, a mermaid
// line must not be split by the trace's text (each diagram line is one
// statement: no ';' from the input), and no trace text becomes markup.
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "checker/input/errors.hpp"
#include "checker/itf.hpp"
#include "checker/report/sequence_svg.hpp"

namespace {
// In a diagram, ';' may only close a "#59;"-style code (the escaped text).
bool only_entity_semicolons(const std::string& text) {
  for (size_t k = 0; k < text.size(); ++k) {
    if (text[k] != ';') continue;
    size_t j = k;
    while (j > 0 && std::isdigit(static_cast<unsigned char>(text[j - 1]))) --j;
    if (j == k || j == 0 || text[j - 1] != '#') return false;
  }
  return true;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    auto trace = migcheck::itf::parse("fuzz.itf.json", std::string(reinterpret_cast<const char*>(data), size));
    for (int way = 0; way < 5; ++way) {
      std::ostringstream out;
      if (way == 4) {  // the SVG: every '<' is the renderer's own
        const std::string svg = migcheck::report::sequence_svg(migcheck::itf::sequence(trace), "t1");
        if (svg.find("<script") != std::string::npos || svg.find("<foreignObject") != std::string::npos) std::abort();
        out << svg;
      } else if (way < 2) migcheck::itf::show(out, trace, way ? migcheck::itf::ShowMode::full : migcheck::itf::ShowMode::diff);
      else if (way == 2) migcheck::itf::sequence_diagram(out, trace);
      else migcheck::itf::markdown(out, trace);
      for (unsigned char c : out.str())
        if ((c < 0x20 && c != '\n') || c == 0x7f) std::abort();  // a raw control character reached the terminal
      if (way == 2 && !only_entity_semicolons(out.str())) std::abort();  // input text ended a mermaid statement
    }
  } catch (const migcheck::InputError&) {
  }
  return 0;
}
