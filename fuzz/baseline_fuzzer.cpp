// Baselines: any text is a valid baseline or an InputError.
#include <cstdint>
#include <string>

#include "checker/cli/baseline.hpp"
#include "checker/input/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    migcheck::parse_baseline("fuzz.json", std::string(reinterpret_cast<const char*>(data), size));
  } catch (const migcheck::InputError&) {
  }
  return 0;
}
