// The domain rules of waves and questionnaire versions (questionnaire/wave.h,
// questionnaire/questionnaire.h), checked without a store.
#include "questionnaire/wave.h"

#include <gtest/gtest.h>

#include "questionnaire/questionnaire.h"
#include "test_support.h"

namespace parorende {
namespace {

WaveSpec spring() {
  WaveSpec spec;
  spec.name = "Våren 2027";
  spec.questionnaire_id = "parorendeundersokelse";
  spec.opens = *parse_iso_date("2027-03-01");
  spec.closes = *parse_iso_date("2027-03-31");
  spec.municipalities = {"5038", "0301"};
  return spec;
}

TEST(CheckWaveSpec, AcceptsAValidWaveAndAOneDayWave) {
  EXPECT_TRUE(check_wave_spec(spring()).ok());
  WaveSpec one_day = spring();
  one_day.closes = one_day.opens;
  EXPECT_TRUE(check_wave_spec(one_day).ok());
}

TEST(CheckWaveSpec, ReportsEveryProblemAtOnce) {
  WaveSpec spec = spring();
  spec.name = "bad\nname";
  spec.closes = *parse_iso_date("2027-02-28");
  spec.municipalities = {"5038", "9999"};
  auto checked = check_wave_spec(spec);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().code, "invalid_wave");
  testing::problem_at(checked.error(), "name", "invalid_field");
  testing::problem_at(checked.error(), "closes", "invalid_field");
  testing::problem_at(checked.error(), "9999", "unknown_municipality");
  EXPECT_EQ(checked.error().problems.size(), 3u);
}

TEST(CheckWaveSpec, NameLength) {
  WaveSpec spec = spring();
  spec.name = "";
  EXPECT_FALSE(check_wave_spec(spec).ok());
  spec.name = std::string(100, 'x');
  EXPECT_TRUE(check_wave_spec(spec).ok());
  spec.name = std::string(101, 'x');
  EXPECT_FALSE(check_wave_spec(spec).ok());
}

TEST(VersionLess, NumericPartsCompareAsNumbers) {
  EXPECT_TRUE(version_less("1.9.2", "1.10.0"));
  EXPECT_FALSE(version_less("1.10.0", "1.9.2"));
  EXPECT_TRUE(version_less("1.0", "1.0.1"));
  EXPECT_FALSE(version_less("2.0.0", "2.0.0"));
  EXPECT_TRUE(version_less("1.0.0-beta", "1.0.0-rc"));
  EXPECT_TRUE(version_less("2026-1", "2026-2"));
}

}  // namespace
}  // namespace parorende
