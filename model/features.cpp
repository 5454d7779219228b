#include "model/features.hpp"

#include "checker/input/errors.hpp"

namespace migcheck {

int Proposal::state_index(std::string_view name) const {
  for (size_t i = 0; i < states.size(); ++i)
    if (states[i].name == name) return static_cast<int>(i);
  return -1;
}

int Proposal::feature_index(std::string_view name) const {
  for (size_t i = 0; i < features.size(); ++i)
    if (features[i].name == name) return static_cast<int>(i);
  return -1;
}

int Proposal::error_state() const {
  for (size_t i = 0; i < states.size(); ++i)
    if (has(states[i].flags, Flag::error)) return static_cast<int>(i);
  return -1;
}

int Proposal::initial_state(FeatureSet f) const {
  for (const auto& in : initial)
    if (in.when.holds(f)) return in.state;
  return -1;
}

int Proposal::reset_state(FeatureSet f) const {
  if (reset.to_initial) return initial_state(f);
  return reset.to.value_or(-1);
}

std::vector<FeatureSet> Proposal::feature_sets() const {
  std::vector<FeatureSet> out;
  for (FeatureSet f = 0; f < (FeatureSet{1} << features.size()); ++f) out.push_back(f);
  return out;
}

std::string_view interface_name(InterfaceKind k) {
  switch (k) {
    case InterfaceKind::enum_write: return "enum-write";
    case InterfaceKind::bitfield_write: return "bitfield-write";
    case InterfaceKind::target_state: return "target-state";
  }
  return "?";
}

std::string_view outcome_name(OutcomeKind k) {
  switch (k) {
    case OutcomeKind::transition: return "transition";
    case OutcomeKind::reject: return "reject";
    case OutcomeKind::undefined: return "undefined";
  }
  return "?";
}

std::string feature_set_name(const Proposal& p, FeatureSet f) {
  std::string out;
  for (size_t i = 0; i < p.features.size(); ++i)
    if (f & (FeatureSet{1} << i)) out += (out.empty() ? "" : "+") + p.features[i].name;
  return out.empty() ? "none" : out;
}

FeatureSet all_features(const Proposal& p) { return static_cast<FeatureSet>((FeatureSet{1} << p.features.size()) - 1); }

FeatureSet parse_feature_list(const Proposal& p, std::string_view list) {
  FeatureSet f = 0;
  if (list.empty() || list == "none") return f;
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find_first_of(",+", start);  // "p2p,precopy" or the set's name "p2p+precopy"
    if (end == std::string_view::npos) end = list.size();
    std::string_view name = list.substr(start, end - start);
    int i = p.feature_index(name);
    if (i < 0) {
      std::string valid;
      for (const auto& feat : p.features) valid += (valid.empty() ? "" : ", ") + feat.name;
      throw UsageError("unknown feature '" + std::string(name) + "' for proposal " + p.id +
                       "; valid features: " + (valid.empty() ? "(none: this proposal has no features)" : valid));
    }
    f |= FeatureSet{1} << i;
    start = end + 1;
  }
  return f;
}

}  // namespace migcheck
