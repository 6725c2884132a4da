// Fuzz target: bytes as an offer catalogue CSV (docs/offers.md) ->
// parse_offers_csv (RFC 4180 reading, the header, every column's rules);
// the offers of a catalogue that reads are filtered as the API filters them.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "reference/offer_catalogue.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view csv(reinterpret_cast<const char*>(data), size);
  auto offers = parorende::parse_offers_csv(csv);
  if (!offers) return 0;
  parorende::OfferFilter filter;
  filter.free_text = "Å";
  filter.target_group = "adults";
  filter.condition_group = "dementia";
  parorende::filter_offers(offers.value(), filter);
  return 0;
}
