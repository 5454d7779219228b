#pragma once
// Files compiled into the binary (cmake/embed_texts.cmake): the built-in
// proposals, the JSON Schemas of spec/schema/, and the HTML report's
// stylesheet and script (checker/report/).
#include <vector>

namespace migcheck {

struct EmbeddedFile {
  const char* name;  // e.g. "v2-fsm.json"
  const char* text;
};
const std::vector<EmbeddedFile>& builtin_proposal_texts();
const std::vector<EmbeddedFile>& embedded_schema_texts();
const std::vector<EmbeddedFile>& report_asset_texts();

}  // namespace migcheck
