// Proposal files: any text either loads or is an InputError. The loader must
// agree with spec/schema/proposal.schema.json: a file it accepts, the schema
// accepts (the loader checks more than a schema can, never less).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "checker/input/errors.hpp"
#include "checker/input/json_reader.hpp"
#include "checker/input/schema.hpp"
#include "model/proposal_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    migcheck::load_proposal_text("fuzz.json", text);
  } catch (const migcheck::InputError&) {
    return 0;
  }
  auto problems = migcheck::schema_problems(migcheck::parse_json_text("fuzz.json", text),
                                            migcheck::embedded_schema("proposal.schema.json"), "fuzz.json");
  if (!problems.empty()) {
    std::fprintf(stderr, "the loader accepts what the schema rejects: %s\n", problems.front().str().c_str());
    std::abort();
  }
  return 0;
}
