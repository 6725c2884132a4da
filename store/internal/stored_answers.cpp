#include "store/internal/stored_answers.h"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>
#include <charconv>
#include <type_traits>
#include <variant>

#include "common/json_input.h"
#include "questionnaire/answers_in_item_order.h"

namespace parorende {
namespace {

namespace json = boost::json;

void append_integer(std::string& out, std::int64_t value) {
  char buffer[24];
  auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  out.append(buffer, end);
}

void append_value(std::string& out, const AnswerValue& answer) {
  std::visit(
      [&out](const auto& value) {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::int64_t>) {
          append_integer(out, value);
        } else if constexpr (std::is_same_v<T, double>) {
          out += json::serialize(json::value(value));
        } else if constexpr (std::is_same_v<T, bool>) {
          out += value ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
          out += '[';
          for (std::size_t i = 0; i < value.size(); ++i) {
            if (i != 0) out += ',';
            append_integer(out, value[i]);
          }
          out += ']';
        } else if constexpr (std::is_same_v<T, std::string>) {
          out += json::serialize(json::string(value));  // escapes
        } else {
          out += '"';
          out += value.iso();
          out += '"';
        }
      },
      answer);
}

}  // namespace

std::string encode_stored_answers(const Questionnaire& questionnaire, const Answers& answers) {
  std::string out;
  // Most answers are a code of one or two digits and a comma: one
  // allocation instead of a doubling series.
  out.reserve(4 * questionnaire.items.size() + 16);
  out += '[';
  std::size_t pending_nulls = 0;
  bool first = true;
  for (const AnswerValue* answer : answers_in_item_order(questionnaire, answers)) {
    if (answer == nullptr) {
      ++pending_nulls;
      continue;
    }
    for (; pending_nulls > 0; --pending_nulls) {
      out += first ? "null" : ",null";
      first = false;
    }
    if (!first) out += ',';
    first = false;
    append_value(out, *answer);
  }
  out += ']';
  return out;
}

Result<json::object> decode_stored_answers(const Questionnaire& questionnaire,
                                           std::string_view stored) {
  auto bad = [] { return make_error("storage_failure", "stored answers are not an answer array"); };
  auto parsed = parse_json(stored);
  if (!parsed || !parsed->is_array()) return bad();
  const json::array& values = parsed->get_array();
  if (values.size() > questionnaire.items.size()) return bad();
  json::object answers;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!values[i].is_null()) answers[questionnaire.items[i].id] = values[i];
  }
  return answers;
}

}  // namespace parorende
