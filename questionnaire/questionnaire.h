// The in-memory model of a questionnaire definition (docs/questionnaire-format.md).
// Built only by load_questionnaire(), which guarantees every invariant noted
// here; the rest of the product may rely on them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/localized_text.h"
#include "questionnaire/expression.h"

namespace parorende {

enum class ItemType {
  single_choice,
  multiple_choice,
  yes_no,
  integer,
  decimal,
  text,
  date,
  municipality,
};

std::string_view item_type_name(ItemType type);

struct ChoiceOption {
  std::int64_t code = 0;
  LocalizedText label;
};

// A validation rule beyond type and range: `expression` must hold when the
// item is answered, else `message` is shown.
struct Constraint {
  Expression expression;
  LocalizedText message;
};

struct Item {
  std::string id;
  ItemType type = ItemType::single_choice;
  LocalizedText text;
  LocalizedText help;
  bool required = false;
  std::optional<Expression> visible_if;

  // single_choice and multiple_choice: the substantive options, in display
  // order. `dont_know` is an extra "don't know / not relevant" option that
  // scoring treats as missing.
  std::vector<ChoiceOption> options;
  std::optional<ChoiceOption> dont_know;
  std::optional<int> min_choices;  // multiple_choice
  std::optional<int> max_choices;  // multiple_choice

  // integer and decimal: inclusive bounds; date: bounds as days since epoch
  // are kept as Date in min_date/max_date.
  std::optional<double> min;
  std::optional<double> max;
  std::optional<Date> min_date;
  std::optional<Date> max_date;
  int max_length = 2000;   // text, in characters (Unicode code points)
  bool multiline = false;  // text

  std::vector<Constraint> constraints;

  std::size_t section_index = 0;

  // Substantive option codes' lowest and highest values (choice items).
  std::int64_t lowest_code() const;
  std::int64_t highest_code() const;
  bool has_option(std::int64_t code) const;
  bool is_dont_know(std::int64_t code) const;
};

struct Section {
  std::string id;
  LocalizedText title;
  LocalizedText description;
  std::optional<Expression> visible_if;
  std::vector<std::size_t> item_indexes;  // into Questionnaire::items
};

// A named set of single_choice items scored as the mean of answered items,
// each rescaled to 0-100 (reverse-keyed items flipped).
struct Scale {
  std::string id;
  LocalizedText title;
  LocalizedText description;
  std::vector<std::string> items;
  std::vector<std::string> reverse_items;  // subset of items
  double min_answered_share = 0.5;
};

struct BurdenCategory {
  std::string id;
  int min = 0;  // inclusive
  int max = 0;  // inclusive
  LocalizedText label;
  LocalizedText meaning;
  LocalizedText follow_up;
  // Kinds of municipal offer to suggest (offer_types.h), most relevant first.
  std::vector<std::string> offer_types;
};

// A sum score over single_choice items, categorized by cut-offs that cover
// the possible range without gaps or overlaps.
struct BurdenInstrument {
  std::string id;
  LocalizedText title;
  std::vector<std::string> items;
  std::vector<std::string> reverse_items;
  double min_answered_share = 0.8;
  std::vector<BurdenCategory> categories;  // ascending
  int lowest_sum = 0;
  int highest_sum = 0;
  // Whose offers the result suggests (offer_types.h target groups): the
  // young carers' survey points to those for children and young people.
  std::string offer_target_group = "adults";
};

struct Consent {
  std::string version;
  LocalizedText text;
  // The text tells the caregiver that their free-text answers are shown,
  // masked, to their municipality's staff. A round may share comments only
  // when its questionnaire version's consent says so.
  bool shares_comments = false;
  // The text tells the caregiver that the round's figures (never fewer than
  // k respondents behind one) are published for anyone to read. Without
  // it, a round's results are for staff only.
  bool publishes_results = false;
  // The text tells the caregiver that their municipality sees whether the
  // code of their letter was used, so that reminders go only to those who
  // have not answered (never what they answered). Without it, a round
  // cannot track participation.
  bool tracks_participation = false;
};

struct Questionnaire {
  std::string id;
  std::string version;
  std::vector<std::string> languages;
  std::string default_language;
  LocalizedText title;
  LocalizedText description;
  std::optional<Consent> consent;
  std::vector<Section> sections;
  std::vector<Item> items;  // in document order
  std::vector<Scale> scales;
  std::vector<BurdenInstrument> burden_instruments;
  // A floor under k for its rounds' published figures: k is the larger of
  // this and the configured one (0: the configured one). The young carers'
  // survey sets it higher, since a child is easier to recognise.
  int min_respondents = 0;

  const Item* find_item(std::string_view id) const;
  std::optional<std::size_t> item_index(std::string_view id) const;

  std::map<std::string, std::size_t, std::less<>> item_index_by_id;
};

// Whether questionnaire version `left` comes before `right`: dot-separated
// parts compare as numbers where both are numbers ("1.9.2" < "1.10.0") and
// as text otherwise. The latest version is the greatest.
bool version_less(std::string_view left, std::string_view right);

}  // namespace parorende
