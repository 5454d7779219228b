// tests/malformed/NN-name.json is rejected with every line of NN-name.expected
// in its error. Adding a regression is adding two files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "checker/input/errors.hpp"
#include "model/proposal_loader.hpp"

namespace migcheck {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> corpus() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(MIGCHECK_SOURCE_DIR) / "tests" / "malformed"))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(MalformedCorpus, HasAtLeastFifteenCases) { EXPECT_GE(corpus().size(), 15u); }

TEST(MalformedCorpus, EachFileGivesItsExpectedError) {
  for (const auto& file : corpus()) {
    fs::path expected = file;
    expected.replace_extension(".expected");
    std::ifstream in(expected);
    ASSERT_TRUE(in) << "missing " << expected;
    std::string message;
    try {
      load_proposal_file(file.string());
      ADD_FAILURE() << file << " was accepted";
      continue;
    } catch (const InputError& e) {
      message = e.what();
    }
    EXPECT_NE(message.find(file.string()), std::string::npos) << "error does not name the file: " << message;
    std::set<std::string> seen;  // a problem is reported once
    std::istringstream lines(message);
    for (std::string line; std::getline(lines, line);)
      EXPECT_TRUE(seen.insert(line).second) << file << ": reported twice: " << line;
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) {
        EXPECT_NE(message.find(line), std::string::npos) << file << "\nexpected: " << line << "\ngot: " << message;
      }
    }
  }
}

}  // namespace
}  // namespace migcheck
