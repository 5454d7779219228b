#pragma once
// The one interface between a model and the explorer. A model offers initial
// states, a deterministic list of successors per state (each tagged with an
// action id), and named properties. States are fixed-size byte strings, so
// the explorer stores them flat, never as object graphs. Nothing here knows
// about VFIO.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace migcheck::engine {

using StateView = const uint8_t*;

/// Successors of one state: action ids and the states they lead to, in the
/// model's documented order (the order makes counterexamples deterministic).
struct Successors {
  size_t state_bytes = 0;
  std::vector<uint32_t> actions;
  std::vector<uint8_t> states;  // at least actions.size() * state_bytes; state i at i * state_bytes
  void clear() { actions.clear(); }
  /// Room for one more successor, led to by `action`. The pointer is valid
  /// until the next add(): adding may move the buffer.
  uint8_t* add(uint32_t action) {
    const size_t at = actions.size() * state_bytes;
    if (states.size() < at + state_bytes) states.resize(std::max(2 * states.size(), at + 64 * state_bytes));
    actions.push_back(action);
    return states.data() + at;
  }
  size_t size() const { return actions.size(); }
  StateView state(size_t i) const { return states.data() + i * state_bytes; }
};

enum class PropertyKind {
  always,       ///< the predicate holds in every reachable state
  reachable,    ///< some reachable state satisfies the predicate (a use case)
  recoverable,  ///< from every reachable state in scope, some path reaches a predicate state
};

struct Property {
  std::string id;  ///< stable, used by reports ("S1", "R2", "U5")
  std::string name;
  std::string description;
  PropertyKind kind = PropertyKind::always;
  std::function<bool(StateView)> predicate;
  std::function<bool(StateView)> scope;  ///< recoverable only; empty = every state
  /// The situation the property is about (always: the states where it can
  /// matter; recoverable: its scope is the situation). A property whose
  /// situation never occurs in a complete exploration is reported vacuous,
  /// never holds. Empty: every state is the situation.
  std::function<bool(StateView)> premise;
  std::string premise_text;  ///< the situation in words, for "vacuous: ... never occurs"
  /// A property the model cannot pose (e.g. a use case the design cannot
  /// express); reported as "not expressible" with this reason, never explored.
  std::string not_expressible;
  /// A property about something the model does not have (no error state for
  /// an error property); reported as "not applicable" with this reason.
  std::string not_applicable;
};

class Model {
 public:
  virtual ~Model() = default;
  virtual size_t state_bytes() const = 0;
  virtual std::vector<std::vector<uint8_t>> initial_states() const = 0;
  virtual void successors(StateView s, Successors& out) const = 0;
  virtual std::string action_name(uint32_t action) const = 0;
  virtual std::vector<Property> properties() const = 0;

  /// How many values each state byte takes (byte i is always below
  /// bounds[i]; 0 = any byte). The explorer stores states in that many bits;
  /// empty (the default) stores whole bytes.
  virtual std::vector<uint16_t> value_bounds() const { return {}; }

  /// Symmetry reduction. A model whose transition relation and properties
  /// are invariant under a group of permutations (of interchangeable
  /// components) may offer canonicalize(): it rewrites a state into one
  /// fixed member of its orbit, and the explorer then stores one state per
  /// orbit. A model without such a group says why in symmetry_unavailable().
  virtual bool has_symmetry() const { return false; }
  /// States of the model's nominal behaviour (no injected fault, say). The
  /// explorer reports which actions occur from nominal states apart from the
  /// rest (coverage), so a model can tell what only faults make happen.
  virtual bool nominal(StateView /*state*/) const { return true; }
  virtual void canonicalize(uint8_t* /*state*/) const {}
  virtual std::string symmetry_unavailable() const { return "the model declares no symmetry"; }
};

}  // namespace migcheck::engine
