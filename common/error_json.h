// The one JSON shape of an Error, for every answer and output that reports
// one: {"code", "message", "details": [{"where", "code", "message"}]}.
#pragma once

#include <boost/json/object.hpp>

#include "common/result.h"

namespace parorende {

boost::json::object error_to_json(const Error& error);

}  // namespace parorende
