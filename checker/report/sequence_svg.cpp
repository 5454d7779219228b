#include "checker/report/sequence_svg.hpp"

#include <algorithm>
#include <sstream>

#include "checker/report/markup.hpp"

namespace migcheck::report {
namespace {

constexpr int kColumn = 150, kLeft = 40, kTop = 44, kRow = 24, kChar = 7;  // px; kChar: monospace 11 px
constexpr size_t kLabelChars = 80;  // longer labels are cut; the full text is the row's tooltip

int x_of(int lifeline) { return kLeft + kColumn / 2 + lifeline * kColumn; }

std::string cut(const std::string& s, size_t n) { return s.size() <= n ? s : s.substr(0, n - 1) + "…"; }

}  // namespace

std::string sequence_svg(const itf::Sequence& seq, const std::string& trace_id) {
  const int columns = static_cast<int>(seq.lifelines.size());
  const int width = kLeft + columns * kColumn + 10;
  const int rows = static_cast<int>(seq.steps.size());
  const int height = kTop + (rows + 2) * kRow + 10;
  std::ostringstream o;
  o << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sequence\" width=\"" << width << "\" height=\"" << height
    << "\" viewBox=\"0 0 " << width << " " << height << "\" font-family=\"monospace\" font-size=\"11\">\n";
  o << "<defs><marker id=\"" << trace_id << "-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
       "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>\n";
  const int bottom = kTop + (rows + 1) * kRow;
  for (int i = 0; i < columns; ++i) {
    const int x = x_of(i);
    o << "<rect x=\"" << x - kColumn / 2 + 4 << "\" y=\"4\" width=\"" << kColumn - 8
      << "\" height=\"30\" rx=\"4\" fill=\"#eef3fb\" stroke=\"#5b7db1\"/>"
      << "<text x=\"" << x << "\" y=\"23\" text-anchor=\"middle\">" << escape(cut(seq.lifelines[static_cast<size_t>(i)].first, 20))
      << "</text>"
      << "<line x1=\"" << x << "\" y1=\"34\" x2=\"" << x << "\" y2=\"" << bottom
      << "\" stroke=\"#9aaccc\" stroke-dasharray=\"4 3\"/>\n";
  }
  for (int r = 0; r < rows; ++r) {
    const auto& st = seq.steps[static_cast<size_t>(r)];
    const int y = kTop + (r + 1) * kRow;
    const std::string label = std::to_string(st.index) + ". " + st.label;
    const std::string colour = st.fault ? "#c62828" : "#222";
    o << "<g class=\"step\" data-trace=\"" << trace_id << "\" data-step=\"" << st.index << "\"><title>"
      << escape(label + (st.source.empty() ? "" : "\n" + st.source)) << "</title>"
      << "<rect class=\"hit\" x=\"0\" y=\"" << y - kRow + 6 << "\" width=\"" << width << "\" height=\"" << kRow
      << "\" fill=\"transparent\"/>";
    if (st.from >= 0 && st.to >= 0 && st.from != st.to) {
      const int x1 = x_of(st.from), x2 = x_of(st.to);
      o << "<line x1=\"" << x1 << "\" y1=\"" << y << "\" x2=\"" << x2 << "\" y2=\"" << y << "\" stroke=\"" << colour << "\""
        << (st.fault ? " stroke-dasharray=\"5 3\"" : " marker-end=\"url(#" + trace_id + "-arrow)\"") << "/>";
      if (st.fault)  // a lost message ends in a cross
        o << "<path d=\"M" << x2 - 5 << "," << y - 5 << " l10,10 m0,-10 l-10,10\" stroke=\"" << colour
          << "\" stroke-width=\"2\"/>";
      const std::string text = cut(label, kLabelChars);
      // Beside the arrow's left end, moved left where it would leave the picture.
      const int left = std::max(2, std::min(std::min(x1, x2) + 6, width - static_cast<int>(text.size()) * kChar - 4));
      o << "<text x=\"" << left << "\" y=\"" << y - 4 << "\" fill=\"" << colour << "\">" << escape(text) << "</text>";
    } else {  // a note on one lifeline (or on the VMMs' side when the trace names none)
      const int x = st.from >= 0 ? x_of(st.from) : x_of(std::min(columns - 1, 1));
      const std::string text = cut(label, kLabelChars);
      const int w = static_cast<int>(text.size()) * kChar + 10;
      const int left = std::max(2, std::min(x - 8, width - w - 2));
      o << "<rect x=\"" << left << "\" y=\"" << y - 15 << "\" width=\"" << w << "\" height=\"18\" fill=\""
        << (st.fault ? "#fdecea" : "#fffbe6") << "\" stroke=\"" << (st.fault ? "#c62828" : "#c9b458") << "\"/>"
        << "<text x=\"" << left + 5 << "\" y=\"" << y - 2 << "\" fill=\"" << colour << "\">" << escape(text) << "</text>";
    }
    o << "</g>\n";
  }
  const int y = kTop + (rows + 1) * kRow;
  o << "<rect x=\"" << kLeft << "\" y=\"" << y - 6 << "\" width=\"" << columns * kColumn << "\" height=\"20\" fill=\"#fdecea\" "
    << "stroke=\"#c62828\"/><text x=\"" << kLeft + 6 << "\" y=\"" << y + 8 << "\" fill=\"#c62828\">"
    << escape(cut(seq.conclusion, static_cast<size_t>(columns * kColumn / kChar - 2))) << "<title>" << escape(seq.conclusion)
    << "</title></text>\n</svg>\n";
  return o.str();
}

}  // namespace migcheck::report
