#include "interchange/redcap/import.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value_from.hpp>
#include <map>
#include <optional>

#include "common/json_input.h"
#include "common/localized_text.h"
#include "common/text.h"
#include "interchange/redcap/annotation.h"
#include "interchange/redcap/branching.h"
#include "interchange/redcap/item_types.h"
#include "interchange/redcap/rich_text.h"
#include "questionnaire/answer.h"
#include "questionnaire/expression.h"
#include "questionnaire/questionnaire_loader.h"

namespace parorende::redcap {
namespace {

namespace json = boost::json;

constexpr std::string_view kFormat = "parorende-questionnaire/1";
constexpr std::size_t kMaxIdLength = kMaxDefinitionIdLength;

// The first text field a translated condition orders as a number
// (number(t) < 18): there an answer that is not a number is false, where
// REDCap compares it as text. Equality has no such difference: a number
// never equals a text that is not one.
std::optional<std::string> text_ordered_as_number(const expression_syntax::Node& node) {
  using expression_syntax::CompareOp;
  using expression_syntax::Node;
  if (auto* compare = std::get_if<Node::Compare>(&node.kind)) {
    if (compare->op == CompareOp::equal || compare->op == CompareOp::not_equal) return std::nullopt;
    for (const Node* side : {compare->left.get(), compare->right.get()}) {
      if (auto* number = std::get_if<Node::NumberOf>(&side->kind)) return number->item;
    }
    return std::nullopt;
  }
  const std::vector<expression_syntax::NodePtr>* operands = nullptr;
  if (auto* all = std::get_if<Node::And>(&node.kind)) operands = &all->operands;
  if (auto* any = std::get_if<Node::Or>(&node.kind)) operands = &any->operands;
  if (auto* negation = std::get_if<Node::Not>(&node.kind)) {
    return text_ordered_as_number(*negation->operand);
  }
  if (operands == nullptr) return std::nullopt;
  for (const expression_syntax::NodePtr& operand : *operands) {
    if (auto found = text_ordered_as_number(*operand)) return found;
  }
  return std::nullopt;
}

// Cell text as a definition text: trimmed, with Windows line breaks made
// plain.
std::string clean_text(std::string_view cell) {
  std::string text;
  std::string_view trimmed = trim(cell);
  for (std::size_t i = 0; i < trimmed.size(); ++i) {
    if (trimmed[i] == '\r') {
      if (i + 1 < trimmed.size() && trimmed[i + 1] == '\n') continue;
      text += '\n';
    } else {
      text += trimmed[i];
    }
  }
  return text;
}

// An id from a section title: lower-case ASCII letters and digits joined by
// '_', Norwegian letters spelt out ("Om deg og døgnet" -> "om_deg_og_dognet").
std::string slug(std::string_view title) {
  static constexpr std::pair<std::string_view, std::string_view> kLetters[] = {
      {"æ", "ae"}, {"Æ", "ae"}, {"ø", "o"}, {"Ø", "o"}, {"å", "a"}, {"Å", "a"},
      {"é", "e"},  {"É", "e"},  {"ü", "u"}, {"ö", "o"}, {"ä", "a"}};
  std::string id;
  bool gap = false;
  std::size_t i = 0;
  while (i < title.size() && id.size() < kMaxIdLength - 8) {
    std::string spelt;
    for (auto [letter, ascii] : kLetters) {
      if (title.substr(i, letter.size()) == letter) {
        spelt = ascii;
        i += letter.size();
        break;
      }
    }
    if (spelt.empty()) {
      char c = title[i++];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) spelt = std::string(1, c);
    }
    if (spelt.empty()) {
      gap = !id.empty();
      continue;
    }
    if (gap) id += '_';
    id += spelt;
    gap = false;
  }
  if (!id.empty() && (id.front() < 'a' || id.front() > 'z')) id = "s_" + id;
  return id;
}

// A scale or burden instrument gathered from tags.
struct Scoring {
  std::string id;
  std::vector<std::string> items;
  std::vector<std::string> reverse;
  std::optional<json::object> definition;
  std::size_t row = 0;  // where it was first mentioned
};

struct SectionDraft {
  std::string id;
  std::string title;
  std::string description;
  json::array items;
  std::size_t row = 0;
  // A descriptive field's branching logic, for the description; kept when
  // the section's items all end up with the same condition (an export
  // writes a section's condition so), else reported.
  struct DescriptionLogic {
    std::size_t row = 0;
    std::string field;
    std::string logic;                     // as written
    std::optional<std::string> condition;  // translated, when it can be
  };
  std::vector<DescriptionLogic> description_logic;
};

// Warnings in the order of the rows they are about ("row N").
void sort_by_row(std::vector<Problem>& warnings) {
  auto row = [](const Problem& problem) {
    return std::strtoull(problem.where.c_str() + problem.where.find(' ') + 1, nullptr, 10);
  };
  std::stable_sort(warnings.begin(), warnings.end(),
                   [&](const Problem& a, const Problem& b) { return row(a) < row(b); });
}

class Importer {
 public:
  Importer(const Dictionary& dictionary, const ImportOptions& options)
      : dictionary_(dictionary), options_(options), language_(options.language) {
    for (const Field& field : dictionary_.fields) {
      std::string name(trim(field.name));
      row_of_name_.emplace(name, field.row);  // keeps the first
    }
  }

