#pragma once
// Process exit codes; documented in README.md ("Exit codes") and --help.
namespace migcheck::exit_code {
constexpr int ok = 0;          ///< done; nothing found
constexpr int finding = 1;     ///< a check found a violation or a mismatch
constexpr int usage = 2;       ///< bad command line: unknown proposal, feature, format, flag
constexpr int input = 3;       ///< an input file is unreadable or malformed
constexpr int incomplete = 4;  ///< a limit was hit before the answer was complete
constexpr int internal = 70;   ///< a bug in migcheck
}  // namespace migcheck::exit_code
namespace migcheck {
/// The exit-code table as printed at the end of --help.
const char* exit_code_help();
}
