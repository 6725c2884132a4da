#include "questionnaire/response_validation.h"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <cmath>
#include <map>
#include <tuple>

#include "common/json_input.h"
#include "common/text.h"

namespace parorende {
namespace {

namespace json = boost::json;

// Validation messages are shown to caregivers beside the field, so they are
// plain words in the caregiver's language; {placeholders} are filled in.
struct MessageTemplates {
  std::string_view language;
  std::string_view unknown_item, wrong_type, out_of_range, at_least, at_most, not_an_option,
      too_long, invalid_date, unknown_municipality, hidden_item, required, too_few_choices,
      too_many_choices, bad_language, bad_field, not_this_questionnaire, not_this_version,
      unknown_field, control_character, not_an_object;
  std::string_view kind_option, kind_options, kind_integer, kind_number, kind_yes_no, kind_text,
      kind_date, kind_municipality;
};

constexpr MessageTemplates kMessages[] = {
    {"nb",
     "Det finnes ikke noe spørsmål med id «{value}».",
     "Svaret må være {expected}.",
     "Svaret må være mellom {min} og {max}.",
     "Svaret må være minst {min}.",
     "Svaret må være høyst {max}.",
     "{value} er ikke et av svaralternativene.",
     "Svaret kan være høyst {max} tegn langt.",
     "«{value}» er ikke en gyldig dato. Skriv den som ÅÅÅÅ-MM-DD.",
     "«{value}» er ikke et norsk kommunenummer.",
     "Dette spørsmålet vises ikke ut fra de andre svarene dine, og kan ikke besvares.",
     "Svar på dette spørsmålet.",
     "Velg minst {min}.",
     "Velg høyst {max}.",
     "Språket «{value}» finnes ikke for dette skjemaet.",
     "Feltet «{value}» er ugyldig: {expected}.",
     "Svaret hører til et annet skjema («{value}»).",
     "Svaret hører til en annen versjon av skjemaet («{value}»).",
     "Feltet «{value}» er ukjent.",
     "Svaret kan ikke inneholde kontrolltegn (usynlige tegn som ikke er tekst).",
     "Svaret må sendes som et JSON-objekt.",
     "et av svaralternativene",
     "en liste med svaralternativer",
     "et helt tall",
     "et tall",
     "ja eller nei",
     "tekst",
     "en dato (ÅÅÅÅ-MM-DD)",
     "et kommunenummer med fire sifre"},
    {"nn",
     "Det finst ikkje noko spørsmål med id «{value}».",
     "Svaret må vere {expected}.",
     "Svaret må vere mellom {min} og {max}.",
     "Svaret må vere minst {min}.",
     "Svaret må vere høgst {max}.",
     "{value} er ikkje eitt av svaralternativa.",
     "Svaret kan vere høgst {max} teikn langt.",
     "«{value}» er ikkje ein gyldig dato. Skriv han som ÅÅÅÅ-MM-DD.",
     "«{value}» er ikkje eit norsk kommunenummer.",
     "Dette spørsmålet blir ikkje vist ut frå dei andre svara dine, og kan ikkje svarast på.",
     "Svar på dette spørsmålet.",
     "Vel minst {min}.",
     "Vel høgst {max}.",
     "Språket «{value}» finst ikkje for dette skjemaet.",
     "Feltet «{value}» er ugyldig: {expected}.",
     "Svaret høyrer til eit anna skjema («{value}»).",
     "Svaret høyrer til ein annan versjon av skjemaet («{value}»).",
     "Feltet «{value}» er ukjent.",
     "Svaret kan ikkje innehalde kontrollteikn (usynlege teikn som ikkje er tekst).",
     "Svaret må sendast som eit JSON-objekt.",
     "eitt av svaralternativa",
     "ei liste med svaralternativ",
     "eit heilt tal",
     "eit tal",
     "ja eller nei",
     "tekst",
     "ein dato (ÅÅÅÅ-MM-DD)",
     "eit kommunenummer med fire siffer"},
    {"en",
     "There is no question with id '{value}'.",
     "The answer must be {expected}.",
     "The answer must be between {min} and {max}.",
     "The answer must be at least {min}.",
     "The answer must be at most {max}.",
     "{value} is not one of the answer options.",
     "The answer can be at most {max} characters long.",
     "'{value}' is not a valid date. Write it as YYYY-MM-DD.",
     "'{value}' is not a Norwegian municipality number.",
     "This question is not shown with your other answers, so it cannot be answered.",
     "Please answer this question.",
     "Choose at least {min}.",
     "Choose at most {max}.",
     "The language '{value}' is not available for this questionnaire.",
     "The field '{value}' is invalid: {expected}.",
     "The response belongs to another questionnaire ('{value}').",
     "The response belongs to another version of the questionnaire ('{value}').",
     "The field '{value}' is not known.",
     "The answer cannot contain control characters (invisible characters that are not text).",
     "The response must be sent as a JSON object.",
     "one of the answer options",
     "a list of answer options",
     "a whole number",
     "a number",
     "yes or no",
     "text",
     "a date (YYYY-MM-DD)",
     "a four-digit municipality number"},
};

const MessageTemplates& templates_for(std::string_view language) {
  for (std::string_view candidate : language_fallbacks(language)) {
    for (const MessageTemplates& templates : kMessages) {
      if (templates.language == candidate) return templates;
    }
  }
  return kMessages[0];
}

struct Placeholders {
  std::string value;
  std::string expected;
  std::string min;
  std::string max;
};

std::string fill(std::string_view pattern, const Placeholders& with) {
  std::string text;
  std::size_t i = 0;
  while (i < pattern.size()) {
    std::size_t open = pattern.find('{', i);
    if (open == std::string_view::npos) {
      text.append(pattern.substr(i));
      break;
    }
    text.append(pattern.substr(i, open - i));
    std::size_t close = pattern.find('}', open);
    std::string_view name = pattern.substr(open + 1, close - open - 1);
    if (name == "value") text += with.value;
    if (name == "expected") text += with.expected;
    if (name == "min") text += with.min;
    if (name == "max") text += with.max;
    i = close + 1;
  }
  return text;
}

// A bound as the caregiver writes numbers: shortest exact form, and a
// decimal comma in Norwegian ("2,5", not "2.5").
std::string format_number(double number, std::string_view language) {
  char buffer[32];
  auto written = std::to_chars(buffer, buffer + sizeof buffer, number);
  std::string text(buffer, written.ptr);
  if (language != "en") std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

// Echoes part of a bad value back without repeating a huge or binary one.
std::string quote_value(const json::value& value) {
  std::string text = value.is_string() ? std::string(value.get_string()) : json::serialize(value);
  constexpr std::size_t kShown = 40;
  if (text.size() > kShown) {
    std::size_t cut = kShown;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "…";
  }
  return text;
}

std::optional<std::int64_t> as_integer(const json::value& value) {
  if (value.is_int64()) return value.get_int64();
  if (value.is_uint64()) {
    if (value.get_uint64() > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<std::int64_t>(value.get_uint64());
  }
  if (value.is_double()) {
    double number = value.get_double();
    if (std::floor(number) == number && std::fabs(number) < 9e15) {
      return static_cast<std::int64_t>(number);
    }
  }
  return std::nullopt;
}

// Decides visibility in document order from the answers kept so far, so an
// answer hidden by an earlier one is never read by a later rule. `on_item`
// is called with each item and whether it is visible, and adds to `kept`
// whatever answer it keeps.
template <typename OnItem>
void walk_in_document_order(const Questionnaire& questionnaire, Answers& kept, OnItem on_item) {
  std::optional<std::size_t> current_section;
  bool section_visible = true;
  for (std::size_t i = 0; i < questionnaire.items.size(); ++i) {
    const Item& item = questionnaire.items[i];
    if (current_section != item.section_index) {
      current_section = item.section_index;
      const Section& section = questionnaire.sections[item.section_index];
      section_visible = !section.visible_if || section.visible_if->evaluate(kept);
    }
    bool visible = section_visible && (!item.visible_if || item.visible_if->evaluate(kept));
    on_item(i, item, visible);
  }
}

class ResponseChecker {
 public:
  ResponseChecker(const Questionnaire& questionnaire, const ValidationOptions& options)
      : questionnaire_(questionnaire),
        options_(options),
        municipalities_(options.municipalities ? *options.municipalities
                                               : builtin_municipalities()) {}

  Result<Response> check(const json::value& document) {
    response_.questionnaire_id = questionnaire_.id;
    response_.questionnaire_version = questionnaire_.version;
    response_.language = questionnaire_.default_language;
    response_.completeness = options_.completeness;
    if (!document.is_object()) {
      add("$", "invalid_field", std::string(messages().not_an_object));
      return finish();
    }
    const json::object& object = document.get_object();
    read_language(object);
    read_header(object);
    auto answers = object.find("answers");
    if (answers == object.end() || answers->value().is_null()) {
      if (options_.completeness == Completeness::complete) read_answers({});
    } else if (!answers->value().is_object()) {
      add("answers", "invalid_field",
          fill(messages().bad_field, {"answers", "{ \"item\": answer }", "", ""}));
    } else {
      read_answers(answers->value().get_object());
    }
    take_municipality_from_answers();
    return finish();
  }

 private:
  const MessageTemplates& messages() const { return templates_for(response_.language); }

  void add(std::string where, std::string code, std::string message) {
    problems_.push_back({std::move(where), std::move(code), std::move(message)});
  }

  Result<Response> finish() {
    if (!problems_.empty()) {
      std::string summary = std::to_string(problems_.size()) +
                            (problems_.size() == 1 ? " problem" : " problems") + " in the response";
      return make_error("invalid_response", summary, std::move(problems_));
    }
    return std::move(response_);
  }

  void read_language(const json::object& object) {
    auto found = object.find("language");
    if (found == object.end()) return;
    if (!found->value().is_string()) {
      add("language", "invalid_field",
          fill(messages().bad_field, {"language", "nb, nn, en", "", ""}));
      return;
    }
    std::string language(found->value().get_string());
    bool offered = std::find(questionnaire_.languages.begin(), questionnaire_.languages.end(),
                             language) != questionnaire_.languages.end();
    if (!offered) {
      add("language", "invalid_field",
          fill(messages().bad_language, {quote_value(found->value()), "", "", ""}));
      return;
    }
    response_.language = language;
  }

  void read_header(const json::object& object) {
    static constexpr std::string_view kFields[] = {"questionnaire",  "version", "language",
                                                   "municipality",   "answers", "status",
                                                   "consent_version"};
    for (const auto& field : object) {
      if (std::find(std::begin(kFields), std::end(kFields), field.key()) == std::end(kFields)) {
        add(std::string(field.key()), "invalid_field",
            fill(messages().unknown_field, {quote_value(json::value(field.key())), "", "", ""}));
      }
    }
    for (auto [field, expected, message] :
         {std::tuple{"questionnaire", questionnaire_.id, messages().not_this_questionnaire},
          std::tuple{"version", questionnaire_.version, messages().not_this_version}}) {
      auto found = object.find(field);
      if (found == object.end()) continue;
      if (!found->value().is_string() || found->value().get_string() != expected) {
        add(field, "invalid_field", fill(message, {quote_value(found->value()), "", "", ""}));
      }
    }
    auto municipality = object.find("municipality");
    if (municipality != object.end() && !municipality->value().is_null()) {
      const json::value& value = municipality->value();
      if (!value.is_string() || municipalities_.find(value.get_string()) == nullptr) {
        add("municipality", "unknown_municipality",
            fill(messages().unknown_municipality, {quote_value(value), "", "", ""}));
      } else {
        response_.municipality = std::string(value.get_string());
      }
    }
  }

  // A questionnaire that asks for the municipality as an item belongs to
  // the municipality answered there, unless the response names it itself.
  void take_municipality_from_answers() {
    for (const Item& item : questionnaire_.items) {
      if (item.type != ItemType::municipality) continue;
      auto answer = response_.answers.find(item.id);
      if (answer == response_.answers.end()) return;
      const auto& code = std::get<std::string>(answer->second);
      if (response_.municipality.empty()) {
        response_.municipality = code;
      } else if (response_.municipality != code) {
        add("municipality", "invalid_field",
            fill(messages().bad_field,
                 {"municipality", response_.municipality + " ≠ " + code, "", ""}));
      }
      return;
    }
  }

  void wrong_type(const Item& item, std::string_view expected) {
    add(item.id, "wrong_type", fill(messages().wrong_type, {"", std::string(expected), "", ""}));
  }

  // Converts one JSON answer to the item's normalized form, or reports why not.
  std::optional<AnswerValue> normalize(const Item& item, const json::value& value) {
    const MessageTemplates& text = messages();
    switch (item.type) {
      case ItemType::single_choice: {
        auto code = as_integer(value);
        if (!code) {
          wrong_type(item, text.kind_option);
          return std::nullopt;
        }
        if (!item.has_option(*code) && !item.is_dont_know(*code)) {
          add(item.id, "not_an_option", fill(text.not_an_option, {quote_value(value), "", "", ""}));
          return std::nullopt;
        }
        return *code;
      }
      case ItemType::multiple_choice: {
        if (!value.is_array()) {
          wrong_type(item, text.kind_options);
          return std::nullopt;
        }
        std::vector<std::int64_t> codes;
        for (const json::value& element : value.get_array()) {
          auto code = as_integer(element);
          if (!code) {
            wrong_type(item, text.kind_options);
            return std::nullopt;
          }
          if (!item.has_option(*code)) {
            add(item.id, "not_an_option",
                fill(text.not_an_option, {quote_value(element), "", "", ""}));
            return std::nullopt;
          }
          codes.push_back(*code);
        }
        std::sort(codes.begin(), codes.end());
        codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
        if (codes.empty()) return std::nullopt;  // nothing chosen = unanswered
        auto count = static_cast<int>(codes.size());
        if (item.min_choices && count < *item.min_choices) {
          add(item.id, "too_few_choices",
              fill(text.too_few_choices, {"", "", std::to_string(*item.min_choices), ""}));
          return std::nullopt;
        }
        if (item.max_choices && count > *item.max_choices) {
          add(item.id, "too_many_choices",
              fill(text.too_many_choices, {"", "", "", std::to_string(*item.max_choices)}));
          return std::nullopt;
        }
        return codes;
      }
      case ItemType::yes_no:
        if (!value.is_bool()) {
          wrong_type(item, text.kind_yes_no);
          return std::nullopt;
        }
        return value.get_bool();
      case ItemType::integer:
      case ItemType::decimal: {
        double number = 0;
        AnswerValue normalized;
        if (item.type == ItemType::integer) {
          auto integer = as_integer(value);
          if (!integer) {
            wrong_type(item, text.kind_integer);
            return std::nullopt;
          }
          number = static_cast<double>(*integer);
          normalized = *integer;
        } else {
          if (!value.is_number() || !std::isfinite(value.to_number<double>())) {
            wrong_type(item, text.kind_number);
            return std::nullopt;
          }
          number = value.to_number<double>();
          normalized = number;
        }
        if ((item.min && number < *item.min) || (item.max && number > *item.max)) {
          Placeholders bounds{"", "", item.min ? format_number(*item.min, text.language) : "",
                              item.max ? format_number(*item.max, text.language) : ""};
          std::string_view pattern = item.min && item.max ? text.out_of_range
                                     : item.min           ? text.at_least
                                                          : text.at_most;
          add(item.id, "out_of_range", fill(pattern, bounds));
          return std::nullopt;
        }
        return normalized;
      }
      case ItemType::text: {
        if (!value.is_string()) {
          wrong_type(item, text.kind_text);
          return std::nullopt;
        }
        std::string_view answer = value.get_string();
        if (utf8_length(answer) > static_cast<std::size_t>(item.max_length)) {
          add(item.id, "too_long",
              fill(text.too_long, {"", "", "", std::to_string(item.max_length)}));
          return std::nullopt;
        }
        if (has_control_character(answer, true)) {
          add(item.id, "control_character", std::string(text.control_character));
          return std::nullopt;
        }
        if (answer.empty()) return std::nullopt;  // an empty field is no answer
        return std::string(answer);
      }
      case ItemType::date: {
        if (!value.is_string()) {
          wrong_type(item, text.kind_date);
          return std::nullopt;
        }
        auto date = parse_iso_date(value.get_string());
        if (!date) {
          add(item.id, "invalid_date", fill(text.invalid_date, {quote_value(value), "", "", ""}));
          return std::nullopt;
        }
        if ((item.min_date && *date < *item.min_date) ||
            (item.max_date && *date > *item.max_date)) {
          Placeholders bounds{"", "", item.min_date ? item.min_date->iso() : "",
                              item.max_date ? item.max_date->iso() : ""};
          std::string_view pattern = item.min_date && item.max_date ? text.out_of_range
                                     : item.min_date                ? text.at_least
                                                                    : text.at_most;
          add(item.id, "out_of_range", fill(pattern, bounds));
          return std::nullopt;
        }
        return *date;
      }
      case ItemType::municipality:
        if (!value.is_string()) {
          wrong_type(item, text.kind_municipality);
          return std::nullopt;
        }
        if (municipalities_.find(value.get_string()) == nullptr) {
          add(item.id, "unknown_municipality",
              fill(text.unknown_municipality, {quote_value(value), "", "", ""}));
          return std::nullopt;
        }
        return std::string(value.get_string());
    }
    return std::nullopt;
  }

  void read_answers(const json::object& answers) {
    Answers given;
    std::vector<std::string> invalid_items;
    // An invalid answer's problems wait for its item's visibility: an
    // answer to a hidden item is discarded, invalid or not.
    std::map<std::string, std::vector<Problem>, std::less<>> answer_problems;
    for (const auto& entry : answers) {
      const Item* item = questionnaire_.find_item(entry.key());
      if (item == nullptr) {
        add(std::string(entry.key()), "unknown_item",
            fill(messages().unknown_item, {quote_value(json::value(entry.key())), "", "", ""}));
        continue;
      }
      if (entry.value().is_null()) continue;
      std::size_t problems_before = problems_.size();
      if (auto normalized = normalize(*item, entry.value())) {
        given.emplace(item->id, std::move(*normalized));
      } else if (problems_.size() != problems_before) {
        // Invalid; an empty text or choice list is no answer and stays
        // subject to `required`.
        invalid_items.push_back(item->id);
        auto& waiting = answer_problems[item->id];
        waiting.assign(std::make_move_iterator(problems_.begin() + problems_before),
                       std::make_move_iterator(problems_.end()));
        problems_.resize(problems_before);
      }
    }
    Answers& kept = response_.answers;
    walk_in_document_order(questionnaire_, kept, [&](std::size_t, const Item& item, bool visible) {
      auto answer = given.find(item.id);
      auto problems = answer_problems.find(item.id);
      if (!visible && options_.discard_hidden) return;
      if (problems != answer_problems.end()) {
        for (Problem& problem : problems->second) problems_.push_back(std::move(problem));
      }
      if (!visible) {
        bool answered = answer != given.end() || problems != answer_problems.end();
        if (answered) add(item.id, "hidden_item", std::string(messages().hidden_item));
        return;
      }
      if (answer == given.end()) {
        bool invalid =
            std::find(invalid_items.begin(), invalid_items.end(), item.id) != invalid_items.end();
        if (!invalid && item.required && options_.completeness == Completeness::complete) {
          add(item.id, "required", std::string(messages().required));
        }
        return;
      }
      kept.insert(given.extract(answer));  // moves the node: no copy of the answer
      for (const Constraint& constraint : item.constraints) {
        if (!constraint.expression.evaluate(kept)) {
          add(item.id, "constraint", constraint.message.in(response_.language));
        }
      }
    });
  }

  const Questionnaire& questionnaire_;
  const ValidationOptions& options_;
  const MunicipalityRegistry& municipalities_;
  Response response_;
  std::vector<Problem> problems_;
};

}  // namespace

Result<Response> validate_response(const Questionnaire& questionnaire,
                                   const boost::json::value& response,
                                   const ValidationOptions& options) {
  return ResponseChecker(questionnaire, options).check(response);
}

std::vector<bool> visible_items(const Questionnaire& questionnaire, const Answers& answers) {
  std::vector<bool> visible(questionnaire.items.size(), false);
  Answers kept;
  walk_in_document_order(questionnaire, kept,
                         [&](std::size_t index, const Item& item, bool is_visible) {
                           visible[index] = is_visible;
                           auto answer = answers.find(item.id);
                           if (is_visible && answer != answers.end()) {
                             kept.insert(*answer);
                           }
                         });
  return visible;
}

boost::json::object answers_to_json(const Questionnaire& questionnaire, const Answers& answers) {
  json::object object;
  for (const Item& item : questionnaire.items) {
    auto answer = answers.find(item.id);
    if (answer == answers.end()) continue;
    object[item.id] = std::visit(
        [](const auto& value) -> json::value {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
            json::array codes;
            for (std::int64_t code : value) codes.push_back(code);
            return codes;
          } else if constexpr (std::is_same_v<T, Date>) {
            return json::string(value.iso());
          } else if constexpr (std::is_same_v<T, std::string>) {
            return json::string(value);
          } else {
            return json::value(value);
          }
        },
        answer->second);
  }
  return object;
}

}  // namespace parorende
