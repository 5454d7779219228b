// ITF traces: any text is read and, if valid, printed both ways (trace show),
// or is an InputError. Printing must never emit a control character.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "checker/input/errors.hpp"
#include "checker/itf.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    auto trace = migcheck::itf::parse("fuzz.itf.json", std::string(reinterpret_cast<const char*>(data), size));
    for (auto mode : {migcheck::itf::ShowMode::diff, migcheck::itf::ShowMode::full}) {
      std::ostringstream out;
      migcheck::itf::show(out, trace, mode);
      for (unsigned char c : out.str())
        if ((c < 0x20 && c != '\n') || c == 0x7f) std::abort();  // a raw control character reached the terminal
    }
  } catch (const migcheck::InputError&) {
  }
  return 0;
}
