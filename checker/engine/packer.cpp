#include "checker/engine/packer.hpp"

#include <cstring>
#include <stdexcept>
#include <string>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace migcheck::engine {

namespace {

// pext and pdep take a cycle or three on Intel since Haswell and on AMD
// since Zen 3 (family 19h); earlier AMD cores run them as microcode, tens
// to hundreds of cycles, slower than the loop.
bool fast_bit_gather() {
#if defined(__x86_64__)
  if (!__builtin_cpu_supports("bmi2")) return false;
  if (!__builtin_cpu_is("amd")) return true;
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return false;
  const unsigned family = ((eax >> 8) & 0xf) + ((eax >> 20) & 0xff);
  return family >= 0x19;
#else
  return false;
#endif
}

uint64_t load(const uint8_t* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

}  // namespace

Packer::Packer(size_t state_bytes, const std::vector<uint16_t>& bounds, bool gather) : state_bytes_(state_bytes) {
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

  gather_ = gather && !identity_ && bits_ <= 64 && state_bytes >= 8 && state_bytes <= 16 && fast_bit_gather();
  for (size_t i = 0; i < state_bytes && gather_; ++i) {
    const Field& f = fields_[i];
    // Byte i sits in the first word at i, or in the second at i - 8 (the
    // second word is read from byte n - 8 and shifted down past the bytes
    // the first word holds).
    const size_t word = i < 8 ? 0 : 1, at = i < 8 ? i : i - 8;
    field_bits_[word] |= ((uint64_t{1} << f.width) - 1) << (8 * at);
    if (f.bound == 1u << f.width) continue;
    if (f.bound > 128) gather_ = false;  // a byte's bound between 129 and 255: the loop checks it
    bounded_[word] |= uint64_t{0x80} << (8 * at);
    bound_[word] |= uint64_t{f.bound} << (8 * at);
  }
  low_bits_ = static_cast<unsigned>(__builtin_popcountll(field_bits_[0]));
  if (low_bits_ == 64 && state_bytes > 8) gather_ = false;  // the second word's bits would shift out
}

void Packer::pack(const uint8_t* s, uint8_t* out) const {
  if (identity_) {
    std::memcpy(out, s, state_bytes_);
    out[state_bytes_] = 0;
    return;
  }
  if (gather_) {
    const uint64_t w = gather(s);
    std::memcpy(out, &w, 8);
    return;
  }
  pack_loop(s, out);
}

void Packer::pack_loop(const uint8_t* s, uint8_t* out) const {
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

void Packer::reject(const uint8_t* s) const {
  for (size_t i = 0; i < state_bytes_; ++i)
    if (s[i] >= fields_[i].bound) out_of_bound(i, s[i]);
  throw std::logic_error("packing found a byte beyond its bound but not which one");
}

void Packer::out_of_bound(size_t i, uint8_t v) const {
  throw std::logic_error("state byte " + std::to_string(i) + " holds " + std::to_string(v) +
                         ", beyond the model's declared bound " + std::to_string(fields_[i].bound));
}

#if defined(__x86_64__)
__attribute__((target("bmi2"))) uint64_t Packer::gather(const uint8_t* s) const {
  const size_t n = state_bytes_;
  const uint64_t lo = load(s), hi = n > 8 ? load(s + n - 8) >> (8 * (16 - n)) : 0;
  const uint64_t stray = (lo & ~field_bits_[0]) | (hi & ~field_bits_[1]);
  // Bounded bytes are below 128 once stray is 0: (v | 0x80) - bound keeps
  // its top bit exactly when v >= bound, and never borrows from the next byte.
  const uint64_t over = (((lo | bounded_[0]) - bound_[0]) & bounded_[0]) | (((hi | bounded_[1]) - bound_[1]) & bounded_[1]);
  if (stray | over) reject(s);
  return _pext_u64(lo, field_bits_[0]) | _pext_u64(hi, field_bits_[1]) << low_bits_;
}

__attribute__((target("bmi2"))) void Packer::scatter(uint64_t w, uint8_t* out) const {
  const size_t n = state_bytes_;
  const uint64_t lo = _pdep_u64(w, field_bits_[0]);
  std::memcpy(out, &lo, 8);
  if (n == 8) return;
  const uint64_t hi = _pdep_u64(w >> low_bits_, field_bits_[1]);
  // Bytes n - 8 .. n - 1 in one store: the first word's last bytes, then the second's.
  const uint64_t tail = n == 16 ? hi : lo >> (8 * (n - 8)) | hi << (8 * (16 - n));
  std::memcpy(out + n - 8, &tail, 8);
}
#else
uint64_t Packer::gather(const uint8_t*) const { return 0; }  // gather_ is never set
void Packer::scatter(uint64_t, uint8_t*) const {}
#endif

void Packer::unpack_word(uint64_t w, uint8_t* out) const {
  if (identity_) {
    std::memcpy(out, &w, state_bytes_);  // little-endian: the key's bytes
    return;
  }
  if (gather_) return scatter(w, out);
  for (size_t i = 0; i < state_bytes_; ++i)
    out[i] = static_cast<uint8_t>((w >> fields_[i].offset) & ((1u << fields_[i].width) - 1));
}

void Packer::unpack(const uint8_t* p, uint8_t* out) const {
  if (identity_) {
    std::memcpy(out, p, state_bytes_);
    return;
  }
  if (bits_ <= 64) {
    // The key's bytes and no more (another thread may be writing the next
    // key), in two 4-byte reads that overlap rather than a copy of
    // variable length.
    const size_t n = packed_bytes_;
    uint64_t w = 0;
    if (n >= 4) {
      uint32_t head, tail;
      std::memcpy(&head, p, 4);
      std::memcpy(&tail, p + n - 4, 4);
      w = head | uint64_t{tail} << (8 * (n - 4));
    } else {
      for (size_t i = 0; i < n; ++i) w |= uint64_t{p[i]} << (8 * i);
    }
    return unpack_word(w, out);
  }
  for (size_t i = 0; i < state_bytes_; ++i) {
    const Field& f = fields_[i];
    if (f.width == 0) {  // a byte with one value: nothing stored, perhaps not even a byte
      out[i] = 0;
      continue;
    }
    // The next byte only for a field that runs into it: a key's last byte
    // may be followed by a key another thread is writing.
    const size_t at = f.offset >> 3, shift = f.offset & 7;
    unsigned two = p[at];
    if (shift + f.width > 8) two |= static_cast<unsigned>(p[at + 1]) << 8;
    out[i] = static_cast<uint8_t>((two >> shift) & ((1u << f.width) - 1));
  }
}

}  // namespace migcheck::engine
