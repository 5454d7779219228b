#include <algorithm>

#include "model/device.hpp"
#include "checker/input/errors.hpp"
#include "model/machines/machine_factories.hpp"

namespace migcheck {
namespace {

struct Entry {
  const char* id;
  std::vector<std::string> features;
  std::unique_ptr<DeviceModel> (*make)(const std::vector<std::string>&);
};

const std::vector<Entry>& registry() {
  static const std::vector<Entry> entries = {
      {"rfc2018-enum", {}, machines::make_rfc2018_enum},
      {"rfc2018-bits", {"stopped-is-none", "incremental-read", "device-at-a-time"}, machines::make_rfc2018_bits},
      {"v1-bits", {"qemu-writes"}, machines::make_v1_bits},
      {"v2-fsm", {"p2p", "precopy"}, machines::make_v2_fsm},
  };
  return entries;
}

const Entry* find(const std::string& id) {
  for (const auto& e : registry())
    if (e.id == id) return &e;
  return nullptr;
}

}  // namespace

bool has_machine(const std::string& proposal_id) { return find(proposal_id) != nullptr; }

std::vector<std::string> machine_features(const std::string& proposal_id) {
  const Entry* e = find(proposal_id);
  return e ? e->features : std::vector<std::string>{};
}

Device make_device(const std::string& proposal_id, const std::vector<std::string>& features) {
  const Entry* e = find(proposal_id);
  if (!e) throw UsageError("no reference machine for proposal '" + proposal_id + "'");
  for (const auto& f : features)
    if (std::find(e->features.begin(), e->features.end(), f) == e->features.end())
      throw UsageError("the reference machine of " + proposal_id + " has no feature '" + f + "'");
  return Device(e->make(features));
}

}  // namespace migcheck
