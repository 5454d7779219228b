#include "checker/report/graphviz_svg.hpp"

#include <graphviz/gvc.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace migcheck::report {
namespace {

// Graphviz keeps global state (its error buffer, the cgraph disciplines):
// one rendering at a time.
std::mutex& graphviz_lock() {
  static std::mutex m;
  return m;
}

struct ContextDeleter {
  void operator()(GVC_t* c) const { gvFreeContext(c); }
};
struct GraphDeleter {
  void operator()(Agraph_t* g) const { agclose(g); }
};

}  // namespace

std::string dot_to_svg(const std::string& dot) {
  std::lock_guard<std::mutex> lock(graphviz_lock());
  std::unique_ptr<GVC_t, ContextDeleter> gvc(gvContext());
  if (!gvc) throw std::runtime_error("Graphviz: no context");
  std::unique_ptr<Agraph_t, GraphDeleter> g(agmemread(dot.c_str()));
  if (!g) {
    const char* why = aglasterr();
    throw std::runtime_error(std::string("Graphviz could not read the diagram: ") + (why ? why : "syntax error"));
  }
  if (gvLayout(gvc.get(), g.get(), "dot") != 0) throw std::runtime_error("Graphviz: the dot layout failed");
  char* data = nullptr;
  unsigned int length = 0;
  const int rc = gvRenderData(gvc.get(), g.get(), "svg", &data, &length);
  std::string svg = rc == 0 && data ? std::string(data, length) : std::string();
  gvFreeRenderData(data);
  gvFreeLayout(gvc.get(), g.get());
  // Inside HTML only the <svg> element belongs: not the XML declaration,
  // the DOCTYPE or Graphviz's comments before it.
  const auto start = svg.find("<svg");
  if (start == std::string::npos) throw std::runtime_error("Graphviz: no SVG renderer (is the graphviz core plugin installed?)");
  return svg.substr(start);
}

double svg_width_px(const std::string& svg) {
  const auto at = svg.find("<svg width=\"");
  if (at == std::string::npos) return -1;
  const char* start = svg.c_str() + at + 12;
  char* end = nullptr;
  double w = std::strtod(start, &end);
  if (end == start) return -1;
  return std::string(end, 2) == "pt" ? w * 4.0 / 3.0 : w;
}

}  // namespace migcheck::report