  Result<Import> run() {
    if (!is_language_tag(language_)) {
      return make_error("bad_option", "'" + language_ + "' is not a BCP-47 language tag");
    }
    if (options_.version.empty() || options_.version.size() > kMaxIdLength) {
      return make_error("bad_option", "the version must be 1 to 64 characters");
    }
    result_.warnings = dictionary_.problems;
    for (const Field& field : dictionary_.fields) read_row(field);
    close_section();
    sort_by_row(result_.warnings);
    if (sections_.empty()) {
      return make_error("nothing_imported", "no field of the dictionary could be imported",
                        result_.warnings);
    }
    auto id = questionnaire_id();
    if (!id) return id.take_error();
    return finish(id.value());
  }

 private:
  void warn(std::size_t row, std::string code, std::string message) {
    report_.warn(row, std::move(code), std::move(message));
  }

  void skip(const Field& field, const std::string& name, std::string code, std::string message) {
    report_.skip(field, name, std::move(code), std::move(message));
  }

  Result<std::string> questionnaire_id() const {
    std::string id = options_.id;
    if (id.empty() && !dictionary_.fields.empty()) {
      id = std::string(trim(dictionary_.fields.front().form));
    }
    if (!is_definition_id(id)) {
      return make_error("bad_option", "'" + id +
                                          "' cannot be the questionnaire id (a-z first, then a-z, "
                                          "0-9 and _, at most 64 characters); give one with --id");
    }
    return id;
  }

  // --- sections ----------------------------------------------------------

  void start_section(const std::string& title, std::size_t row) {
    close_section();
    current_ = SectionDraft{};
    current_->title = title;
    current_->row = row;
  }

  // Keeps the section when it has items; a section's id is its tag's when
  // that is free, else made from its title.
  void close_section() {
    if (!current_) return;
    SectionDraft section = std::move(*current_);
    current_.reset();
    if (section.items.empty()) {
      if (!section.description.empty()) {
        warn(section.row, "empty_section",
             "section '" + section.title + "' has no importable field; its text is dropped");
      }
      return;
    }
    if (!is_free_section_id(section.id)) {
      if (!section.id.empty()) {
        warn(section.row, "section_id_changed",
             "section id '" + section.id + "' is not a free id; another is made from the title");
      }
      std::string base = slug(section.title);
      if (base.empty()) base = "section";
      section.id = base;
      // Each base counts on from its last suffix: thousands of sections of
      // one title stay linear.
      int& suffix = next_suffix_[base];
      if (suffix < 2) suffix = 2;
      while (!is_free_section_id(section.id)) section.id = base + "_" + std::to_string(suffix++);
    }
    section_ids_.insert(section.id);
    sections_.push_back(std::move(section));
  }

