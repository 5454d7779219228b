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
  /// 0 also means 256. gather: whether packing may use the CPU's bit
  /// gather and scatter (below) when it has them; false only to test the
  /// loop that does the same field by field.
  Packer(size_t state_bytes, const std::vector<uint16_t>& bounds, bool gather = true);

  size_t state_bytes() const { return state_bytes_; }
  size_t packed_bytes() const { return packed_bytes_; }
  size_t bits() const { return bits_; }
  /// Whether pack() and unpack_word() gather and scatter bits in hardware.
  bool gathers() const { return gather_; }

  /// out must hold packed_bytes() + 8 bytes; the bytes past the key are zeroed or left as they were.
  void pack(const uint8_t* state, uint8_t* out) const;
  /// Reads the packed_bytes() bytes at packed and no more.
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
  // States of 8 to 16 bytes packed into one word take two words in: bytes
  // 0-7 and bytes 8 onwards. BMI2's pext gathers each word's field bits (a
  // byte's low `width` bits) into one run, and pdep scatters them back: a
  // few instructions instead of a loop over the bytes (benchmark N=6, 3.7
  // G states packed). Only on CPUs that do it in one cycle or so (see
  // packer.cpp). The bounds are checked on the words first: no bits above
  // a field's width, and below a bound that is not a power of two (at most
  // 128) by a subtraction per word, bytewise without borrows.
  bool gather_ = false;
  unsigned low_bits_ = 0;          // field bits in the first word
  uint64_t field_bits_[2] = {};    // per word: each byte's low `width` bits
  uint64_t bounded_[2] = {};       // per word: 0x80 in each byte whose bound is not a power of two
  uint64_t bound_[2] = {};         // per word: those bytes' bounds, 0 elsewhere
  void pack_loop(const uint8_t* state, uint8_t* out) const;
  uint64_t gather(const uint8_t* state) const;
  void scatter(uint64_t packed, uint8_t* out) const;
  [[noreturn]] void reject(const uint8_t* state) const;  // names the first byte beyond its bound
  [[noreturn]] void out_of_bound(size_t byte, uint8_t value) const;
};

}  // namespace migcheck::engine
