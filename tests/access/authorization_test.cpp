#include "access/authorization.h"

#include <gtest/gtest.h>

namespace parorende {
namespace {

constexpr Date kDecisionDay{2026, 12, 2};
constexpr AccessRule kStaffOrAdmin{.national_admin = true, .municipality_staff = true};
constexpr AccessRule kResearcher{.researcher = true};

Principal with(std::vector<Grant> grants, bool second_factor_done = true) {
  return {7, "kari", "Kari", std::move(grants), second_factor_done};
}

TEST(Authorization, AnyoneNeedsNoSessionAndEveryOtherRuleDoes) {
  EXPECT_EQ(decide_access({.anyone = true}, nullptr, {}, kDecisionDay), AccessDecision::allowed);
  for (AccessRule rule : {AccessRule{.signed_in = true}, kStaffOrAdmin, kResearcher}) {
    EXPECT_EQ(decide_access(rule, nullptr, {"3407", "w"}, kDecisionDay),
              AccessDecision::sign_in_needed);
  }
}

TEST(Authorization, StaffAreScopedToTheirMunicipalities) {
  Principal gjovik = with({{Role::municipality_staff, "3407", std::nullopt}});
  EXPECT_EQ(decide_access(kStaffOrAdmin, &gjovik, {"3407", ""}, kDecisionDay),
            AccessDecision::allowed);
  EXPECT_EQ(decide_access(kStaffOrAdmin, &gjovik, {"0301", ""}, kDecisionDay),
            AccessDecision::forbidden);
  EXPECT_EQ(decide_access(kStaffOrAdmin, &gjovik, {"", ""}, kDecisionDay),
            AccessDecision::forbidden);
  EXPECT_EQ(decide_access({.national_admin = true}, &gjovik, {"3407", ""}, kDecisionDay),
            AccessDecision::forbidden);
  Principal admin = with({{Role::national_admin, "", std::nullopt}});
  EXPECT_EQ(decide_access(kStaffOrAdmin, &admin, {"0301", ""}, kDecisionDay),
            AccessDecision::allowed);
}

TEST(Authorization, NoRoleCountsBeforeTheSecondFactor) {
  Principal admin = with({{Role::national_admin, "", std::nullopt}}, false);
  EXPECT_EQ(decide_access(kStaffOrAdmin, &admin, {"0301", ""}, kDecisionDay),
            AccessDecision::forbidden);
  EXPECT_EQ(decide_access({.signed_in = true}, &admin, {}, kDecisionDay), AccessDecision::allowed);
}

TEST(Authorization, AResearchersGrantEndsOnItsExpiryDate) {
  Principal researcher = with({{Role::researcher, "2026", Date{2026, 12, 2}}});
  EXPECT_EQ(decide_access(kResearcher, &researcher, {"", "2026"}, kDecisionDay),
            AccessDecision::allowed);
  EXPECT_EQ(decide_access(kResearcher, &researcher, {"", "2026"}, Date{2026, 12, 3}),
            AccessDecision::forbidden);
  EXPECT_EQ(decide_access(kResearcher, &researcher, {"", "2025"}, kDecisionDay),
            AccessDecision::forbidden);
}

}  // namespace
}  // namespace parorende