  bool is_free_section_id(const std::string& id) const {
    return is_definition_id(id) && !is_reserved_section_id(id) && row_of_name_.count(id) == 0 &&
           section_ids_.count(id) == 0;
  }

  // A label, note or header as a respondent reads it: REDCap's rich text
  // reduced to plain text (rich_text.h), reported when formatting is lost,
  // and piped answers reported, as parorende shows them as written.
  std::string readable(const Field& field, std::string_view cell, const std::string& what) {
    RichText rich = plain_text_of(clean_text(cell));
    if (rich.formatting_lost) {
      warn(field.row, "rich_text_reduced",
           "the " + what +
               " is REDCap rich text: its words and line breaks are kept, its formatting "
               "(bold, italics, colour, a link's address, an image) is not");
    }
    std::vector<std::string> piped = piped_fields(rich.text);
    if (!piped.empty()) {
      std::string listed;
      for (const std::string& reference : piped) listed += (listed.empty() ? "" : ", ") + reference;
      warn(field.row, "piping_not_supported",
           "the " + what + " shows " + listed +
               ", where REDCap puts an earlier answer; parorende shows the text as written");
    }
    return std::move(rich.text);
  }

  // "[age]", "[age:label]", "[c(1)]" and embedded "{age}" naming a field of
  // the dictionary: REDCap's piping.
  std::vector<std::string> piped_fields(std::string_view text) const {
    std::vector<std::string> found;
    for (std::size_t open = text.find_first_of("[{"); open != std::string_view::npos;
         open = text.find_first_of("[{", open + 1)) {
      char close = text[open] == '[' ? ']' : '}';
      // A field name is short: look no further (a text of a million '['
      // stays linear).
      std::size_t end =
          text.substr(0, open + 2 + kMaxDefinitionIdLength + 32).find(close, open + 1);
      if (end == std::string_view::npos) continue;
      std::string_view inside = text.substr(open + 1, end - open - 1);
      std::string_view name = inside.substr(0, inside.find_first_of(":("));
      if (row_of_name_.count(std::string(name)) != 0) {
        std::string reference(text.substr(open, end - open + 1));
        if (std::find(found.begin(), found.end(), reference) == found.end())
          found.push_back(std::move(reference));
      }
    }
    return found;
  }

  void track_section(const Field& field, const std::vector<ActionTag>& tags) {
    std::string form(trim(field.form));
    std::string header =
        readable(field, field.section_header,
                 "section header on the row of '" + std::string(trim(field.name)) + "'");
    if (!current_ || !header.empty() || form != current_form_) {
      start_section(header.empty() ? (form.empty() ? "section" : form) : header, field.row);
    }
    current_form_ = form;
    // The tag names the section from any row before its first item.
    if (current_->items.empty() && current_->id.empty()) {
      if (const ActionTag* section_tag = find_tag(tags, tag::kSection)) {
        current_->id = section_tag->value;
      }
    }
  }

  // --- rows ----------------------------------------------------------------

