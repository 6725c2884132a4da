// The JSON form of a WaveReport and a WaveChange: what `parorende analyze
// --format json` prints and what the results API can serve. Undefined and
// withheld figures are null; numbers are written in full (shortest
// round-trip form), so rounding is the reader's choice. The layout is in
// docs/analytics.md.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "analytics/wave_change.h"
#include "analytics/wave_report.h"

namespace parorende::analytics {

// A figure as JSON: null when undefined or withheld (NaN), else the number.
boost::json::value json_number(double value);
// A confidence interval as [low, high], each by json_number.
boost::json::array json_interval(double low, double high);

// What an unprotected report says of itself, in every output form.
inline constexpr const char* kUnprotectedWarning =
    "UNPROTECTED: every cell, however few respondents it rests on; for the data owner only, "
    "never to be published (docs/privacy.md)";

boost::json::object wave_report_json(const WaveReport& report);
boost::json::object wave_change_json(const WaveChange& change);

}  // namespace parorende::analytics
