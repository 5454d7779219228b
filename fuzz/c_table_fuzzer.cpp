// Next-step tables in the kernel's C form (audit-table): any text yields a
// table or an InputError located at file:line:column.
#include <cstdint>
#include <string>

#include "checker/input/errors.hpp"
#include "model/builtin.hpp"
#include "model/c_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const migcheck::Proposal v2 = migcheck::load_builtin("v2-fsm");
  try {
    migcheck::parse_c_tables("fuzz.c", std::string(reinterpret_cast<const char*>(data), size), v2);
  } catch (const migcheck::InputError&) {
  }
  return 0;
}
