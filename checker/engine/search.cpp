// What an exploration keeps, and the queries on it that traces and recovery
// analysis share: unpacking, levels, out-edges, memory.
#include "checker/engine/search.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace migcheck::engine {

Search::Search(const Model& m, const Options& o, bool edges)
    : model(m),
      options(o),
      packer(m.state_bytes(), m.value_bounds()),
      set(packer.packed_bytes(), packer.bits(), edges),
      keep_edges(edges) {}

std::vector<uint8_t> Search::unpacked(uint32_t id) const {
  std::vector<uint8_t> s(packer.state_bytes());
  packer.unpack(set.key(id), s.data());
  return s;
}

uint32_t Search::level_of(uint32_t id) const {
  const uint32_t p = VisitedSet::partition_of_id(id), n = VisitedSet::number_of_id(id);
  // levels[d][p] is non-decreasing in d: the level is the last d with levels[d][p] <= n.
  auto it = std::upper_bound(levels.begin(), levels.end(), n, [p](uint32_t v, const Counts& c) { return v < c[p]; });
  return static_cast<uint32_t>(it - levels.begin()) - 1;
}

uint64_t Search::level_base(size_t level) const {
  uint64_t base = 0;
  for (uint32_t c : levels[level]) base += c;
  return base;
}

Successors Search::successors_of(uint32_t id) const {
  Successors succ;
  succ.state_bytes = packer.state_bytes();
  model.successors(unpacked(id).data(), succ);
  return succ;
}

void Search::out_edges(uint32_t id, std::vector<uint8_t>& keys, std::vector<uint32_t>& actions) const {
  keys.clear();
  actions.clear();
  const size_t stride = key_stride();
  Successors succ = successors_of(id);
  keys.resize(succ.size() * stride);
  for (size_t k = 0; k < succ.size(); ++k) {
    to_key(succ.states.data() + k * succ.state_bytes, keys.data() + k * stride);
    actions.push_back(succ.actions[k]);
  }
}

uint32_t Search::edge_action(uint64_t pos, uint32_t id, uint64_t e) const {
  const Successors succ = successors_of(id);
  const uint64_t k = e - edge_begin[pos];
  if (k >= succ.size()) throw std::logic_error("stored edge " + std::to_string(e) + " is not a successor of its state");
  return succ.actions[k];
}

uint64_t Search::memory() const {
  uint64_t levels_bytes = levels.capacity() * sizeof(Counts);
  return set.memory_bytes() + levels_bytes + edge_begin.memory_bytes() + edge_to.memory_bytes();
}

}  // namespace migcheck::engine
