// The offer catalogue: CSV parsing with every error, filters and the store
// (`parorende offers import`: tests/integration/offers_cli_test.cpp).
#include "reference/offer_catalogue.h"

#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "store/response_store.h"
#include "store_test_support.h"

namespace parorende {
namespace {

using testing::contains;
using testing::describe_result;

const std::string kCatalogueHeader = std::string(kOfferCsvHeader) + "\r\n";

std::string line(std::string_view municipality, std::string_view id, std::string_view type,
                 std::string_view targets = "adults", std::string_view conditions = "",
                 std::string_view name_nb = "Navn", std::string_view demo = "yes") {
  return std::string(municipality) + "," + std::string(id) + "," + std::string(type) + "," +
         std::string(targets) + "," + std::string(conditions) + "," + std::string(name_nb) +
         ",,Name,Beskrivelse,,Description,Kari,+47 1,k@example.org,https://example.org,Gate 1," +
         std::string(demo) + "\r\n";
}

// "line N" -> codes of the problems on that line.
std::multiset<std::pair<std::string, std::string>> problems_of(const Error& error) {
  std::multiset<std::pair<std::string, std::string>> found;
  for (const Problem& problem : error.problems) found.insert({problem.where, problem.code});
  return found;
}

TEST(OfferCatalogueTest, ParsesFieldsListsAndQuoting) {
  std::string csv =
      kCatalogueHeader + line("5038", "a", "course", "adults;children_young", "dementia;cancer") +
      "5038,b,respite,adults,,\"Avlastning, \"\"helg\"\"\",Avlasting,,\"To\r\nlinjer\","
      ",,,,,,,no\r\n";
  auto offers = parse_offers_csv(csv);
  ASSERT_TRUE(offers.ok()) << describe_result(offers);
  ASSERT_EQ(offers->size(), 2u);
  const Offer& a = offers->at(0);
  EXPECT_EQ(a.municipality, "5038");
  EXPECT_EQ(a.id, "a");
  EXPECT_EQ(a.type, "course");
  EXPECT_EQ(a.target_groups, (std::vector<std::string>{"adults", "children_young"}));
  EXPECT_EQ(a.condition_groups, (std::vector<std::string>{"dementia", "cancer"}));
  EXPECT_EQ(a.name.in("nb"), "Navn");
  EXPECT_EQ(a.name.in("nn"), "Navn");  // fallback
  EXPECT_EQ(a.name.in("en"), "Name");
  EXPECT_EQ(a.description.in("en"), "Description");
  EXPECT_EQ(a.contact_name, "Kari");
  EXPECT_EQ(a.phone, "+47 1");
  EXPECT_EQ(a.email, "k@example.org");
  EXPECT_EQ(a.url, "https://example.org");
  EXPECT_EQ(a.address, "Gate 1");
  EXPECT_TRUE(a.demo);
  const Offer& b = offers->at(1);
  EXPECT_EQ(b.name.in("nb"), "Avlastning, \"helg\"");
  EXPECT_EQ(b.name.in("nn"), "Avlasting");
  EXPECT_EQ(b.description.in("nb"), "To\r\nlinjer");
  EXPECT_TRUE(b.condition_groups.empty());
  EXPECT_FALSE(b.demo);
  // LF line ends and no final newline work too.
  auto lf = parse_offers_csv(
      std::string(kOfferCsvHeader) + "\n" +
      line("5038", "a", "course").substr(0, line("5038", "a", "course").size() - 2));
  ASSERT_TRUE(lf.ok()) << describe_result(lf);
  EXPECT_EQ(lf->size(), 1u);
}

TEST(OfferCatalogueTest, ReportsEveryBadLineWithItsNumber) {
  std::string csv = kCatalogueHeader + line("5038", "ok", "course") +             // 2
                    line("9999", "a", "course") +                                 // 3
                    line("5038", "b", "nap") +                                    // 4
                    line("5038", "c", "course", "adults;elders") +                // 5
                    line("5038", "d", "course", "adults", "flu") +                // 6
                    line("5038", "e", "course", "adults", "", "") +               // 7
                    "5038,f,course\r\n" +                                         // 8
                    line("5038", "g", "course", "adults", "", "Navn", "maybe") +  // 9
                    line("5038", "ok", "respite") +                               // 10
                    // A name of two lines: a name holds no line break.
                    "5038,h,course,adults,,\"Two\r\nlines\",,,,,,,,,,,yes\r\n" +  // 11-12
                    line("5038", "i", "course", "adults", "", "Navn", "ja");      // 13
  auto offers = parse_offers_csv(csv);
  ASSERT_FALSE(offers.ok());
  EXPECT_EQ(offers.error().code, "invalid_offers");
  std::multiset<std::pair<std::string, std::string>> expected = {
      {"line 3", "unknown_municipality"}, {"line 4", "unknown_type"},
      {"line 5", "unknown_target_group"}, {"line 6", "unknown_condition_group"},
      {"line 7", "missing_name"},         {"line 8", "wrong_column_count"},
      {"line 9", "bad_demo_flag"},        {"line 10", "duplicate_id"},
      {"line 11", "invalid_text"},        {"line 13", "bad_demo_flag"}};
  EXPECT_EQ(problems_of(offers.error()), expected) << offers.error().describe();
  for (const Problem& problem : offers.error().problems) {
    if (problem.code == "unknown_target_group") {
      EXPECT_TRUE(contains(problem.message, "elders"));
    }
    if (problem.code == "wrong_column_count") {
      EXPECT_TRUE(contains(problem.message, "3 columns"));
    }
  }
  // Same id in another municipality is fine.
  EXPECT_TRUE(
      parse_offers_csv(kCatalogueHeader + line("5038", "x", "course") + line("0301", "x", "course"))
          .ok());
}

TEST(OfferCatalogueTest, BadHeaderAndQuoting) {
  auto header = parse_offers_csv("municipality,id,kind\r\n" + line("5038", "a", "course"));
  ASSERT_FALSE(header.ok());
  EXPECT_EQ(problems_of(header.error()),
            (std::multiset<std::pair<std::string, std::string>>{{"line 1", "bad_header"}}));
  auto empty = parse_offers_csv("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().problems.at(0).code, "bad_header");

  auto unclosed =
      parse_offers_csv(kCatalogueHeader + line("5038", "a", "course") + "5038,b,course,\"open\r\n");
  ASSERT_FALSE(unclosed.ok());
  EXPECT_EQ(problems_of(unclosed.error()),
            (std::multiset<std::pair<std::string, std::string>>{{"line 3", "bad_quoting"}}));
  auto stray =
      parse_offers_csv(kCatalogueHeader + "5038,b,course,adults,,\"Navn\"x,,,,,,,,,,,yes\r\n");
  ASSERT_FALSE(stray.ok());
  EXPECT_EQ(stray.error().problems.at(0).code, "bad_quoting");
  auto latin1 = parse_offers_csv(kCatalogueHeader + line("5038", "a", "course") +
                                 line("5038", "Bod\xF8", "course"));
  ASSERT_FALSE(latin1.ok());
  EXPECT_EQ(problems_of(latin1.error()),
            (std::multiset<std::pair<std::string, std::string>>{{"line 3", "not_utf8"}}));
}

TEST(OfferCatalogueTest, ShippedDemoOffersParse) {
  auto offers = parse_offers_csv(testing::read_file(testing::kSourceDir + "/data/demo-offers.csv"));
  ASSERT_TRUE(offers.ok()) << describe_result(offers);
  EXPECT_EQ(offers->size(), 96u);
  std::size_t verdal = 0;
  for (const Offer& offer : offers.value()) {
    if (offer.municipality == "5038") ++verdal;
    EXPECT_TRUE(offer.demo);
  }
  EXPECT_EQ(verdal, 15u);
}

TEST(OfferCatalogueTest, TheCatalogueWrittenAsCsvReadsBackTheSame) {
  auto offers = parse_offers_csv(testing::read_file(testing::kSourceDir + "/data/demo-offers.csv"));
  ASSERT_TRUE(offers.ok()) << describe_result(offers);
  auto again = parse_offers_csv(offers_csv(*offers));
  ASSERT_TRUE(again.ok()) << describe_result(again);
  ASSERT_EQ(again->size(), offers->size());
  for (std::size_t i = 0; i < offers->size(); ++i) {
    const Offer& before = (*offers)[i];
    const Offer& after = (*again)[i];
    EXPECT_EQ(after.id, before.id);
    EXPECT_EQ(after.target_groups, before.target_groups);
    EXPECT_EQ(after.condition_groups, before.condition_groups);
    EXPECT_EQ(after.name.all(), before.name.all());
    EXPECT_EQ(after.description.all(), before.description.all());
    EXPECT_EQ(after.address, before.address);
    EXPECT_EQ(after.demo, before.demo);
  }
}

TEST(OfferCatalogueTest, CheckOfferNamesEachBadField) {
  Offer offer;
  offer.municipality = "3407";
  offer.id = "kurs";
  offer.type = "course";
  offer.target_groups = {"adults"};
  offer.name.set("nb", "Kurs for pårørende");
  EXPECT_TRUE(check_offer(offer).empty());

  offer.municipality = "9999";
  offer.id = "";
  offer.type = "party";
  offer.target_groups = {};
  offer.condition_groups = {"aliens"};
  offer.name = LocalizedText();
  std::set<std::string> fields;
  for (const Problem& problem : check_offer(offer)) fields.insert(problem.where);
  EXPECT_EQ(fields, (std::set<std::string>{"municipality", "id", "type", "target_groups",
                                           "condition_groups", "name_nb"}));
}

TEST(OfferCatalogueTest, FoldCase) {
  EXPECT_EQ(fold_case("ÆØÅ æøå ABC xyz"), "æøå æøå abc xyz");
  EXPECT_EQ(fold_case("Pårørende"), "pårørende");
}

TEST(OfferCatalogueTest, Filters) {
  auto offers = parse_offers_csv(
      kCatalogueHeader + line("5038", "a", "course", "adults", "dementia", "Pårørendeskole") +
      line("5038", "b", "respite", "adults;children_young", "", "Avlastning") +
      line("5038", "c", "peer_group", "bereaved", "cancer;other", "Sorggruppe"));
  ASSERT_TRUE(offers.ok()) << describe_result(offers);
  auto ids = [&](const OfferFilter& filter) {
    std::vector<std::string> found;
    for (const Offer& offer : filter_offers(offers.value(), filter)) found.push_back(offer.id);
    return found;
  };
  using Ids = std::vector<std::string>;
  auto with = [](const std::function<void(OfferFilter&)>& set) {
    OfferFilter filter;
    set(filter);
    return filter;
  };
  EXPECT_EQ(ids(OfferFilter()), (Ids{"a", "b", "c"}));
  EXPECT_EQ(ids(with([](OfferFilter& f) { f.types = {"course", "peer_group"}; })), (Ids{"a", "c"}));
  EXPECT_EQ(ids(with([](OfferFilter& f) { f.target_group = "children_young"; })), (Ids{"b"}));
  EXPECT_EQ(ids(with([](OfferFilter& f) { f.condition_group = "dementia"; })), (Ids{"a", "b"}));
  EXPECT_EQ(ids(with([](OfferFilter& f) { f.condition_group = "other"; })), (Ids{"b", "c"}));
  EXPECT_EQ(ids(with([](OfferFilter& f) { f.free_text = "PÅRØRENDE"; })), (Ids{"a"}));
  EXPECT_EQ(ids(with([](OfferFilter& f) { f.free_text = "beskrivelse"; })), (Ids{"a", "b", "c"}));
  EXPECT_EQ(ids(with([](OfferFilter& f) { f.free_text = "description"; })), Ids{});
  EXPECT_EQ(ids(with([](OfferFilter& f) {
              f.free_text = "description";
              f.language = "en";
            })),
            (Ids{"a", "b", "c"}));
  EXPECT_EQ(ids(with([](OfferFilter& f) {
              f.types = {"respite"};
              f.condition_group = "cancer";
              f.free_text = "avl";
            })),
            (Ids{"b"}));
}

TEST(OfferCatalogueTest, StoreReplacesOffersPerMunicipality) {
  testing::TempDir directory;
  StoreOptions options;
  options.path = (directory.path() / "offers.db").string();
  auto store = ResponseStore::open(options);
  ASSERT_TRUE(store.ok()) << describe_result(store);
  auto first = parse_offers_csv(kCatalogueHeader +
                                line("5038", "a", "course", "adults;bereaved", "dementia") +
                                line("5038", "b", "respite") + line("0301", "o", "information"));
  ASSERT_TRUE(first.ok());
  auto replaced = store.value()->replace_offers(first.value());
  ASSERT_TRUE(replaced.ok()) << replaced.error().describe();
  auto verdal = store.value()->offers("5038");
  ASSERT_TRUE(verdal.ok()) << describe_result(verdal);
  ASSERT_EQ(verdal->size(), 2u);
  EXPECT_EQ(verdal->at(0).id, "a");
  EXPECT_EQ(verdal->at(0).target_groups, (std::vector<std::string>{"adults", "bereaved"}));
  EXPECT_EQ(verdal->at(0).condition_groups, (std::vector<std::string>{"dementia"}));
  EXPECT_EQ(verdal->at(0).name.in("en"), "Name");
  EXPECT_EQ(verdal->at(0).name.in("nn"), "Navn");
  EXPECT_EQ(verdal->at(0).description.in("nb"), "Beskrivelse");
  EXPECT_EQ(verdal->at(0).address, "Gate 1");
  EXPECT_TRUE(verdal->at(0).demo);

  auto second = parse_offers_csv(kCatalogueHeader + line("5038", "c", "course"));
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(store.value()->replace_offers(second.value()).ok());
  EXPECT_EQ(store.value()->offers("5038")->size(), 1u);
  EXPECT_EQ(store.value()->offers("5038")->at(0).id, "c");
  EXPECT_EQ(store.value()->offers("0301")->size(), 1u);  // not in the import: kept
  EXPECT_TRUE(store.value()->offers("4601")->empty());
}

}  // namespace
}  // namespace parorende
