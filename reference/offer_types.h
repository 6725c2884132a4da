// The vocabulary of the municipality's offer catalogue: kinds of offer,
// target groups and condition groups. Burden categories, the catalogue, the
// API filters and the survey pages all use these ids.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "common/localized_text.h"

namespace parorende {

struct OfferTerm {
  std::string_view id;
  std::string_view nb, nn, en;
};

// information, conversation_guidance, course, peer_group, respite,
// practical_help, financial_support, children_as_caregivers, bereaved
std::span<const OfferTerm> offer_types();
// children_young, adults, bereaved
std::span<const OfferTerm> offer_target_groups();
// The condition groups of the questionnaires' `condition_group` item, in
// code order (code 1 = dementia, ... 7 = other).
std::span<const OfferTerm> offer_condition_groups();

bool is_offer_type(std::string_view id);
std::string offer_type_list();  // "information, conversation_guidance, ..."
bool is_offer_target_group(std::string_view id);
std::string offer_target_group_list();  // "children_young, adults, bereaved"

// The label of a term in `language` (nb, nn or en, falling back to nb).
std::string_view term_label(const OfferTerm& term, std::string_view language);

}  // namespace parorende
