// migcheck-bench: explores the N-device benchmark model with migcheck's
// generic engine and reports what bench/compare-tools compares.
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "bench/model/migration_model.hpp"
#include "checker/engine/explorer.hpp"

namespace {

int usage() {
  std::fprintf(stderr,
               "usage: migcheck-bench N [MAXV] [--threads T] [--symmetry]\n"
               "  N devices 1..8, MAXV 1..15 (default 3), T threads 1..%u (default 1)\n",
               migcheck::engine::Options::kMaxThreads);
  return 2;
}

// A whole decimal number in [lo, hi], or -1.
long number(const char* s, long lo, long hi) {
  char* end = nullptr;
  long v = std::strtol(s, &end, 10);
  return *s && *end == '\0' && v >= lo && v <= hi ? v : -1;
}

}  // namespace

int main(int argc, char** argv) {
  long n = -1, maxv = 3;
  migcheck::engine::Options options;
  int positional = 0;
  for (int a = 1; a < argc; ++a) {
    if (std::strcmp(argv[a], "--symmetry") == 0) {
      options.symmetry = true;
    } else if (std::strcmp(argv[a], "--threads") == 0 && a + 1 < argc) {
      long t = number(argv[++a], 1, migcheck::engine::Options::kMaxThreads);
      if (t < 0) return usage();
      options.threads = static_cast<unsigned>(t);
    } else if (positional == 0) {
      n = number(argv[a], 1, 8), ++positional;
    } else if (positional == 1) {
      maxv = number(argv[a], 1, 15), ++positional;
    } else {
      return usage();
    }
  }
  if (n < 0 || maxv < 0) return usage();
  migcheck::bench::MigrationBench model(static_cast<int>(n), static_cast<int>(maxv));
  migcheck::engine::Exploration e(model, {}, options);
  e.run();
  const auto& st = e.stats();
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  const auto& inv = e.results().front();
  std::printf(
      "states %llu transitions %llu depth %u seconds %.3f states/s %.0f bytes/state %.1f state_bits %zu "
      "peak_rss_kib %ld threads %u symmetry %s invariant %s expand_seconds %.3f insert_seconds %.3f\n",
      static_cast<unsigned long long>(st.states), static_cast<unsigned long long>(st.transitions), st.depth, st.seconds,
      st.states_per_second(), st.bytes_per_state(), st.state_bits, ru.ru_maxrss, options.threads,
      options.symmetry ? "on" : "off", migcheck::engine::verdict_name(inv.verdict), st.expand_seconds, st.insert_seconds);
  return 0;
}
