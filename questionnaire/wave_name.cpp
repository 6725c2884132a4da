#include "questionnaire/wave_name.h"

#include "reference/municipalities.h"

namespace parorende {
namespace {

constexpr std::string_view kMonthsNorwegian[] = {"januar",    "februar", "mars",     "april",
                                                 "mai",       "juni",    "juli",     "august",
                                                 "september", "oktober", "november", "desember"};
constexpr std::string_view kMonthsEnglish[] = {"January",   "February", "March",    "April",
                                               "May",       "June",     "July",     "August",
                                               "September", "October",  "November", "December"};

std::string month_name(int month, std::string_view language) {
  const auto index = static_cast<std::size_t>(month - 1);
  return std::string(language == "en" ? kMonthsEnglish[index] : kMonthsNorwegian[index]);
}

std::string period(Date opens, Date closes, std::string_view language) {
  const std::string year = std::to_string(closes.year);
  if (opens.year == closes.year && opens.month == 1 && opens.day == 1 && closes.month == 12 &&
      closes.day == 31) {
    return year;
  }
  const std::string last = month_name(closes.month, language);
  if (opens.year != closes.year) {
    return month_name(opens.month, language) + " " + std::to_string(opens.year) + "–" + last + " " +
           year;
  }
  if (opens.month == closes.month) return last + " " + year;
  return month_name(opens.month, language) + "–" + last + " " + year;
}

std::string places(const Wave& wave, std::string_view language) {
  const MunicipalityRegistry& registry = builtin_municipalities();
  if (wave.municipalities.size() > 2) {
    return std::to_string(wave.municipalities.size()) + (language == "en"   ? " municipalities"
                                                         : language == "nn" ? " kommunar"
                                                                            : " kommuner");
  }
  std::string names;
  for (const std::string& code : wave.municipalities) {
    const Municipality* municipality = registry.find(code);
    if (!names.empty()) names += language == "en" ? " and " : " og ";
    names += municipality ? municipality->name : code;
  }
  return names;
}

}  // namespace

std::string wave_plain_name(const Wave& wave, const Questionnaire& questionnaire,
                            std::string_view language) {
  std::string name = questionnaire.title.in(language);
  if (!wave.is_national()) name += " – " + places(wave, language);
  return name + ", " + period(wave.opens, wave.closes, language);
}

}  // namespace parorende
