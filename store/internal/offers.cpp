// The offer catalogue's rows.
#include "store/internal/store_impl.h"

namespace parorende {

using namespace store_detail;

Status ResponseStore::Impl::replace_offers(std::span<const Offer> offers) {
  if (!writer_) return read_only_error();
  std::set<std::string> municipalities;
  for (const Offer& offer : offers) municipalities.insert(offer.municipality);
  return write([&](WriteContext& context) -> Status {
    auto remove =
        context.connection.statement("DELETE FROM municipality_offers WHERE municipality = ?");
    if (!remove) return remove.take_error();
    for (const std::string& municipality : municipalities) {
      remove->reset();
      remove->bind(1, municipality);
      if (auto removed = remove->run(); !removed) return removed;
    }
    auto insert = context.connection.statement(
        "INSERT INTO municipality_offers (municipality, offer_id, type, target_groups,"
        " condition_groups, name_nb, name_nn, name_en, description_nb, description_nn,"
        " description_en, contact_name, phone, email, url, address, demo)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert) return insert.take_error();
    for (const Offer& offer : offers) {
      std::string target_groups = join_list(offer.target_groups);
      std::string condition_groups = join_list(offer.condition_groups);
      auto text = [](const LocalizedText& localized, std::string_view language) {
        // Never a null string_view: SQLite would bind NULL.
        return localized.has(language) ? std::string_view(localized.all().find(language)->second)
                                       : std::string_view("");
      };
      insert->reset();
      insert->bind(1, offer.municipality)
          .bind(2, offer.id)
          .bind(3, offer.type)
          .bind(4, target_groups)
          .bind(5, condition_groups)
          .bind(6, text(offer.name, "nb"))
          .bind(7, text(offer.name, "nn"))
          .bind(8, text(offer.name, "en"))
          .bind(9, text(offer.description, "nb"))
          .bind(10, text(offer.description, "nn"))
          .bind(11, text(offer.description, "en"))
          .bind(12, offer.contact_name)
          .bind(13, offer.phone)
          .bind(14, offer.email)
          .bind(15, offer.url)
          .bind(16, offer.address)
          .bind(17, std::int64_t{offer.demo ? 1 : 0});
      if (auto inserted = insert->run(); !inserted) return inserted;
    }
    return {};
  });
}

Result<std::vector<Offer>> ResponseStore::Impl::offers(std::string_view municipality) {
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  auto select = (*reader)->statement(
      "SELECT municipality, offer_id, type, target_groups, condition_groups, name_nb, name_nn,"
      " name_en, description_nb, description_nn, description_en, contact_name, phone, email,"
      " url, address, demo FROM municipality_offers WHERE municipality = ? ORDER BY id");
  if (!select) return select.take_error();
  select->bind(1, municipality);
  std::vector<Offer> offers;
  while (true) {
    auto row = select->step();
    if (!row) return row.take_error();
    if (!row.value()) break;
    Offer offer;
    offer.municipality = select->text(0);
    offer.id = select->text(1);
    offer.type = select->text(2);
    offer.target_groups = split_list(select->text(3));
    offer.condition_groups = split_list(select->text(4));
    const char* languages[] = {"nb", "nn", "en"};
    for (int i = 0; i < 3; ++i) {
      if (!select->text(5 + i).empty())
        offer.name.set(languages[i], std::string(select->text(5 + i)));
      if (!select->text(8 + i).empty()) {
        offer.description.set(languages[i], std::string(select->text(8 + i)));
      }
    }
    offer.contact_name = select->text(11);
    offer.phone = select->text(12);
    offer.email = select->text(13);
    offer.url = select->text(14);
    offer.address = select->text(15);
    offer.demo = select->int64(16) != 0;
    offers.push_back(std::move(offer));
  }
  return offers;
}

}  // namespace parorende
