#include "reference/offer_types.h"

namespace parorende {
namespace {

constexpr OfferTerm kTypes[] = {
    {"information", "Informasjon", "Informasjon", "Information"},
    {"conversation_guidance", "Samtale og veiledning", "Samtale og rettleiing",
     "Conversation and guidance"},
    {"course", "Pårørendeskole og kurs", "Pårørandeskule og kurs", "Caregiver school and courses"},
    {"peer_group", "Likepersoner og møteplasser", "Likepersonar og møteplassar",
     "Peer groups and meeting places"},
    {"respite", "Avlastning", "Avlasting", "Respite"},
    {"practical_help", "Praktisk hjelp", "Praktisk hjelp", "Practical help"},
    {"financial_support", "Økonomisk støtte", "Økonomisk støtte", "Financial support"},
    {"children_as_caregivers", "Barn som pårørende", "Barn som pårørande",
     "Children as caregivers"},
    {"bereaved", "Etterlatte", "Etterlatne", "The bereaved"},
};

constexpr OfferTerm kTargetGroups[] = {
    {"children_young", "Barn og unge", "Barn og unge", "Children and young people"},
    {"adults", "Voksne", "Vaksne", "Adults"},
    {"bereaved", "Etterlatte", "Etterlatne", "The bereaved"},
};

constexpr OfferTerm kConditionGroups[] = {
    {"dementia", "Demens", "Demens", "Dementia"},
    {"cancer", "Kreft", "Kreft", "Cancer"},
    {"mental_health_substance", "Psykisk sykdom eller rus", "Psykisk sjukdom eller rus",
     "Mental illness or substance use"},
    {"developmental_disability", "Utviklingshemming", "Utviklingshemming",
     "Developmental disability"},
    {"physical_illness_disability", "Annen fysisk sykdom eller funksjonsnedsettelse",
     "Anna fysisk sjukdom eller funksjonsnedsetjing", "Other physical illness or disability"},
    {"frail_elderly", "Skrøpelig alderdom", "Skrøpeleg alderdom", "Frail old age"},
    {"other", "Annet", "Anna", "Other"},
};

}  // namespace

std::span<const OfferTerm> offer_types() { return kTypes; }
std::span<const OfferTerm> offer_target_groups() { return kTargetGroups; }
std::span<const OfferTerm> offer_condition_groups() { return kConditionGroups; }

namespace {

bool has_term(std::span<const OfferTerm> terms, std::string_view id) {
  for (const OfferTerm& term : terms) {
    if (term.id == id) return true;
  }
  return false;
}

std::string term_list(std::span<const OfferTerm> terms) {
  std::string list;
  for (const OfferTerm& term : terms) {
    if (!list.empty()) list += ", ";
    list += term.id;
  }
  return list;
}

}  // namespace

bool is_offer_type(std::string_view id) { return has_term(kTypes, id); }
std::string offer_type_list() { return term_list(kTypes); }
bool is_offer_target_group(std::string_view id) { return has_term(kTargetGroups, id); }
std::string offer_target_group_list() { return term_list(kTargetGroups); }

std::string_view term_label(const OfferTerm& term, std::string_view language) {
  std::string_view primary = language.substr(0, language.find('-'));
  if (primary == "nn") return term.nn;
  if (primary == "en") return term.en;
  return term.nb;
}

}  // namespace parorende
