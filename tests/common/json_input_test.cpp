// Reading untrusted JSON (common/json_input.h): a key given twice in one
// object is an error that names the key's path.
#include "common/json_input.h"

#include <gtest/gtest.h>

namespace parorende {
namespace {

std::string duplicate_in(std::string_view text) {
  auto parsed = parse_json(text);
  if (parsed.ok()) return "";
  EXPECT_EQ(parsed.error().code, "duplicate_key") << parsed.error().message;
  return parsed.error().problems.empty() ? "?" : parsed.error().problems.at(0).where;
}

TEST(ParseJson, AKeyGivenTwiceInOneObjectIsNamedByItsPath) {
  EXPECT_EQ(duplicate_in(R"({"a": 1, "a": 2})"), "$.a");
  EXPECT_EQ(duplicate_in(R"({"a": {"b": 1, "c": {}, "b": 2}})"), "$.a.b");
  EXPECT_EQ(duplicate_in(R"({"list": [{"x": 1}, 7, {"y": [], "y": null}]})"), "$.list[2].y");
  EXPECT_EQ(duplicate_in(R"([[], [{"k": "v", "k": "v"}]])"), "$[1][0].k");
  // The same key written two ways is the same key.
  EXPECT_EQ(duplicate_in(R"({"a": 1, "\u0061": 2})"), "$.a");
}

TEST(ParseJson, TheSameKeyInDifferentObjectsIsFine) {
  EXPECT_EQ(duplicate_in(R"({"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 3}, {"x": 4}]})"), "");
  EXPECT_EQ(duplicate_in(R"({"x": {"x": {"x": 1}}})"), "");
  EXPECT_EQ(duplicate_in(R"({"ab": 1, "a": 2, "b": 3})"), "");
}

}  // namespace
}  // namespace parorende
