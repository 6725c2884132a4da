#include "common/error_json.h"

#include <boost/json/array.hpp>

namespace parorende {

namespace json = boost::json;

json::object error_to_json(const Error& error) {
  json::object object;
  object["code"] = error.code;
  object["message"] = error.message;
  json::array details;
  for (const Problem& problem : error.problems) {
    details.push_back(json::object{
        {"where", problem.where}, {"code", problem.code}, {"message", problem.message}});
  }
  object["details"] = std::move(details);
  return object;
}

}  // namespace parorende
