#pragma once
// Reads a next-step table and a required-flags table in the kernel's C form
// (designated initializers), found by name among other code, and writes one.
#include <ostream>
#include <string>

#include "model/next_step.hpp"

namespace migcheck {

/// Finds `p.c_form.table` and `p.c_form.flags_table` in C source text. Entries
/// left out are 0, as in C. Throws InputError with file:line:column.
NextStepTable parse_c_tables(const std::string& file, const std::string& text, const Proposal& p);

/// The kernel's form of a table, with a header comment saying where it came from.
void write_c_tables(std::ostream& out, const Proposal& p, const NextStepTable& t, const std::string& header);

}  // namespace migcheck
