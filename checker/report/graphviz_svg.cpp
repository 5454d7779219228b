#include "checker/report/graphviz_svg.hpp"

#include <graphviz/gvc.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace migcheck::report {
namespace {

// Graphviz keeps global state (its error buffer, the cgraph disciplines,
// and in 2.42 a font cache of the pango plugin that outlives a context: a
// second context reads a name the first one freed). So one context serves
// the whole process, and one rendering runs at a time.
std::mutex& graphviz_lock() {
  static std::mutex m;
  return m;
}

GVC_t* context() {
  static GVC_t* gvc = gvContext();  // never freed: see above
  return gvc;
}

struct GraphDeleter {
  void operator()(Agraph_t* g) const { agclose(g); }
};

}  // namespace

std::string dot_to_svg(const std::string& dot) {
  std::lock_guard<std::mutex> lock(graphviz_lock());
  GVC_t* gvc = context();
  if (!gvc) throw std::runtime_error("Graphviz: no context");
  std::unique_ptr<Agraph_t, GraphDeleter> g(agmemread(dot.c_str()));
  if (!g) {
    const char* why = aglasterr();
    throw std::runtime_error(std::string("Graphviz could not read the diagram: ") + (why ? why : "syntax error"));
  }
  if (gvLayout(gvc, g.get(), "dot") != 0) throw std::runtime_error("Graphviz: the dot layout failed");
  char* data = nullptr;
  unsigned int length = 0;
  const int rc = gvRenderData(gvc, g.get(), "svg", &data, &length);
  std::string svg = rc == 0 && data ? std::string(data, length) : std::string();
  gvFreeRenderData(data);
  gvFreeLayout(gvc, g.get());
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
