// What the crash test's child submits: response number SEQUENCE always has
// the same answers, so the parent can check what survived the kill.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

#include "questionnaire/answer.h"

namespace parorende::crash_test {

inline constexpr const char* kWave = "crash";
inline constexpr const char* kQuestionnaire = "small_survey";
inline constexpr const char* kConsent = "2026-1";
inline constexpr Date kToday{2026, 3, 10};

// A complete response to tests/data/store/small_survey.json.
inline boost::json::object response_document(std::int64_t sequence) {
  static constexpr const char* kHomes[] = {"0301", "4601", "5001", "1103", "3907", "1804", "5501"};
  const char* home = kHomes[sequence % 7];
  boost::json::object answers;
  answers["home"] = home;
  answers["informed"] = sequence % 5 + 1;
  answers["heard"] = (sequence / 5) % 5 + 1;
  answers["children"] = sequence % 2 == 0;
  boost::json::array help;
  std::int64_t chosen = sequence % 7 + 1;  // never empty
  for (int code = 1; code <= 3; ++code) {
    if ((chosen >> (code - 1)) & 1) help.push_back(code);
  }
  answers["help_used"] = std::move(help);
  answers["hours"] = sequence % 169;
  answers["comment"] = "response " + std::to_string(sequence);
  boost::json::object document;
  document["language"] = "nb";
  document["municipality"] = home;
  document["answers"] = std::move(answers);
  return document;
}

}  // namespace parorende::crash_test
