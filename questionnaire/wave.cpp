#include "questionnaire/wave.h"

#include <algorithm>
#include <cctype>

#include "reference/municipalities.h"

namespace parorende {

bool Wave::covers(std::string_view municipality) const {
  if (is_national()) return true;
  return std::binary_search(municipalities.begin(), municipalities.end(), municipality);
}

Status check_wave_spec(const WaveSpec& spec) {
  std::vector<Problem> problems;
  if (spec.name.empty() || spec.name.size() > 100) {
    problems.push_back({"name", "invalid_field", "a wave name has 1 to 100 characters"});
  }
  for (unsigned char c : spec.name) {
    if (std::iscntrl(c)) {
      problems.push_back({"name", "invalid_field", "a wave name has no control characters"});
      break;
    }
  }
  if (spec.closes < spec.opens) {
    problems.push_back({"closes", "invalid_field", "the wave closes before it opens"});
  }
  for (const std::string& code : spec.municipalities) {
    if (builtin_municipalities().find(code) == nullptr) {
      problems.push_back({code, "unknown_municipality", "no municipality has code " + code});
    }
  }
  if (problems.empty()) return {};
  return make_error("invalid_wave", "the wave is not valid", std::move(problems));
}

}  // namespace parorende