  void read_row(const Field& field) {
    auto tags = parse_action_tags(field.annotation);
    track_section(field, tags);
    std::string name(trim(field.name));
    std::string type = ascii_lower(trim(field.type));
    if (name.empty()) return skip(field, name, "malformed_row", "has no field name; skipped");
    if (!record_id_seen_) {
      // REDCap requires the first field of a project to be the record's
      // identifier, a text field; an instrument on its own has none.
      record_id_seen_ = true;
      if (!options_.no_record_id) {
        if (type == "text") {
          return skip(field, name, "record_id_field",
                      "field '" + name +
                          "' is the record ID (REDCap's first field), not a question; skipped "
                          "(--no-record-id keeps it)");
        }
        warn(field.row, "first_field_kept",
             "field '" + name + "' comes first but is a " + type +
                 " field, not a record ID (always text): an instrument without one, so it is "
                 "imported like the fields after it");
      }
    }
    if (!is_definition_id(name)) {
      return skip(field, name, "invalid_field_name",
                  "field name '" + name +
                      "' is not a-z first, then a-z, 0-9 and _ (at most 64 "
                      "characters); skipped");
    }
    if (row_of_name_.at(name) != field.row) {
      return skip(field, "", "duplicate_field_name",
                  "field name '" + name + "' is already used in row " +
                      std::to_string(row_of_name_.at(name)) + "; skipped");
    }
    if (is_yes(field.identifier)) {
      return skip(field, name, "identifier_field",
                  "field '" + name +
                      "' is marked as an identifier; parorende never stores "
                      "identifying data, so it is not imported");
    }
    if (not_asked(field, name, tags)) return;
    if (type == "descriptive") return read_descriptive(field, name);
    if (type == "calc" || type == "file" || type == "sql") {
      static const std::map<std::string, std::string> kReasons = {
          {"calc", "calculated fields are not supported (parorende computes its scores itself)"},
          {"file", "file upload fields are not supported (parorende stores no files)"},
          {"sql", "sql fields are not supported"}};
      return skip(field, name, "unsupported_field_type",
                  "field '" + name + "' (" + type + "): " + kReasons.at(type) + "; skipped");
    }
    std::string label = readable(field, field.label, "label of '" + name + "'");
    if (utf8_length(label) > kMaxTextLength) {
      return skip(field, name, "text_too_long",
                  "the label of '" + name + "' is longer than 20000 characters; skipped");
    }
    json::object specifics;
    std::optional<FieldInfo> info =
        read_item_type(field, name, type, tags, language_, report_, specifics);
    if (!info) return;
    // Common fields first, as people write definitions.
    json::object item{{"id", name}, {"type", specifics.at("type")}};
    item["text"] = text_in(language_, label);
    std::string note = readable(field, field.note, "field note of '" + name + "'");
    if (!note.empty() && utf8_length(note) <= kMaxTextLength) {
      item["help"] = text_in(language_, note);
    } else if (!note.empty()) {
      warn(field.row, "text_too_long", "the field note of '" + name + "' is too long; dropped");
    }
    if (is_yes(field.required)) item["required"] = true;
    if (auto visible_if = translate_logic(field, name)) item["visible_if"] = *visible_if;
    for (const auto& specific : specifics) {
      if (specific.key() != "type") item[specific.key()] = specific.value();
    }
    report_ignored_tags(field, tags);
    read_scoring_tags(field, name, *info, tags);
    imported_.emplace(name, std::move(*info));
    current_->items.push_back(std::move(item));
  }

  void read_descriptive(const Field& field, const std::string& name) {
    if (current_->items.empty()) {
      // Text before a section's first question introduces the section.
      std::string label = readable(field, field.label, "text of '" + name + "'");
      if (label.empty()) return;
      if (std::string_view logic = trim(field.branching_logic); !logic.empty()) {
        auto condition = from_branching_logic(
            logic, [&](std::string_view other) { return referenced(other, name); });
        current_->description_logic.push_back(
            {field.row, name, std::string(logic),
             condition ? std::optional<std::string>(condition.value()) : std::nullopt});
      }
      if (current_->description.empty()) {
        current_->description = label;
      } else {
        current_->description += "\n\n" + label;
      }
      return;
    }
    skip(field, name, "descriptive_not_mapped",
         "descriptive field '" + name +
             "' comes after questions of its section; parorende "
             "has no text-only items (only a section's opening text becomes its description); "
             "skipped");
  }

