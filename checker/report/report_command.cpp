#include "checker/report/report_command.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "checker/cli/compare.hpp"
#include "checker/cli/exit_codes.hpp"
#include "checker/input/errors.hpp"
#include "checker/report/html_report.hpp"

namespace migcheck {

int run_report_command(const std::vector<std::string>& proposals, const CheckOptions& o, const std::string& output) {
  auto unwritable = [&] { return InputError({{output, "", std::string("cannot write the report: ") + std::strerror(errno)}}); };
  {  // before the search, without touching an existing file
    const bool existed = std::filesystem::exists(output);
    std::ofstream probe(output, std::ios::binary | std::ios::app);
    if (!probe) throw unwritable();
    probe.close();
    std::error_code ec;
    if (!existed) std::filesystem::remove(output, ec);
  }
  std::vector<std::string> not_run;
  std::vector<RunSummary> runs = compare_runs(proposals, o, not_run);
  if (runs.empty()) return exit_code::incomplete;
  std::ostringstream page;
  report::write_html_report(page, runs, not_run, compare_command("report", proposals, o) + " --output " + output);
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  if (!out || !(out << page.str()) || !out.flush()) throw unwritable();
  std::cerr << "report written: " << output << " (" << page.str().size() << " bytes)\n";
  return compare_exit_code(runs, not_run);
}

}  // namespace migcheck
