// The Device wrapper never restarts a machine on copy: every copy form, from a
// machine that is not in its initial state, keeps the state (design.md: a
// Boost.MSM machine copied from a non-const lvalue or by move restarts).
#include <gtest/gtest.h>

#include "model/device.hpp"

namespace migcheck {
namespace {

struct Case {
  std::string id;
  std::vector<std::string> features;
  std::vector<std::string> requests;  // leads away from the initial state
  std::string expected;
  std::string next;                   // one more defined request, to prove copies are independent
};

const std::vector<Case>& cases() {
  static const std::vector<Case> c = {
      {"rfc2018-enum", {}, {"RUNNING", "MIGRATION_SETUP"}, "MIGRATION_SETUP", "MIGRATION_PRECOPY"},
      {"rfc2018-bits", {}, {"STOPPED|IN_TRACKING"}, "STOPPED|IN_TRACKING", "STOPPED"},
      {"v1-bits", {}, {"SAVING|RUNNING"}, "SAVING|RUNNING", "SAVING"},
      {"v2-fsm", {"p2p", "precopy"}, {"PRE_COPY_P2P"}, "PRE_COPY_P2P", "STOP_COPY"},
  };
  return c;
}

Device advanced(const Case& c) {
  Device d = make_device(c.id, c.features);
  for (const auto& r : c.requests) EXPECT_EQ(d.request(r).kind, OutcomeKind::transition) << c.id << " " << r;
  EXPECT_EQ(d.state(), c.expected);
  return d;
}

TEST(DeviceCopy, EveryCopyFormKeepsTheState) {
  for (const auto& c : cases()) {
    SCOPED_TRACE(c.id);
    Device a = advanced(c);
    Device from_lvalue(a);
    EXPECT_EQ(from_lvalue.state(), c.expected);
    const Device& ca = a;
    Device from_const(ca);
    EXPECT_EQ(from_const.state(), c.expected);
    Device copy_init = a;
    EXPECT_EQ(copy_init.state(), c.expected);
    Device assigned = make_device(c.id, c.features);
    assigned = a;
    EXPECT_EQ(assigned.state(), c.expected);
    Device tmp = a;
    Device moved(std::move(tmp));
    EXPECT_EQ(moved.state(), c.expected);
    Device move_assigned = make_device(c.id, c.features);
    Device tmp2 = a;
    move_assigned = std::move(tmp2);
    EXPECT_EQ(move_assigned.state(), c.expected);
    Device from_temporary(advanced(c));
    EXPECT_EQ(from_temporary.state(), c.expected);
    Device& self = assigned;
    assigned = self;  // self-assignment
    EXPECT_EQ(assigned.state(), c.expected);
    std::vector<Device> v;
    for (int i = 0; i < 9; ++i) v.push_back(a);  // reallocation moves and copies elements
    for (const auto& d : v) EXPECT_EQ(d.state(), c.expected);
    EXPECT_EQ(a.state(), c.expected);
  }
}

TEST(DeviceCopy, CopiesAreIndependent) {
  for (const auto& c : cases()) {
    SCOPED_TRACE(c.id);
    Device a = advanced(c);
    Device b = a;
    EXPECT_EQ(b.request(c.next).kind, OutcomeKind::transition);
    EXPECT_NE(b.state(), c.expected);
    EXPECT_EQ(a.state(), c.expected);
  }
}

}  // namespace
}  // namespace migcheck