  // --- branching logic -----------------------------------------------------

  Result<FieldInfo> referenced(std::string_view name, const std::string& self) const {
    std::string key(name);
    auto imported = imported_.find(key);
    if (imported != imported_.end()) return imported->second;
    auto reference_error = [](std::string message) {
      return make_error("branching_reference", std::move(message));
    };
    if (key == self) return reference_error("it refers to the field itself");
    auto row = row_of_name_.find(key);
    if (row == row_of_name_.end())
      return reference_error("it refers to unknown field '" + key + "'");
    std::size_t self_row = row_of_name_.at(self);
    if (row->second > self_row) {
      return reference_error("it refers to '" + key + "', which comes later (row " +
                             std::to_string(row->second) +
                             "); parorende conditions may only read earlier fields");
    }
    return reference_error("it refers to '" + key + "' (row " + std::to_string(row->second) +
                           "), which was not imported");
  }

  std::optional<std::string> translate_logic(const Field& field, const std::string& name) {
    std::string_view logic = trim(field.branching_logic);
    if (logic.empty()) return std::nullopt;
    auto condition = from_branching_logic(
        logic, [&](std::string_view other) { return referenced(other, name); });
    std::optional<std::string> source;
    Error problem;
    if (condition) {
      source = std::move(condition).value();
      // The engine's parser has the last word: it limits length and nesting.
      if (auto parsed = Expression::parse(*source); !parsed) {
        problem = make_error("unsupported_branching",
                             "the translated condition is not one parorende can read: " +
                                 parsed.error().problems.front().message);
        source.reset();
      } else if (auto text_field = text_ordered_as_number(parsed->syntax())) {
        warn(field.row, "text_compared_as_number",
             "branching logic '" + std::string(logic) + "' of '" + name + "' orders text field '" +
                 *text_field +
                 "' as a number, as REDCap does when the answer looks like one (number(" +
                 *text_field +
                 ")); an answer that is not a number, such as 'tjue' or '2,5', makes that "
                 "comparison false here, where REDCap compares it as text");
      }
    } else {
      problem = condition.error();
    }
    if (source) return source;
    warn(field.row, problem.code,
         "branching logic '" + std::string(logic) + "' of '" + name +
             "' is not imported: " + problem.message + "; the field is always shown");
    result_.fields_without_logic.insert(name);
    return std::nullopt;
  }

  // --- action tags ---------------------------------------------------------

  // A field REDCap never puts to a survey respondent as a question: hidden
  // from surveys, read-only, or filled in by REDCap itself. Imported as a
  // question it would ask what REDCap never asked, so it is skipped, saying
  // what the respondent saw instead.
  bool not_asked(const Field& field, const std::string& name, const std::vector<ActionTag>& tags) {
    // Tags inside @IF(...) hold for some respondents only: not obeyed here,
    // reported among the ignored tags.
    if (find_tag(tags, "IF") != nullptr) return false;
    struct Rule {
      std::string_view tag;
      std::string_view code;
      std::string_view reason;
    };
    static constexpr Rule kRules[] = {
        {"HIDDEN", "hidden_field", "REDCap hides it everywhere, so a respondent never sees it"},
        {"HIDDEN-SURVEY", "hidden_field",
         "REDCap hides it in surveys, so a respondent never sees it"},
        {"READONLY", "readonly_field", "a respondent sees it but cannot answer it"},
        {"READONLY-SURVEY", "readonly_field",
         "a respondent sees it in a survey but cannot answer it"},
        {"NOW", "automatic_field",
         "REDCap fills in the time itself (parorende stores no clock times)"},
        {"NOW-SERVER", "automatic_field",
         "REDCap fills in the time itself (parorende stores no clock times)"},
        {"NOW-UTC", "automatic_field",
         "REDCap fills in the time itself (parorende stores no clock times)"},
        {"TODAY", "automatic_field", "REDCap fills in the date itself"},
        {"TODAY-SERVER", "automatic_field", "REDCap fills in the date itself"},
        {"TODAY-UTC", "automatic_field", "REDCap fills in the date itself"},
        {"CALCTEXT", "automatic_field", "REDCap computes it (parorende computes only its scores)"},
        {"CALCDATE", "automatic_field", "REDCap computes it (parorende computes only its scores)"},
    };
    for (const ActionTag& tag : tags) {
      for (const Rule& rule : kRules) {
        if (tag.name != rule.tag) continue;
        skip(field, name, std::string(rule.code),
             "field '" + name + "' has @" + tag.name + ": " + std::string(rule.reason) +
                 "; not imported as a question");
        return true;
      }
    }
    return false;
  }

