#pragma once
// The property catalog: stable ids and meanings from domain.md §5. Reports,
// baselines and traces refer to properties by these ids.
#include <string>
#include <vector>

#include "checker/engine/model.hpp"

namespace migcheck::world {

struct PropertyInfo {
  const char* id;
  const char* name;
  engine::PropertyKind kind;
  const char* description;
};

const std::vector<PropertyInfo>& property_catalog();
const PropertyInfo* find_property(const std::string& id);

}  // namespace migcheck::world
