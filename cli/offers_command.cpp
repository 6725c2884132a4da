// parorende offers import --db FILE FILE.csv: the municipalities' offer
// catalogue (docs/offers.md).
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/commands.h"
#include "cli/store_access.h"
#include "reference/offer_catalogue.h"

namespace parorende::cli {

int offers_import_command(const OffersImportOptions& options) {
  const std::string& path = options.file;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "parorende offers: cannot read " << path << '\n';
    return 1;
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto offers = parse_offers_csv(text.str());
  if (!offers) {
    for (const Problem& problem : offers.error().problems) {
      std::cerr << problem.where << ": " << problem.message << '\n';
    }
    std::cerr << "parorende offers: " << offers.error().message << '\n';
    return 1;
  }
  auto store = open_store("offers", options.db, false);
  if (!store) return 1;
  std::set<std::string> municipalities;
  for (const Offer& offer : offers.value()) municipalities.insert(offer.municipality);
  std::string object = "municipalities:";
  for (const std::string& code : municipalities) {
    object += (object.back() == ':' ? "" : ",") + code;
    if (object.size() > 900) {
      object += ",...";
      break;
    }
  }
  if (auto replaced = store->replace_offers(offers.value()); !replaced) {
    report_error("offers", replaced.error());
    record_shell_action("offers", *store, "offers.import", object, AuditOutcome::failed,
                        replaced.error().code);
    return 1;
  }
  if (!record_shell_action("offers", *store, "offers.import", object, AuditOutcome::success,
                           std::to_string(offers->size()) + " offers")) {
    return 1;
  }
  std::cout << "imported " << offers->size() << " offers for " << municipalities.size()
            << " municipalities\n";
  return 0;
}

}  // namespace parorende::cli
