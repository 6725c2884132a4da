// A round's plain name (questionnaire/wave_name.h): the questionnaire's
// title in the language, the municipalities of a local round, the period.
#include "questionnaire/wave_name.h"

#include <gtest/gtest.h>

namespace parorende {
namespace {

Questionnaire survey() {
  Questionnaire questionnaire;
  questionnaire.title = LocalizedText({{"nb", "Pårørendeundersøkelsen"},
                                       {"nn", "Pårørandeundersøkinga"},
                                       {"en", "The caregiver survey"}});
  return questionnaire;
}

Wave wave(const char* opens, const char* closes, std::vector<std::string> municipalities = {}) {
  Wave result;
  result.name = "2026-var";
  result.opens = *parse_iso_date(opens);
  result.closes = *parse_iso_date(closes);
  result.municipalities = std::move(municipalities);
  return result;
}

TEST(WavePlainName, NationalRoundsByTheirPeriod) {
  EXPECT_EQ(wave_plain_name(wave("2026-03-02", "2026-04-30"), survey(), "nb"),
            "Pårørendeundersøkelsen, mars–april 2026");
  EXPECT_EQ(wave_plain_name(wave("2026-03-02", "2026-03-20"), survey(), "nn"),
            "Pårørandeundersøkinga, mars 2026");
  EXPECT_EQ(wave_plain_name(wave("2026-01-01", "2026-12-31"), survey(), "en"),
            "The caregiver survey, 2026");
  EXPECT_EQ(wave_plain_name(wave("2025-12-01", "2026-01-31"), survey(), "en"),
            "The caregiver survey, December 2025–January 2026");
}

TEST(WavePlainName, LocalRoundsNameTheirMunicipalities) {
  EXPECT_EQ(wave_plain_name(wave("2026-09-01", "2026-10-15", {"3407"}), survey(), "nb"),
            "Pårørendeundersøkelsen – Gjøvik, september–oktober 2026");
  EXPECT_EQ(wave_plain_name(wave("2026-09-01", "2026-10-15", {"3407", "5038"}), survey(), "en"),
            "The caregiver survey – Gjøvik and Verdal, September–October 2026");
  EXPECT_EQ(
      wave_plain_name(wave("2026-09-01", "2026-10-15", {"0301", "3407", "5038"}), survey(), "nn"),
      "Pårørandeundersøkinga – 3 kommunar, september–oktober 2026");
}

TEST(WavePlainName, AnotherLanguageReadsAsItsFallback) {
  EXPECT_EQ(wave_plain_name(wave("2026-03-02", "2026-04-30"), survey(), "se"),
            "Pårørendeundersøkelsen, mars–april 2026");
}

}  // namespace
}  // namespace parorende
