#pragma once
// The one interface between a model and the explorer. A model offers initial
// states, a deterministic list of successors per state (each tagged with an
// action id), and named properties. States are fixed-size byte strings, so
// the explorer stores them flat, never as object graphs. Nothing here knows
// about VFIO.
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
  std::vector<uint8_t> states;  // actions.size() * state_bytes
  void clear() {
    actions.clear();
    states.clear();
  }
  uint8_t* add(uint32_t action) {
    actions.push_back(action);
    states.resize(states.size() + state_bytes);
    return states.data() + states.size() - state_bytes;
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
  /// A property the model cannot pose (e.g. a use case the design cannot
  /// express); reported as "not expressible" with this reason, never explored.
  std::string not_expressible;
};

class Model {
 public:
  virtual ~Model() = default;
  virtual size_t state_bytes() const = 0;
  virtual std::vector<std::vector<uint8_t>> initial_states() const = 0;
  virtual void successors(StateView s, Successors& out) const = 0;
  virtual std::string action_name(uint32_t action) const = 0;
  virtual std::vector<Property> properties() const = 0;
};

}  // namespace migcheck::engine
