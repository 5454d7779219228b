#include "model/builtin.hpp"

#include "checker/input/errors.hpp"
#include "model/proposal_loader.hpp"

namespace migcheck {

std::vector<std::string> builtin_ids() {
  std::vector<std::string> ids;
  for (const auto& f : builtin_proposal_texts()) {
    std::string name = f.name;
    ids.push_back(name.substr(0, name.size() - 5));  // drop ".json"
  }
  return ids;
}

Proposal load_builtin(const std::string& id) {
  for (const auto& f : builtin_proposal_texts())
    if (std::string(f.name) == id + ".json") return load_proposal_text("spec/proposals/" + id + ".json", f.text);
  std::string valid;
  for (const auto& i : builtin_ids()) valid += (valid.empty() ? "" : ", ") + i;
  throw UsageError("unknown proposal '" + id + "'; built-in proposals: " + valid +
                   " (or give the path of a proposal .json file)");
}

Proposal load_proposal_arg(const std::string& arg) {
  bool is_path = arg.find('/') != std::string::npos ||
                 (arg.size() > 5 && arg.compare(arg.size() - 5, 5, ".json") == 0);
  return is_path ? load_proposal_file(arg) : load_builtin(arg);
}

}  // namespace migcheck
