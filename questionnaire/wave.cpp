#include "questionnaire/wave.h"

#include <algorithm>

namespace parorende {

bool Wave::covers(std::string_view municipality) const {
  if (is_national()) return true;
  return std::binary_search(municipalities.begin(), municipalities.end(), municipality);
}

}  // namespace parorende
