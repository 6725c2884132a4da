// Small text helpers (common/text.h), and the one id rule of definitions
// that the loader and the REDCap importer share.
#include "common/text.h"

#include <gtest/gtest.h>

#include <string>

#include "questionnaire/questionnaire_loader.h"

namespace parorende {
namespace {

TEST(TextTest, AsciiLowerLeavesEverythingButAToZ) {
  EXPECT_EQ(ascii_lower("Slider ÆØÅ Yes_No 42"), "slider ÆØÅ yes_no 42");
  EXPECT_EQ(ascii_lower(""), "");
}

TEST(TextTest, DefinitionIds) {
  EXPECT_TRUE(is_definition_id("care_hours2"));
  EXPECT_TRUE(is_definition_id(std::string(kMaxDefinitionIdLength, 'a')));
  EXPECT_FALSE(is_definition_id(std::string(kMaxDefinitionIdLength + 1, 'a')));
  for (const char* bad : {"", "2x", "_x", "Care", "care-hours", "care hours", "æ"}) {
    EXPECT_FALSE(is_definition_id(bad)) << bad;
  }
}

}  // namespace
}  // namespace parorende
