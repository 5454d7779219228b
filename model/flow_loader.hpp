#pragma once
// Reads a proposal file's "flow" section: the VMM's programs per host (see
// Flow in proposal.hpp and spec/schema/proposal.schema.json).
#include <functional>
#include <string>
#include <string_view>

#include "checker/input/json_reader.hpp"
#include "model/proposal.hpp"

namespace migcheck {

/// What the flow reader borrows from the proposal reader: state names and
/// feature conditions, resolved (and their problems recorded) the same way.
struct ProposalRefs {
  std::function<int(const json& obj, const std::string& ptr, std::string_view key)> state;
  std::function<Condition(const json& obj, const std::string& ptr)> condition;
};

void load_flow(JsonReader& r, const json& flow, Proposal& p, const ProposalRefs& refs);

}  // namespace migcheck
