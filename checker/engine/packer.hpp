#pragma once
// Bit-packs a model's byte states for storage. A model may declare how many
// values each byte of its state takes (Model::value_bounds); a byte with
// bound b is stored in ceil(log2 b) bits, so an 11-byte benchmark state at
// five devices takes 28 bits (4 bytes) instead of 11 bytes. Packing checks
// every byte against its bound: a model that breaks its own declaration is
// an internal error, never silent corruption.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace migcheck::engine {

class Packer {
 public:
  /// bounds: empty (every byte takes 256 values) or one entry per byte;
  /// 0 also means 256.
  Packer(size_t state_bytes, const std::vector<uint16_t>& bounds);

  size_t state_bytes() const { return state_bytes_; }
  size_t packed_bytes() const { return packed_bytes_; }
  size_t bits() const { return bits_; }

  /// out must hold packed_bytes() + 8 bytes; the bytes past the key are zeroed or left as they were.
  void pack(const uint8_t* state, uint8_t* out) const;
  /// packed must be readable for packed_bytes() + 1 bytes.
  void unpack(const uint8_t* packed, uint8_t* out) const;
  /// unpack() of a key of packed_bytes() <= 8 given as one little-endian word
  /// (saves the round trip through memory, where an 8-byte read of the
  /// narrower copy stalls on store forwarding).
  void unpack_word(uint64_t packed, uint8_t* out) const;

 private:
  struct Field {
    uint16_t bound;  // 256 when undeclared
    uint8_t width;   // bits
    uint32_t offset;  // bit offset
  };
  size_t state_bytes_, packed_bytes_, bits_ = 0;
  bool identity_ = true;  // no bounds: packing is a copy
  std::vector<Field> fields_;
  [[noreturn]] void out_of_bound(size_t byte, uint8_t value) const;
};

}  // namespace migcheck::engine
