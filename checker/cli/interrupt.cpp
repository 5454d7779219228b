#include "checker/cli/interrupt.hpp"

#include <csignal>
#include <unistd.h>

namespace migcheck {
namespace {

std::atomic<bool> interrupted{false};

extern "C" void on_signal(int sig) {
  if (interrupted.exchange(true)) _exit(128 + sig);  // the second signal: stop now, no report
  static const char msg[] = "\nmigcheck: interrupted; finishing with a partial report (signal again to stop at once)\n";
  ssize_t ignored = write(STDERR_FILENO, msg, sizeof msg - 1);
  (void)ignored;
}

}  // namespace

void install_interrupt_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

const std::atomic<bool>& interrupt_flag() { return interrupted; }

}  // namespace migcheck
