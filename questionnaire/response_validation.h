// Checking a caregiver's response against a questionnaire.
#pragma once

#include <boost/json/value.hpp>
#include <string_view>

#include "common/result.h"
#include "questionnaire/answer.h"
#include "questionnaire/questionnaire.h"
#include "reference/municipalities.h"

namespace parorende {

// Validates a response document of the form
//   {"language": "nb", "municipality": "3421", "answers": {"item": value}}
// ("questionnaire" and "version", if present, must match; "municipality"
// defaults to the answer of the first municipality item and must agree
// with it). Returns the
// normalized Response, or an error (code "invalid_response") listing every
// problem: `where` is the item id (or the field name), `code` one of
// unknown_item, wrong_type, out_of_range, not_an_option, too_long,
// invalid_date, unknown_municipality, hidden_item, required, constraint,
// too_few_choices, too_many_choices, invalid_field; `message` is in the
// response's language (nb, nn or en).
//
// A partial response may leave required items unanswered; a complete one
// may not. Answers to items hidden by visible_if are discarded when
// `discard_hidden` is true (the normal case, e.g. after a caregiver changed
// an earlier answer) and reported as errors otherwise.
struct ValidationOptions {
  Completeness completeness = Completeness::complete;
  bool discard_hidden = true;
  const MunicipalityRegistry* municipalities = nullptr;  // builtin if null
};

Result<Response> validate_response(const Questionnaire& questionnaire,
                                   const boost::json::value& response,
                                   const ValidationOptions& options = {});

// Which items are visible given `answers` (by Questionnaire::items index).
std::vector<bool> visible_items(const Questionnaire& questionnaire, const Answers& answers);

// The JSON form of normalized answers (the inverse of what validation reads).
boost::json::object answers_to_json(const Questionnaire& questionnaire, const Answers& answers);

}  // namespace parorende
