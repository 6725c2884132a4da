#include "reference/offer_catalogue.h"

#include <map>
#include <set>
#include <utility>

#include "common/csv.h"
#include "common/text.h"
#include "reference/municipalities.h"
#include "reference/offer_types.h"

namespace parorende {
namespace {

constexpr std::size_t kColumns = 17;

const OfferTerm* find_term(std::span<const OfferTerm> terms, std::string_view id) {
  for (const OfferTerm& term : terms) {
    if (term.id == id) return &term;
  }
  return nullptr;
}

std::string term_ids(std::span<const OfferTerm> terms) {
  std::string list;
  for (const OfferTerm& term : terms) {
    if (!list.empty()) list += ", ";
    list += term.id;
  }
  return list;
}

void set_if_given(LocalizedText& text, const char* language, const std::string& value) {
  if (!value.empty()) text.set(language, value);
}

bool contains(const std::vector<std::string>& items, std::string_view item) {
  for (const std::string& candidate : items) {
    if (candidate == item) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> split_list(std::string_view text, char separator) {
  std::vector<std::string> items;
  if (text.empty()) return items;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find(separator, start);
    std::string_view item = text.substr(start, end == std::string_view::npos ? end : end - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    items.emplace_back(item);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return items;
}

std::string join_list(const std::vector<std::string>& items, char separator) {
  std::string text;
  for (const std::string& item : items) {
    if (!text.empty()) text += separator;
    text += item;
  }
  return text;
}

std::vector<Problem> check_offer(const Offer& offer) {
  std::vector<Problem> problems;
  // Texts within bounds and without control characters (line breaks only
  // in descriptions); an id that can stand in a URL's path as it is.
  auto text_ok = [](std::string_view text, std::size_t max_bytes, bool line_breaks) {
    return text.size() <= max_bytes && !has_control_character(text, line_breaks);
  };
  if (!text_ok(offer.id, kMaxOfferIdBytes, false) || offer.id.find('/') != std::string::npos ||
      offer.id == "." || offer.id == "..") {
    problems.push_back({"id", "invalid_id",
                        "an offer id has at most " + std::to_string(kMaxOfferIdBytes) +
                            " bytes, no control characters and no /"});
  }
  for (const char* language : {"nb", "nn", "en"}) {
    if (offer.name.has(language) && !text_ok(offer.name.in(language), kMaxOfferTextBytes, false)) {
      problems.push_back(
          {std::string("name_") + language, "invalid_text",
           "at most " + std::to_string(kMaxOfferTextBytes) + " bytes, without control characters"});
    }
    if (offer.description.has(language) &&
        !text_ok(offer.description.in(language), kMaxOfferDescriptionBytes, true)) {
      problems.push_back({std::string("description_") + language, "invalid_text",
                          "at most " + std::to_string(kMaxOfferDescriptionBytes) +
                              " bytes, without control characters but line breaks"});
    }
  }
  const std::pair<const char*, const std::string*> contact_fields[] = {
      {"contact_name", &offer.contact_name},
      {"phone", &offer.phone},
      {"email", &offer.email},
      {"url", &offer.url},
      {"address", &offer.address}};
  for (const auto& [name, value] : contact_fields) {
    if (!text_ok(*value, kMaxOfferTextBytes, false)) {
      problems.push_back(
          {name, "invalid_text",
           "at most " + std::to_string(kMaxOfferTextBytes) + " bytes, without control characters"});
    }
  }
  if (builtin_municipalities().find(offer.municipality) == nullptr) {
    problems.push_back({"municipality", "unknown_municipality",
                        "unknown municipality code \"" + offer.municipality + "\""});
  }
  if (offer.id.empty()) problems.push_back({"id", "missing_id", "the offer has no id"});
  if (!find_term(offer_types(), offer.type)) {
    problems.push_back({"type", "unknown_type",
                        "unknown type \"" + offer.type + "\" (one of: " + offer_type_list() + ")"});
  }
  if (offer.target_groups.empty()) {
    problems.push_back({"target_groups", "missing_target_group", "the offer has no target group"});
  }
  for (const std::string& group : offer.target_groups) {
    if (!find_term(offer_target_groups(), group)) {
      problems.push_back({"target_groups", "unknown_target_group",
                          "unknown target group \"" + group +
                              "\" (one of: " + term_ids(offer_target_groups()) + ")"});
    }
  }
  for (const std::string& group : offer.condition_groups) {
    if (!find_term(offer_condition_groups(), group)) {
      problems.push_back({"condition_groups", "unknown_condition_group",
                          "unknown condition group \"" + group +
                              "\" (one of: " + term_ids(offer_condition_groups()) + ")"});
    }
  }
  if (!offer.name.has("nb") || offer.name.in("nb").empty()) {
    problems.push_back({"name_nb", "missing_name", "name_nb is empty"});
  }
  return problems;
}

std::string offers_csv(std::span<const Offer> offers) {
  auto given = [](const LocalizedText& localized, std::string_view language) {
    return localized.has(language) ? std::string(localized.in(language)) : std::string();
  };
  std::vector<std::vector<std::string>> records = {split_list(kOfferCsvHeader, ',')};
  for (const Offer& offer : offers) {
    records.push_back({offer.municipality, offer.id, offer.type, join_list(offer.target_groups),
                       join_list(offer.condition_groups), given(offer.name, "nb"),
                       given(offer.name, "nn"), given(offer.name, "en"),
                       given(offer.description, "nb"), given(offer.description, "nn"),
                       given(offer.description, "en"), offer.contact_name, offer.phone, offer.email,
                       offer.url, offer.address, offer.demo ? "yes" : "no"});
  }
  return csv::write(records);
}

Result<std::vector<Offer>> parse_offers_csv(std::string_view text) {
  auto parsed = csv::parse(text);
  if (!parsed) {
    return make_error("invalid_offers",
                      "the offer file is not valid CSV: " + parsed.error().message,
                      parsed.error().problems);
  }
  std::vector<csv::Record> records;
  for (csv::Record& record : *parsed) {
    bool blank = record.fields.size() == 1 && record.fields[0].empty();
    if (!blank) records.push_back(std::move(record));
  }
  std::vector<Problem> problems;
  auto problem = [&problems](std::size_t line, std::string code, std::string message) {
    problems.push_back({"line " + std::to_string(line), std::move(code), std::move(message)});
  };
  if (records.empty()) {
    return make_error(
        "invalid_offers", "the offer file is empty",
        {{"line 1", "bad_header", "expected the header: " + std::string(kOfferCsvHeader)}});
  }
  if (join_list(records[0].fields, ',') != kOfferCsvHeader) {
    problem(records[0].line, "bad_header", "expected the header: " + std::string(kOfferCsvHeader));
  }

  std::vector<Offer> offers;
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const csv::Record& record = records[r];
    std::size_t line = record.line;
    const std::vector<std::string>& f = record.fields;
    if (f.size() != kColumns) {
      problem(line, "wrong_column_count",
              std::to_string(f.size()) + " columns, expected " + std::to_string(kColumns));
      continue;
    }
    std::size_t before = problems.size();
    Offer offer;
    offer.municipality = f[0];
    offer.id = f[1];
    offer.type = f[2];
    offer.target_groups = split_list(f[3]);
    offer.condition_groups = split_list(f[4]);
    set_if_given(offer.name, "nb", f[5]);
    for (Problem& found : check_offer(offer)) problem(line, found.code, found.message);
    if (f[16] == "yes") {
      offer.demo = true;
    } else if (f[16] == "no") {
      offer.demo = false;
    } else {
      problem(line, "bad_demo_flag", "demo must be \"yes\" or \"no\", not \"" + f[16] + "\"");
    }
    if (!f[1].empty() && !seen.insert({f[0], f[1]}).second) {
      problem(line, "duplicate_id",
              "offer id \"" + f[1] + "\" appears twice for municipality " + f[0]);
    }
    if (problems.size() != before) continue;
    set_if_given(offer.name, "nn", f[6]);
    set_if_given(offer.name, "en", f[7]);
    set_if_given(offer.description, "nb", f[8]);
    set_if_given(offer.description, "nn", f[9]);
    set_if_given(offer.description, "en", f[10]);
    offer.contact_name = f[11];
    offer.phone = f[12];
    offer.email = f[13];
    offer.url = f[14];
    offer.address = f[15];
    offers.push_back(std::move(offer));
  }
  if (!problems.empty()) {
    std::string count = std::to_string(problems.size());
    return make_error("invalid_offers",
                      count + (problems.size() == 1 ? " problem" : " problems") +
                          " in the offer file; nothing was read",
                      std::move(problems));
  }
  return offers;
}

std::string fold_case(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 'A' && c <= 'Z') {
      folded += static_cast<char>(c - 'A' + 'a');
    } else if (c == 0xC3 && i + 1 < text.size()) {
      unsigned char next = static_cast<unsigned char>(text[i + 1]);
      // Æ U+00C6, Ø U+00D8, Å U+00C5 -> æ U+00E6, ø U+00F8, å U+00E5
      if (next == 0x86 || next == 0x98 || next == 0x85)
        next = static_cast<unsigned char>(next + 0x20);
      folded += static_cast<char>(c);
      folded += static_cast<char>(next);
      ++i;
    } else {
      folded += static_cast<char>(c);
    }
  }
  return folded;
}

bool offer_matches(const Offer& offer, const OfferFilter& filter) {
  if (!filter.types.empty() && !contains(filter.types, offer.type)) return false;
  if (filter.target_group && !contains(offer.target_groups, *filter.target_group)) return false;
  if (filter.condition_group && !offer.condition_groups.empty() &&
      !contains(offer.condition_groups, *filter.condition_group)) {
    return false;
  }
  if (!filter.free_text.empty()) {
    std::string needle = fold_case(filter.free_text);
    if (fold_case(offer.name.in(filter.language)).find(needle) == std::string::npos &&
        fold_case(offer.description.in(filter.language)).find(needle) == std::string::npos) {
      return false;
    }
  }
  return true;
}

std::vector<Offer> filter_offers(std::span<const Offer> offers, const OfferFilter& filter) {
  std::vector<Offer> kept;
  for (const Offer& offer : offers) {
    if (offer_matches(offer, filter)) kept.push_back(offer);
  }
  return kept;
}

}  // namespace parorende
