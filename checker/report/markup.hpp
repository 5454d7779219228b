#pragma once
// Text placed into HTML or SVG markup.
#include <string>

namespace migcheck::report {

/// Escapes &, <, >, " and ' and replaces control characters with spaces:
/// trace and proposal text is input and must not become markup.
std::string escape(const std::string& text);

}  // namespace migcheck::report
