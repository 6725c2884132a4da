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
namespace {

constexpr const char* kUsage = "usage: parorende offers import --db FILE FILE.csv\n";

int import_offers(const Words& words) {
  auto arguments = Arguments::parse(words, {"db"});
  if (!arguments || !arguments->option("db") || arguments->positional().size() != 1) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string& path = arguments->positional()[0];
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
  auto store = open_store("offers", arguments.value(), false);
  if (!store) return 1;
  if (auto replaced = store->replace_offers(offers.value()); !replaced) {
    report_error("offers", replaced.error());
    return 1;
  }
  std::set<std::string> municipalities;
  for (const Offer& offer : offers.value()) municipalities.insert(offer.municipality);
  std::cout << "imported " << offers->size() << " offers for " << municipalities.size()
            << " municipalities\n";
  return 0;
}

}  // namespace

int offers_command(const Words& words) {
  if (words.empty() || words[0] != "import") {
    std::cerr << kUsage;
    return 2;
  }
  return import_offers(Words(words.begin() + 1, words.end()));
}

}  // namespace parorende::cli
