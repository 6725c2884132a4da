// `parorende offers import` as an operator runs it (docs/offers.md): the
// real binary on a real database file.
#include <gtest/gtest.h>

#include "reference/offer_catalogue.h"
#include "store/response_store.h"
#include "store_test_support.h"

namespace parorende {
namespace {

using testing::contains;
using testing::describe_result;

TEST(OffersCli, ImportsTheCatalogueAndRefusesABadFileWhole) {
  testing::TempDir directory;
  std::string db = (directory.path() / "cli.db").string();
  auto imported = testing::run_parorende(
      {"offers", "import", "--db", db, testing::kSourceDir + "/data/demo-offers.csv"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_TRUE(contains(imported.out, "imported 96 offers for 14 municipalities")) << imported.out;

  std::string bad =
      directory.write("bad.csv", std::string(kOfferCsvHeader) + "\r\n" +
                                     "5038,new,course,adults,,Navn,,Name,,,,,,,,,yes\r\n"
                                     "9999,a,course,adults,,Navn,,Name,,,,,,,,,yes\r\n"
                                     "5038,b,nap,adults,,Navn,,Name,,,,,,,,,yes\r\n");
  auto refused = testing::run_parorende({"offers", "import", "--db", db, bad});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_TRUE(contains(refused.err, "line 3: unknown municipality code \"9999\"")) << refused.err;
  EXPECT_TRUE(contains(refused.err, "line 4: unknown type \"nap\"")) << refused.err;

  StoreOptions options;
  options.path = db;
  options.read_only = true;
  auto store = ResponseStore::open(options);
  ASSERT_TRUE(store.ok()) << describe_result(store);
  EXPECT_EQ(store.value()->offers("5038")->size(), 15u);  // nothing imported from bad.csv

  EXPECT_EQ(testing::run_parorende({"offers", "import", "--db", db}).exit_code, 2);
  EXPECT_EQ(testing::run_parorende({"offers"}).exit_code, 2);
}

}  // namespace
}  // namespace parorende
