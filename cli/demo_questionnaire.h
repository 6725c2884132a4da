// The shipped questionnaires/parorendeundersokelse.json, compiled into the
// binary (CMake writes it in), so `parorende demo-data` finds its default
// questionnaire from any working directory.
#pragma once

#include <string_view>

namespace parorende::cli {

std::string_view demo_questionnaire_definition();

}  // namespace parorende::cli
