#include "analytics/suppression.h"

namespace parorende::analytics {

std::string_view suppression_name(Suppression suppression) {
  switch (suppression) {
    case Suppression::none: return "";
    case Suppression::primary: return "primary";
    case Suppression::secondary: return "secondary";
  }
  return "";
}

}  // namespace parorende::analytics
