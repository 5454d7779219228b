#pragma once
// A counterexample as an SVG sequence diagram for the HTML report: one
// column per lifeline, one row per step (faults red and dashed, ending in a
// cross, as mermaid draws a lost message), the violated property last. Each
// row carries data-step so the page's trace stepper can follow it.
#include <string>

#include "checker/itf.hpp"

namespace migcheck::report {

std::string sequence_svg(const itf::Sequence& seq, const std::string& trace_id);

}  // namespace migcheck::report
