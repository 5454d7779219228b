#pragma once
// Loads and validates a proposal file. Every problem is reported (file, JSON
// pointer, what was expected); unknown keys are errors, so a typo never
// silently drops a rule.
#include <string>

#include "model/proposal.hpp"

namespace migcheck {

/// Parses proposal JSON text; `file` is used in messages. Throws InputError.
Proposal load_proposal_text(const std::string& file, const std::string& text);
/// Reads and parses a proposal file. Throws InputError.
Proposal load_proposal_file(const std::string& file);

}  // namespace migcheck
