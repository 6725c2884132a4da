// The JSON form of scores, shared by `parorende score` and the screening API.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "common/error_json.h"
#include "common/result.h"
#include "questionnaire/questionnaire.h"
#include "questionnaire/scoring.h"

namespace parorende {

// {"questionnaire", "version", "language", "scales": [...], "burden": [...]},
// with titles, category labels and follow-up texts in `language`.
boost::json::object score_report_json(const Questionnaire& questionnaire,
                                      const ResponseScores& scores, std::string_view language);

}  // namespace parorende