  void report_ignored_tags(const Field& field, const std::vector<ActionTag>& tags) {
    std::string ignored;
    for (const ActionTag& tag : tags) {
      bool known = tag.name == tag::kCharLimit || tag.name == tag::kMaxChecked ||
                   tag.name.rfind("PARORENDE-", 0) == 0;
      if (known) continue;
      ignored += (ignored.empty() ? "@" : ", @") + tag.name;
    }
    if (!ignored.empty()) {
      warn(field.row, "action_tags_ignored",
           "action tags " + ignored +
               " have no parorende equivalent; ignored: the respondent gets the question as "
               "written, without what they do (no default answer, no value set, no other "
               "display)");
    }
  }

  Scoring& scoring(std::vector<Scoring>& list, const std::string& id, std::size_t row) {
    for (Scoring& entry : list) {
      if (entry.id == id) return entry;
    }
    list.push_back(Scoring{id, {}, {}, std::nullopt, row});
    return list.back();
  }

  void read_scoring_tags(const Field& field, const std::string& name, const FieldInfo& info,
                         const std::vector<ActionTag>& tags) {
    struct Kind {
      std::string_view member, reversed, definition;
      std::vector<Scoring>* list;
    };
    const Kind kinds[] = {{tag::kScale, tag::kScaleReverse, tag::kScaleDefinition, &scales_},
                          {tag::kBurden, tag::kBurdenReverse, tag::kBurdenDefinition, &burdens_}};
    for (const ActionTag& tag : tags) {
      for (const Kind& kind : kinds) {
        if (tag.name == kind.definition) {
          read_definition(field, tag, *kind.list);
        } else if (tag.name == kind.member || tag.name == kind.reversed) {
          if (info.kind != FieldInfo::Kind::single_choice) {
            warn(
                field.row, "bad_action_tag",
                "@" + tag.name + " on '" + name + "', which is not a single-choice field; ignored");
            continue;
          }
          Scoring& entry = scoring(*kind.list, tag.value, field.row);
          entry.items.push_back(name);
          if (tag.name == kind.reversed) entry.reverse.push_back(name);
        }
      }
    }
  }

  void read_definition(const Field& field, const ActionTag& tag, std::vector<Scoring>& list) {
    boost::system::error_code error;
    json::value parsed = json::parse(tag.value, error);
    const json::object* object = error ? nullptr : parsed.if_object();
    const json::value* id = object ? object->if_contains("id") : nullptr;
    if (id == nullptr || !id->is_string()) {
      warn(field.row, "bad_action_tag",
           "@" + tag.name + " is not a JSON object with an \"id\"; ignored");
      return;
    }
    scoring(list, std::string(id->get_string()), field.row).definition = *object;
  }

  // --- the definition ------------------------------------------------------

  // A definition text: `value` if it is a string, as {language: value}.
  std::optional<json::object> localized(const json::object& definition, std::string_view key) {
    const json::value* value = definition.if_contains(key);
    if (value == nullptr || !value->is_string()) return std::nullopt;
    return text_in(language_, std::string(value->get_string()));
  }

