#pragma once
// Error types that carry what the user must fix. Each maps to one exit code
// (checker/cli/exit_codes.cpp).
#include <stdexcept>
#include <string>
#include <vector>

namespace migcheck {

/// A bad command line value: unknown proposal, feature, format.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A run that cannot give its answer: a limit, an interruption, no memory (exit 4).
struct IncompleteError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// One problem in an input file: where it is and what was expected.
struct InputProblem {
  std::string file;
  std::string location;  // a JSON pointer ("/states/2/flags") or "line:column"
  std::string message;
  /// "file:line:col: message" (compiler style) or "file: /json/pointer: message".
  std::string str() const {
    if (location.empty()) return file + ": " + message;  // about the file as a whole
    bool line_col = location[0] >= '0' && location[0] <= '9';
    return file + (line_col ? ":" : ": ") + location + ": " + message;
  }
};

/// A file that could not be read or does not follow its format; holds every problem found.
struct InputError : std::runtime_error {
  explicit InputError(std::vector<InputProblem> ps)
      : std::runtime_error(join(ps)), problems(std::move(ps)) {}
  std::vector<InputProblem> problems;

 private:
  static std::string join(const std::vector<InputProblem>& ps) {
    std::string out;
    for (const auto& p : ps) out += (out.empty() ? "" : "\n") + p.str();
    return out;
  }
};

}  // namespace migcheck
