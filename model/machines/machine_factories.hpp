#pragma once
// Factories of the reference machines, one per translation unit. Feature
// names have been checked by the registry.
#include <memory>
#include <string>
#include <vector>

#include "model/device.hpp"

namespace migcheck::machines {

std::unique_ptr<DeviceModel> make_rfc2018_enum(const std::vector<std::string>& features);
std::unique_ptr<DeviceModel> make_rfc2018_bits(const std::vector<std::string>& features);
std::unique_ptr<DeviceModel> make_v1_bits(const std::vector<std::string>& features);
std::unique_ptr<DeviceModel> make_v2_fsm(const std::vector<std::string>& features);

}  // namespace migcheck::machines
