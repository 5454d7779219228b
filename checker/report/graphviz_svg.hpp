#pragma once
// Renders Graphviz dot text to SVG with Graphviz's own library (libgvc), so
// the HTML report needs no `dot` program and draws nothing by hand.
#include <string>

namespace migcheck::report {

/// The <svg> element of `dot` laid out by the dot engine, for use inline in
/// HTML (no XML declaration or DOCTYPE). Throws
/// std::runtime_error naming what Graphviz refused.
std::string dot_to_svg(const std::string& dot);

/// The width an SVG from dot_to_svg asks for, in CSS pixels (Graphviz writes
/// points: 1 pt = 4/3 px). -1 if it names none.
double svg_width_px(const std::string& svg);

}  // namespace migcheck::report
