#pragma once
// A world state as ITF variables (names and values a reviewer can read).
#include <nlohmann/json.hpp>

#include "model/world/world.hpp"

namespace migcheck::world {

nlohmann::ordered_json state_json(const World& w, View v);

}  // namespace migcheck::world
