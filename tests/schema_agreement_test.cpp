// The embedded schema validator against the files it guards: every schema
// uses only keywords it implements; the built-in proposals and the examples
// pass spec/schema/proposal.schema.json; every file of the malformed corpus
// the schema rejects, the loader rejects too; traces/ pass the trace schema
// and the baseline its own; and a broken trace or baseline is named by its
// JSON pointer.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "checker/input/errors.hpp"
#include "checker/input/json_reader.hpp"
#include "checker/input/schema.hpp"
#include "checker/itf.hpp"
#include "model/proposal_loader.hpp"

namespace migcheck {
namespace {

namespace fs = std::filesystem;
const fs::path kSource = MIGCHECK_SOURCE_DIR;

std::vector<fs::path> files(const fs::path& dir, const std::string& suffix) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(kSource / dir))
    if (e.path().string().size() > suffix.size() && e.path().string().rfind(suffix) == e.path().string().size() - suffix.size())
      out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<InputProblem> problems_of(const fs::path& f, const std::string& schema) {
  return schema_problems(parse_json_text(f.string(), read_file_text(f.string())), embedded_schema(schema), f.string());
}

TEST(Schema, EverySchemaUsesOnlyImplementedKeywords) {
  for (const auto& name : embedded_schema_names()) {
    SCOPED_TRACE(name);
    EXPECT_NO_THROW(schema_problems(nlohmann::json::object(), embedded_schema(name), "x"));
    EXPECT_NO_THROW(schema_problems(nlohmann::json::array(), embedded_schema(name), "x"));
  }
}

TEST(Schema, ValidProposalsPassSchemaAndLoader) {
  for (const auto& dir : {"spec/proposals", "spec/proposals/examples"})
    for (const auto& f : files(dir, ".json")) {
      SCOPED_TRACE(f.string());
      EXPECT_TRUE(problems_of(f, "proposal.schema.json").empty());
      EXPECT_NO_THROW(load_proposal_file(f.string()));
    }
}

TEST(Schema, WhatTheSchemaRejectsTheLoaderRejects) {
  int rejected_by_schema = 0;
  for (const auto& f : files("tests/malformed", ".json")) {
    std::vector<InputProblem> ps;
    try {
      ps = problems_of(f, "proposal.schema.json");
    } catch (const InputError&) {
      continue;  // not JSON at all: the loader reports the same syntax error
    }
    if (ps.empty()) continue;  // a problem only the loader can see (names, cross references)
    ++rejected_by_schema;
    EXPECT_THROW(load_proposal_file(f.string()), InputError) << f;
  }
  EXPECT_GE(rejected_by_schema, 10);
}

TEST(Schema, ReviewedTracesAndBaselinePass) {
  for (const auto& f : files("traces", ".itf.json")) {
    SCOPED_TRACE(f.string());
    EXPECT_TRUE(problems_of(f, "trace.schema.json").empty());
  }
  EXPECT_TRUE(problems_of(kSource / "traces" / "baseline.json", "baseline.schema.json").empty());
}

TEST(Schema, ABrokenTraceIsNamedByItsPointer) {
  const auto f = files("traces", ".itf.json").front();
  auto doc = parse_json_text(f.string(), read_file_text(f.string()));
  doc["states"][1]["source_vmm"]["mode"] = 7;
  doc["#meta"]["migcheck"]["verdict"] = "perhaps";
  try {
    itf::parse("t.itf.json", doc.dump());
    FAIL() << "accepted";
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("t.itf.json: /states/1/source_vmm/mode: expected"), std::string::npos) << m;
    EXPECT_NE(m.find("/#meta/migcheck/verdict: expected one of"), std::string::npos) << m;
  }
}

TEST(Schema, ControlCharactersInATraceArePrintedEscaped) {
  const auto f = files("traces", ".itf.json").front();
  auto doc = parse_json_text(f.string(), read_file_text(f.string()));
  doc["states"][1]["#meta"]["action"] = "step\r\x1b[2Kforged line";
  std::ostringstream out;
  itf::show(out, itf::parse("t.itf.json", doc.dump()), itf::ShowMode::full);
  EXPECT_EQ(out.str().find('\x1b'), std::string::npos);
  EXPECT_EQ(out.str().find('\r'), std::string::npos);
  EXPECT_NE(out.str().find("step\\u000d\\u001b[2Kforged line"), std::string::npos);
}

}  // namespace
}  // namespace migcheck
