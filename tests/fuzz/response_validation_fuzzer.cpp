// Fuzz target: bytes as a response document (what POST
// /api/v1/waves/{wave}/responses carries) -> parse_json with its limits ->
// validate_response against the shipped questionnaire
// questionnaires/belastningskartlegging.json, once as a partial response
// that drops hidden answers and once as a complete one that refuses them;
// the answers of a valid response are turned back into JSON, which must
// validate again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/json_input.h"
#include "questionnaire/questionnaire_loader.h"
#include "questionnaire/response_validation.h"

namespace {

const parorende::Questionnaire* questionnaire = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  static auto loaded = parorende::load_questionnaire_file(
      PARORENDE_SOURCE_DIR "/questionnaires/belastningskartlegging.json");
  if (!loaded) std::abort();
  questionnaire = &loaded.value();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace parorende;
  auto document = parse_json(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!document) return 0;
  auto partial =
      validate_response(*questionnaire, document.value(), {Completeness::partial, true, nullptr});
  auto complete =
      validate_response(*questionnaire, document.value(), {Completeness::complete, false, nullptr});
  static_cast<void>(complete);
  if (!partial) return 0;
  const Response& response = partial.value();
  boost::json::object again{{"language", response.language},
                            {"answers", answers_to_json(*questionnaire, response.answers)}};
  if (!response.municipality.empty()) again["municipality"] = response.municipality;
  auto revalidated =
      validate_response(*questionnaire, again, {Completeness::partial, true, nullptr});
  if (!revalidated || revalidated.value().answers != response.answers) std::abort();
  return 0;
}
