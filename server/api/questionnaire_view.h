// What a survey page needs to render a questionnaire: its structure and
// every text in one language.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "questionnaire/questionnaire.h"

namespace parorende::server {

// {"id", "version", "language", "languages", "title", "description",
//  "consent": {"version", "text"}, "sections": [{"id", "title",
//  "description", "visible_if", "items": [...]}]}; `language` must be one
// the questionnaire offers (see effective_language()).
boost::json::object questionnaire_view(const Questionnaire& questionnaire,
                                       std::string_view language);

}  // namespace parorende::server
