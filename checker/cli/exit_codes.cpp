#include "checker/cli/exit_codes.hpp"

namespace migcheck {
const char* exit_code_help() {
  return "Exit codes:\n"
         "  0   done, nothing found\n"
         "  1   a check found a violation or a mismatch\n"
         "  2   usage error (unknown proposal, feature, format or option)\n"
         "  3   input error (unreadable or malformed file; every problem is listed)\n"
         "  4   incomplete (a limit was hit; the answer is partial and says so)\n"
         "  70  internal error (a bug in migcheck)\n";
}
}  // namespace migcheck
