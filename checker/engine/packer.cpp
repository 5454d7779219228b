#include "checker/engine/packer.hpp"

#include <cstring>
#include <stdexcept>
#include <string>

namespace migcheck::engine {

Packer::Packer(size_t state_bytes, const std::vector<uint16_t>& bounds) : state_bytes_(state_bytes) {
  if (!bounds.empty() && bounds.size() != state_bytes)
    throw std::logic_error("model declares " + std::to_string(bounds.size()) + " value bounds for a " +
                           std::to_string(state_bytes) + "-byte state");
  fields_.resize(state_bytes);
  for (size_t i = 0; i < state_bytes; ++i) {
    uint16_t b = bounds.empty() || bounds[i] == 0 || bounds[i] > 256 ? 256 : bounds[i];
    uint8_t w = 0;
    while ((1u << w) < b) ++w;
    fields_[i] = {b, w, static_cast<uint32_t>(bits_)};
    bits_ += w;
    identity_ &= b == 256;
  }
  packed_bytes_ = identity_ ? state_bytes : (bits_ + 7) / 8;
  if (packed_bytes_ == 0) packed_bytes_ = 1;  // a model with one state still stores something
}

void Packer::pack(const uint8_t* s, uint8_t* out) const {
  if (identity_) {
    std::memcpy(out, s, state_bytes_);
    out[state_bytes_] = 0;
    return;
  }
  if (bits_ <= 64) {  // the common case: one word, written whole (out has the slack)
    uint64_t w = 0;
    for (size_t i = 0; i < state_bytes_; ++i) {
      const Field& f = fields_[i];
      if (s[i] >= f.bound) out_of_bound(i, s[i]);
      w |= static_cast<uint64_t>(s[i]) << f.offset;
    }
    std::memcpy(out, &w, 8);
    return;
  }
  // Wider states: whole 64-bit words, a field split across two words where it straddles.
  uint64_t w = 0;
  size_t word = 0;
  for (size_t i = 0; i < state_bytes_; ++i) {
    const Field& f = fields_[i];
    if (s[i] >= f.bound) out_of_bound(i, s[i]);
    const size_t at = f.offset / 64, shift = f.offset % 64;
    if (at != word) {
      std::memcpy(out + 8 * word, &w, 8);
      w = 0;
      word = at;
    }
    w |= static_cast<uint64_t>(s[i]) << shift;
    if (shift + f.width > 64) {  // the field's high bits start the next word
      std::memcpy(out + 8 * word, &w, 8);
      w = static_cast<uint64_t>(s[i]) >> (64 - shift);
      word = at + 1;
    }
  }
  std::memcpy(out + 8 * word, &w, 8);
}

void Packer::out_of_bound(size_t i, uint8_t v) const {
  throw std::logic_error("state byte " + std::to_string(i) + " holds " + std::to_string(v) +
                         ", beyond the model's declared bound " + std::to_string(fields_[i].bound));
}

void Packer::unpack_word(uint64_t w, uint8_t* out) const {
  if (identity_) {
    std::memcpy(out, &w, state_bytes_);  // little-endian: the key's bytes
    return;
  }
  for (size_t i = 0; i < state_bytes_; ++i)
    out[i] = static_cast<uint8_t>((w >> fields_[i].offset) & ((1u << fields_[i].width) - 1));
}

void Packer::unpack(const uint8_t* p, uint8_t* out) const {
  if (identity_) {
    std::memcpy(out, p, state_bytes_);
    return;
  }
  if (bits_ <= 64) {
    uint64_t w = 0;
    std::memcpy(&w, p, packed_bytes_);
    return unpack_word(w, out);
  }
  for (size_t i = 0; i < state_bytes_; ++i) {
    const Field& f = fields_[i];
    const unsigned two = p[f.offset >> 3] | static_cast<unsigned>(p[(f.offset >> 3) + 1]) << 8;
    out[i] = static_cast<uint8_t>((two >> (f.offset & 7)) & ((1u << f.width) - 1));
  }
}

}  // namespace migcheck::engine
