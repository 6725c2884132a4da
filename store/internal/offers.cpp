// The offer catalogue's rows, and the municipality's contact details.
#include "store/internal/store_impl.h"

namespace parorende {

using namespace store_detail;

namespace {

constexpr std::string_view kOfferColumns =
    "municipality, offer_id, type, target_groups, condition_groups, name_nb, name_nn, name_en,"
    " description_nb, description_nn, description_en, contact_name, phone, email, url, address,"
    " demo";
const std::string kInsertOffer = "INSERT INTO municipality_offers (" + std::string(kOfferColumns) +
                                 ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

// An offer's lists as stored. Statements bind text without a copy, so
// these must outlive the statement's run.
struct JoinedLists {
  explicit JoinedLists(const Offer& offer)
      : target_groups(join_list(offer.target_groups)),
        condition_groups(join_list(offer.condition_groups)) {}
  std::string target_groups;
  std::string condition_groups;
};

// Binds the offer to the 17 parameters of kInsertOffer, in its column order.
void bind_offer(StatementUse& insert, const Offer& offer, const JoinedLists& lists) {
  auto text = [](const LocalizedText& localized, std::string_view language) {
    // Never a null string_view: SQLite would bind NULL.
    return localized.has(language) ? std::string_view(localized.all().find(language)->second)
                                   : std::string_view("");
  };
  insert.bind(1, offer.municipality)
      .bind(2, offer.id)
      .bind(3, offer.type)
      .bind(4, lists.target_groups)
      .bind(5, lists.condition_groups)
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
}

}  // namespace

Status ResponseStore::Impl::replace_offers(std::span<const Offer> offers) {
  std::set<std::string> municipalities;
  for (const Offer& offer : offers) municipalities.insert(offer.municipality);
  return replace_offers_of(municipalities, offers);
}

Status ResponseStore::Impl::replace_municipality_offers(std::string_view municipality,
                                                        std::span<const Offer> offers) {
  for (const Offer& offer : offers) {
    if (offer.municipality != municipality) {
      return make_error("invalid_offers", "the offer \"" + offer.id + "\" is for municipality " +
                                              offer.municipality + ", not " +
                                              std::string(municipality));
    }
  }
  return replace_offers_of({std::string(municipality)}, offers);
}

Status ResponseStore::Impl::replace_offers_of(const std::set<std::string>& municipalities,
                                              std::span<const Offer> offers) {
  if (!writer_) return read_only_error();
  return write([&](WriteContext& context) -> Status {
    auto remove =
        context.connection.statement("DELETE FROM municipality_offers WHERE municipality = ?");
    if (!remove) return remove.take_error();
    for (const std::string& municipality : municipalities) {
      remove->reset();
      remove->bind(1, municipality);
      if (auto removed = remove->run(); !removed) return removed;
    }
    auto insert = context.connection.statement(kInsertOffer);
    if (!insert) return insert.take_error();
    for (const Offer& offer : offers) {
      insert->reset();
      JoinedLists lists(offer);
      bind_offer(*insert, offer, lists);
      if (auto inserted = insert->run(); !inserted) return inserted;
    }
    return {};
  });
}

Result<MunicipalityContact> ResponseStore::Impl::municipality_contact(
    std::string_view municipality) {
  if (builtin_municipalities().find(municipality) == nullptr) {
    return make_error("unknown_municipality",
                      "no municipality has code " + std::string(municipality));
  }
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  auto select = (*reader)->statement(
      "SELECT contact_name, phone, email, switchboard, web_site FROM municipality_contacts"
      " WHERE municipality = ?");
  if (!select) return select.take_error();
  select->bind(1, municipality);
  auto row = select->step();
  if (!row) return row.take_error();
  MunicipalityContact contact;
  if (row.value()) {
    contact = {std::string(select->text(0)), std::string(select->text(1)),
               std::string(select->text(2)), std::string(select->text(3)),
               std::string(select->text(4))};
  }
  return contact;
}

Status ResponseStore::Impl::set_municipality_contact(std::string_view municipality,
                                                     const MunicipalityContact& contact) {
  if (!writer_) return read_only_error();
  if (builtin_municipalities().find(municipality) == nullptr) {
    return make_error("unknown_municipality",
                      "no municipality has code " + std::string(municipality));
  }
  return write([&](WriteContext& context) -> Status {
    auto upsert = context.connection.statement(
        "INSERT INTO municipality_contacts (municipality, contact_name, phone, email,"
        " switchboard, web_site) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (municipality) DO UPDATE"
        " SET contact_name = excluded.contact_name, phone = excluded.phone,"
        " email = excluded.email, switchboard = excluded.switchboard,"
        " web_site = excluded.web_site");
    if (!upsert) return upsert.take_error();
    upsert->bind(1, municipality)
        .bind(2, contact.contact_name)
        .bind(3, contact.phone)
        .bind(4, contact.email)
        .bind(5, contact.switchboard)
        .bind(6, contact.web_site);
    return upsert->run();
  });
}

Result<bool> ResponseStore::Impl::put_offer(const Offer& offer) {
  if (!writer_) return read_only_error();
  bool added = false;
  auto written = write([&](WriteContext& context) -> Status {
    auto existing = context.connection.statement(
        "SELECT 1 FROM municipality_offers WHERE municipality = ? AND offer_id = ?");
    if (!existing) return existing.take_error();
    existing->bind(1, offer.municipality).bind(2, offer.id);
    auto found = existing->step();
    if (!found) return found.take_error();
    added = !found.value();
    // An update keeps the row, so the offer keeps its place in the list.
    auto upsert = context.connection.statement(
        kInsertOffer +
        " ON CONFLICT (municipality, offer_id) DO UPDATE SET type = excluded.type,"
        " target_groups = excluded.target_groups, condition_groups = excluded.condition_groups,"
        " name_nb = excluded.name_nb, name_nn = excluded.name_nn, name_en = excluded.name_en,"
        " description_nb = excluded.description_nb, description_nn = excluded.description_nn,"
        " description_en = excluded.description_en, contact_name = excluded.contact_name,"
        " phone = excluded.phone, email = excluded.email, url = excluded.url,"
        " address = excluded.address, demo = excluded.demo");
    if (!upsert) return upsert.take_error();
    JoinedLists lists(offer);
    bind_offer(*upsert, offer, lists);
    return upsert->run();
  });
  if (!written) return written.take_error();
  return added;
}

Status ResponseStore::Impl::remove_offer(std::string_view municipality, std::string_view id) {
  if (!writer_) return read_only_error();
  return write([&](WriteContext& context) -> Status {
    auto remove = context.connection.statement(
        "DELETE FROM municipality_offers WHERE municipality = ? AND offer_id = ?");
    if (!remove) return remove.take_error();
    remove->bind(1, municipality).bind(2, id);
    if (auto removed = remove->run(); !removed) return removed;
    if (context.connection.changes() == 0) {
      return make_error("offer_not_found", "the municipality has no offer with this id");
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
