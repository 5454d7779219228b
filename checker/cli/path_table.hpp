#pragma once
// `migcheck path`, `migcheck table` and `migcheck audit-table`: the v2 path
// walk, its next-step table, and audits of a C table.
#include <optional>
#include <string>

namespace migcheck {

int run_path_command(const std::string& proposal, const std::string& from, const std::string& to,
                     const std::optional<std::string>& features);
int run_table_command(const std::string& proposal, const std::optional<std::string>& features, const std::string& format);
int run_audit_command(const std::string& file, const std::string& proposal, const std::string& walk);

}  // namespace migcheck
