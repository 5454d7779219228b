// The report's pieces without a browser: every state diagram of the
// built-in proposals, in every feature set, rendered by Graphviz's library,
// fits 1600 px; text from traces cannot become markup.
#include <gtest/gtest.h>

#include <sstream>

#include "checker/cli/diagram.hpp"
#include "checker/report/graphviz_svg.hpp"
#include "checker/report/markup.hpp"
#include "checker/report/sequence_svg.hpp"
#include "model/builtin.hpp"
#include "model/features.hpp"

namespace migcheck {
namespace {

TEST(HtmlReport, EveryStateDiagramFits1600Pixels) {
  int drawn = 0;
  for (const auto& id : builtin_ids()) {
    Proposal p = load_builtin(id);
    for (FeatureSet f : p.feature_sets()) {
      std::ostringstream dot;
      print_diagram(dot, p, f, "dot");
      const std::string svg = report::dot_to_svg(dot.str());
      const double width = report::svg_width_px(svg);
      EXPECT_GT(width, 100) << id << " " << feature_set_name(p, f);
      EXPECT_LE(width, 1600) << id << " " << feature_set_name(p, f);
      EXPECT_EQ(svg.rfind("<svg", 0), 0u) << "inline SVG starts with its element";
      ++drawn;
    }
  }
  EXPECT_EQ(drawn, 1 + 8 + 2 + 4);  // feature sets: enum 1, bits 8, v1 2, v2 4
}

TEST(HtmlReport, GraphvizSyntaxErrorIsAnError) {
  EXPECT_THROW(report::dot_to_svg("digraph { a -> }"), std::runtime_error);
}

TEST(HtmlReport, TraceTextIsEscaped) {
  EXPECT_EQ(report::escape("<script>&\"'\x01"), "&lt;script&gt;&amp;&quot;&#39; ");
  itf::Sequence seq;
  seq.lifelines = {{"guest", "G"}, {"source VMM", "SV"}};
  seq.steps.push_back({1, 0, 1, "</svg><script>alert(1)</script>", false, "<b>"});
  seq.conclusion = "S1 <x>";
  const std::string svg = report::sequence_svg(seq, "t1");
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_NE(svg.find("&lt;/svg&gt;&lt;script&gt;"), std::string::npos);
  EXPECT_NE(svg.find("data-step=\"1\""), std::string::npos);
}

}  // namespace
}  // namespace migcheck
