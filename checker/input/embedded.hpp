#pragma once
// Files compiled into the binary (cmake/embed_texts.cmake): the built-in
// proposals and the JSON Schemas of spec/schema/.
#include <vector>

namespace migcheck {

struct EmbeddedFile {
  const char* name;  // e.g. "v2-fsm.json"
  const char* text;
};
const std::vector<EmbeddedFile>& builtin_proposal_texts();
const std::vector<EmbeddedFile>& embedded_schema_texts();

}  // namespace migcheck
