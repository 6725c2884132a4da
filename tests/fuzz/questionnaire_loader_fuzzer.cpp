// Fuzz target: bytes as the text of a questionnaire definition ->
// load_questionnaire_text (JSON parsing with its limits, then every check
// of the loader: ids, texts, items, option sets, scales, expressions); a
// definition that loads has the visibility of its items worked out once
// with no answers, as a new response starts.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "questionnaire/questionnaire_loader.h"
#include "questionnaire/response_validation.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto loaded = parorende::load_questionnaire_text(text);
  if (!loaded) return 0;
  parorende::visible_items(loaded.value(), {});
  return 0;
}
