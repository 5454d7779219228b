#pragma once
// SIGINT and SIGTERM stop a run at its next block; the run then reports what
// it has found (verdicts so far, unknown for the rest, "interrupted") and
// exits 4. A second signal ends the process at once.
#include <atomic>

namespace migcheck {

void install_interrupt_handlers();
/// Set once a SIGINT or SIGTERM arrived.
const std::atomic<bool>& interrupt_flag();

}  // namespace migcheck
