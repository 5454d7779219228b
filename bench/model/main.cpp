// migcheck-bench: explores the N-device benchmark model with migcheck's
// generic engine and reports what bench/compare-tools compares.
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench/model/migration_model.hpp"
#include "checker/engine/explorer.hpp"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: migcheck-bench N [MAXV]   (N devices 1..8, MAXV default 3)\n");
    return 2;
  }
  int n = std::atoi(argv[1]), maxv = argc > 2 ? std::atoi(argv[2]) : 3;
  if (n < 1 || n > 8 || maxv < 1 || maxv > 15) {
    std::fprintf(stderr, "migcheck-bench: N must be 1..8 and MAXV 1..15\n");
    return 2;
  }
  migcheck::bench::MigrationBench model(n, maxv);
  migcheck::engine::Exploration e(model, {});
  e.run();
  const auto& st = e.stats();
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  const auto& inv = e.results().front();
  std::printf("states %llu transitions %llu depth %u seconds %.3f states/s %.0f bytes/state %.1f peak_rss_kib %ld invariant %s\n",
              static_cast<unsigned long long>(st.states), static_cast<unsigned long long>(st.transitions), st.depth,
              st.seconds, st.states_per_second(), st.bytes_per_state(), ru.ru_maxrss,
              migcheck::engine::verdict_name(inv.verdict));
  return 0;
}