  json::array scales_json() {
    json::array list;
    for (const Scoring& scale : scales_) {
      if (scale.items.empty()) {
        warn(scale.row, "scale_dropped", "scale '" + scale.id + "' has no imported items; dropped");
        continue;
      }
      json::object definition = scale.definition.value_or(json::object{});
      json::object entry{{"id", scale.id}};
      entry["title"] = localized(definition, "title").value_or(text_in(language_, scale.id));
      if (auto description = localized(definition, "description"))
        entry["description"] = *description;
      entry["items"] = json::value_from(scale.items);
      if (!scale.reverse.empty()) entry["reverse"] = json::value_from(scale.reverse);
      if (const json::value* share = definition.if_contains("min_answered")) {
        entry["min_answered"] = *share;
      }
      list.push_back(std::move(entry));
    }
    return list;
  }

  json::array burdens_json() {
    json::array list;
    for (const Scoring& instrument : burdens_) {
      const json::value* categories =
          instrument.definition ? instrument.definition->if_contains("categories") : nullptr;
      if (instrument.items.empty() || categories == nullptr || !categories->is_array()) {
        warn(instrument.row, "burden_instrument_dropped",
             "burden instrument '" + instrument.id +
                 "' needs imported items and a @PARORENDE-BURDEN-DEF with its categories; dropped");
        continue;
      }
      const json::object& definition = *instrument.definition;
      json::object entry{{"id", instrument.id}};
      entry["title"] = localized(definition, "title").value_or(text_in(language_, instrument.id));
      entry["items"] = json::value_from(instrument.items);
      if (!instrument.reverse.empty()) entry["reverse"] = json::value_from(instrument.reverse);
      if (const json::value* share = definition.if_contains("min_answered")) {
        entry["min_answered"] = *share;
      }
      json::array converted;
      for (const json::value& category : categories->get_array()) {
        if (!category.is_object()) {
          converted.push_back(category);
          continue;
        }
        json::object copy = category.get_object();
        for (std::string_view key : {"label", "meaning", "follow_up"}) {
          if (auto text = localized(category.get_object(), key)) copy[key] = *text;
        }
        converted.push_back(std::move(copy));
      }
      entry["categories"] = std::move(converted);
      list.push_back(std::move(entry));
    }
    return list;
  }

  json::object section_json(SectionDraft& section) {
    json::object entry{{"id", section.id}, {"title", text_in(language_, section.title)}};
    if (!section.description.empty()) {
      entry["description"] = text_in(language_, section.description);
    }
    // A condition every item shares is the section's (an export pushes a
    // section's condition down onto its items).
    const json::value* shared = section.items.front().as_object().if_contains("visible_if");
    bool common =
        shared != nullptr &&
        std::all_of(section.items.begin(), section.items.end(), [&](const json::value& item) {
          const json::value* own = item.as_object().if_contains("visible_if");
          return own != nullptr && *own == *shared;
        });
    // The section is shown when one of its items is: a description whose
    // condition every item's condition starts with (as "D and ...", the
    // way an export pushes a section's condition down) keeps its meaning.
    auto every_item_needs = [&](const std::string& condition) {
      return std::all_of(section.items.begin(), section.items.end(), [&](const json::value& item) {
        const json::value* own = item.as_object().if_contains("visible_if");
        if (own == nullptr || !own->is_string()) return false;
        std::string_view text = own->get_string();
        return text == condition || text.starts_with(condition + " and ") ||
               text.starts_with("(" + condition + ") and ");
      });
    };
    for (const SectionDraft::DescriptionLogic& described : section.description_logic) {
      if (described.condition && every_item_needs(*described.condition)) continue;
      warn(described.row, "descriptive_logic_dropped",
           "the text of '" + described.field +
               "' becomes the description of its section, which is shown with the section; its "
               "branching logic '" +
               described.logic + "' is not imported");
    }
    if (common) {
      entry["visible_if"] = *shared;
      for (json::value& item : section.items) item.as_object().erase("visible_if");
    }
    entry["items"] = std::move(section.items);
    return entry;
  }

