#pragma once
// What an exploration keeps: packed states by level, the optional stored
// graph, and the queries traces and recovery need. Internal to the engine.
#include <array>
#include <cstdint>
#include <vector>

#include "checker/engine/chunked.hpp"
#include "checker/engine/explorer.hpp"
#include "checker/engine/packer.hpp"
#include "checker/engine/visited_set.hpp"

namespace migcheck::engine {

class Search {
 public:
  using Counts = std::array<uint32_t, VisitedSet::kPartitions>;
  /// keep_edges: store the graph (recovery properties need it).
  Search(const Model& model, const Options& options, bool keep_edges);

  const Model& model;
  const Options options;
  Packer packer;
  VisitedSet set;
  /// levels[d][p]: the first number of level d in partition p. Level d holds
  /// numbers [levels[d][p], levels[d + 1][p]) of every partition; BFS order is
  /// level, then partition, then number.
  std::vector<Counts> levels;
  /// The graph, kept only for recovery properties: the out-edges of the
  /// state at BFS position q lead to edge_to[edge_begin[q] .. edge_begin[q + 1]),
  /// one per successor, in the order the model gives them. Their actions are
  /// not stored (4 bytes a transition, where recovery reads only targets):
  /// edge_action() recomputes one.
  const bool keep_edges;
  Chunked<uint32_t> edge_begin, edge_to;

  /// A state into its stored key: canonical form under symmetry, then packed.
  /// `state` may be rewritten; `key` holds packer.packed_bytes() + 8 bytes.
  void to_key(uint8_t* state, uint8_t* key) const {
    if (options.symmetry) model.canonicalize(state);
    packer.pack(state, key);
  }
  std::vector<uint8_t> unpacked(uint32_t id) const;
  /// The model's successors of a stored state, in the model's order.
  Successors successors_of(uint32_t id) const;
  uint32_t level_of(uint32_t id) const;
  uint64_t level_base(size_t level) const;  ///< BFS position of the level's first state
  /// Calls f(position, id) for every state of the level, in BFS order, until f returns false.
  template <class F>
  void each_in_level(size_t level, F&& f) const {
    uint64_t pos = level_base(level);
    for (uint32_t p = 0; p < VisitedSet::kPartitions; ++p)
      for (uint32_t n = levels[level][p]; n < levels[level + 1][p]; ++n)
        if (!f(pos++, VisitedSet::id(p, n))) return;
  }
  /// The transitions out of a stored state as packed target keys (key_stride
  /// bytes apart) and actions, recomputed from the model.
  void out_edges(uint32_t id, std::vector<uint8_t>& keys, std::vector<uint32_t>& actions) const;
  /// The action of stored edge e out of the state `id` at BFS position pos:
  /// the action of the state's successor number e - edge_begin[pos].
  uint32_t edge_action(uint64_t pos, uint32_t id, uint64_t e) const;
  size_t key_stride() const { return packer.packed_bytes() + 8; }  ///< slack: word reads, the packer's spill byte
  uint64_t memory() const;

  /// A path of stored states as packed keys: keys[0] is initial, actions[i] leads into keys[i].
  struct Chain {
    std::vector<std::vector<uint8_t>> keys;
    std::vector<uint32_t> actions;
  };
  std::vector<uint8_t> key_copy(uint32_t id) const {
    const uint8_t* k = set.key(id);
    std::vector<uint8_t> out(k, k + packer.packed_bytes());
    out.resize(key_stride(), 0);
    return out;
  }
  /// Shortest paths to each target (first predecessor in BFS order at each step).
  std::vector<Chain> chains_to(const std::vector<uint32_t>& targets) const;
  /// The chain as concrete states and actions (mapped out of orbits under symmetry).
  void concretise(const Chain& c, PropertyResult& r) const;
};

/// Decides the recoverable properties on the stored graph.
void decide_recoverable(const Search& s, const std::vector<Property>& props, std::vector<PropertyResult>& results,
                        bool complete, const std::string& stop_reason);

}  // namespace migcheck::engine
