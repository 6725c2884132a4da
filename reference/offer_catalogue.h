// The municipality's offer catalogue: offers for caregivers, read from a CSV
// file (docs/offers.md), stored per municipality, filtered for the API.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/localized_text.h"
#include "common/result.h"

namespace parorende {

struct Offer {
  std::string municipality;                   // four-digit code
  std::string id;                             // unique within the municipality
  std::string type;                           // an id of offer_types()
  std::vector<std::string> target_groups;     // ids of offer_target_groups()
  std::vector<std::string> condition_groups;  // empty: every condition group
  LocalizedText name;                         // nb always present; nn, en when given
  LocalizedText description;                  // languages given (may be empty)
  std::string contact_name, phone, email, url, address;
  bool demo = false;
};

inline constexpr std::size_t kMaxOfferIdBytes = 64;
inline constexpr std::size_t kMaxOfferTextBytes = 2000;
inline constexpr std::size_t kMaxOfferDescriptionBytes = 8000;

// The CSV columns, in order (RFC 4180 quoting, CRLF or LF; lists separated
// by ';').
inline constexpr std::string_view kOfferCsvHeader =
    "municipality,id,type,target_groups,condition_groups,name_nb,name_nn,name_en,"
    "description_nb,description_nn,description_en,contact_name,phone,email,url,"
    "address,demo";

// Every offer, or "invalid_offers" with one Problem per bad line
// (where = "line N", counting physical lines from 1 = the header).
Result<std::vector<Offer>> parse_offers_csv(std::string_view csv);

// The problems parse_offers_csv finds in one offer's fields (where = the
// column: "type", "target_groups", "name_nb", ...): a known municipality,
// an id (at most kMaxOfferIdBytes, no control character, no /, not . or
// ..), a known type, at least one known target group, known condition
// groups, a bokmål name, texts within their sizes and without control
// characters (line breaks in descriptions only). Empty when the offer is
// good.
std::vector<Problem> check_offer(const Offer& offer);

// The offers as a file parse_offers_csv reads back, header first.
std::string offers_csv(std::span<const Offer> offers);

struct OfferFilter {
  std::vector<std::string> types;              // any of these; empty: all
  std::optional<std::string> target_group;     // contained
  std::optional<std::string> condition_group;  // contained, or offer for all
  std::string free_text;                       // substring, case-insensitive
  std::string language = "nb";                 // texts searched by free_text
};

bool offer_matches(const Offer& offer, const OfferFilter& filter);
std::vector<Offer> filter_offers(std::span<const Offer> offers, const OfferFilter& filter);

// Lowercase for matching: ASCII, plus UTF-8 Æ/Ø/Å -> æ/ø/å.
std::string fold_case(std::string_view text);

// "a;b" <-> {"a", "b"} (empty text: no items).
std::vector<std::string> split_list(std::string_view text, char separator = ';');
std::string join_list(const std::vector<std::string>& items, char separator = ';');

}  // namespace parorende
