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

TEST(TextTest, ControlCharacters) {
  using namespace std::string_literals;
  EXPECT_FALSE(has_control_character("Takk for hjelpa – æøå 😀", false));
  for (std::string bad :
       {"\0"s, "a\x01"s, "\x1f"s, "\x7f"s, "\xc2\x80"s, "\xc2\x9f"s, "\t"s, "\n"s}) {
    EXPECT_TRUE(has_control_character(bad, false)) << bad.size();
  }
  EXPECT_FALSE(has_control_character("\xc2\xa0", false)) << "U+00A0 is a space, not control";
  EXPECT_FALSE(has_control_character("one\ttwo\nthree\r\nfour", true));
  EXPECT_TRUE(has_control_character("a\rb", true)) << "a lone carriage return";
  EXPECT_TRUE(has_control_character("end\r", true));
  EXPECT_TRUE(has_control_character("\0"s, true));
}

TEST(PercentEncoding, KeepsOnlyTheUnreservedCharacters) {
  EXPECT_EQ(percent_encode("a-Z_0.9~"), "a-Z_0.9~");
  EXPECT_EQ(percent_encode("openid profile"), "openid%20profile");
  EXPECT_EQ(percent_encode("https://x/cb?a=1&b"), "https%3A%2F%2Fx%2Fcb%3Fa%3D1%26b");
  EXPECT_EQ(percent_encode("ø"), "%C3%B8");
  EXPECT_EQ(percent_encode("kari@gjovik kommune"), "kari%40gjovik%20kommune");
  EXPECT_EQ(percent_encode("kari@gjovik kommune", "@"), "kari@gjovik%20kommune");
}

}  // namespace
}  // namespace parorende