  Result<Import> finish(const std::string& id) {
    // A dictionary has no questionnaire title; the form name stands in.
    std::string form(trim(dictionary_.fields.front().form));
    json::object definition{{"format", kFormat},
                            {"id", id},
                            {"version", options_.version},
                            {"languages", json::array{json::value(language_)}},
                            {"title", text_in(language_, form.empty() ? id : form)}};
    json::array sections;
    for (SectionDraft& section : sections_) sections.push_back(section_json(section));
    definition["sections"] = std::move(sections);
    json::array scales = scales_json();
    json::array burdens = burdens_json();
    if (!scales.empty()) definition["scales"] = std::move(scales);
    if (!burdens.empty()) definition["burden_instruments"] = std::move(burdens);
    drop_unloadable_scoring(definition);
    sort_by_row(result_.warnings);
    auto loaded = load_questionnaire(definition);
    if (!loaded) {
      return make_error("invalid_definition",
                        "the converted definition does not load; please report this with the "
                        "dictionary",
                        loaded.error().problems);
    }
    result_.definition = std::move(definition);
    return std::move(result_);
  }

  // Scoring rebuilt from tags may not load (edited categories, an item
  // dropped from a scale); such a scale or instrument is dropped, not the
  // whole import.
  void drop_unloadable_scoring(json::object& definition) {
    auto loaded = load_questionnaire(definition);
    if (loaded) return;
    for (auto [key, list] :
         {std::pair{"scales", &scales_}, std::pair{"burden_instruments", &burdens_}}) {
      json::value* entries = definition.if_contains(key);
      if (entries == nullptr) continue;
      json::array kept;
      for (std::size_t i = 0; i < entries->as_array().size(); ++i) {
        std::string path = "$." + std::string(key) + "[" + std::to_string(i) + "]";
        const Problem* problem = nullptr;
        for (const Problem& candidate : loaded.error().problems) {
          if (candidate.where.rfind(path, 0) == 0) problem = &candidate;
        }
        json::value& entry = entries->as_array()[i];
        if (problem == nullptr) {
          kept.push_back(std::move(entry));
          continue;
        }
        std::string entry_id(entry.as_object().at("id").as_string());
        std::size_t row = 1;
        for (const Scoring& scoring : *list) {
          if (scoring.id == entry_id) row = scoring.row;
        }
        warn(row, "scoring_dropped",
             std::string(key == std::string_view("scales") ? "scale '" : "burden instrument '") +
                 entry_id + "' does not load (" + problem->where + ": " + problem->message +
                 "); dropped");
      }
      if (kept.empty()) {
        definition.erase(key);
      } else {
        *entries = std::move(kept);
      }
    }
  }

  const Dictionary& dictionary_;
  const ImportOptions& options_;
  std::string language_;
  std::map<std::string, std::size_t> row_of_name_;
  std::map<std::string, FieldInfo> imported_;
  std::optional<SectionDraft> current_;
  std::string current_form_;
  std::vector<SectionDraft> sections_;
  std::set<std::string> section_ids_;
  std::map<std::string, int> next_suffix_;  // the next suffix to try per section title
  std::vector<Scoring> scales_;
  std::vector<Scoring> burdens_;
  bool record_id_seen_ = false;
  Import result_;
  ImportReport report_{result_};
};

}  // namespace

Result<Import> import_dictionary(const Dictionary& dictionary, const ImportOptions& options) {
  return Importer(dictionary, options).run();
}

Result<Import> import_dictionary(std::string_view csv_text, const ImportOptions& options) {
  auto dictionary = read_dictionary(csv_text);
  if (!dictionary) return dictionary.take_error();
  return import_dictionary(dictionary.value(), options);
}

}  // namespace parorende::redcap
