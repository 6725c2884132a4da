// --db values (store/store_location.h): files, sqlite:FILE and PostgreSQL
// URIs told apart; anything else refused with the reason.
#include "store/store_location.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace parorende {
namespace {

using testing::contains;

TEST(StoreLocation, FilesAndSqliteUrisAreSqlite) {
  for (auto [value, path] : std::vector<std::pair<std::string, std::string>>{
           {"parorende.db", "parorende.db"},
           {"/var/lib/parorende/x.db", "/var/lib/parorende/x.db"},
           {"sqlite:x.db", "x.db"},
           {"sqlite:/var/x.db", "/var/x.db"},
           {"data/a:b.db", "data/a:b.db"},
           {"./odd://name.db", "./odd://name.db"}}) {
    auto location = parse_store_location(value);
    ASSERT_TRUE(location) << value << ": " << location.error().message;
    EXPECT_EQ(location->engine, StoreEngine::sqlite) << value;
    EXPECT_EQ(location->target, path) << value;
  }
}

TEST(StoreLocation, PostgresqlUrisAreKeptWhole) {
  for (std::string value : {"postgresql://parorende@db.example:5432/parorende?sslmode=require",
                            "postgres://db/parorende", "postgresql:///parorende?host=/run/pg"}) {
    auto location = parse_store_location(value);
    ASSERT_TRUE(location) << value;
    EXPECT_EQ(location->engine, StoreEngine::postgresql);
    EXPECT_EQ(location->target, value);
  }
}

TEST(StoreLocation, WhatNamesNoDatabaseIsRefusedWithTheReason) {
  struct Case {
    std::string value;
    std::string reason;
  };
  for (const Case& c :
       std::vector<Case>{{"", "give a file, sqlite:FILE or postgresql://..."},
                         {"sqlite:", "sqlite: needs a file after it"},
                         {"sqlite:///var/x.db", "write sqlite:FILE with the file's path"},
                         {"mysql://db/parorende", "not in mysql"},
                         {"https://example.org/x.db", "not in https"}}) {
    auto location = parse_store_location(c.value);
    ASSERT_FALSE(location) << c.value;
    EXPECT_EQ(location.error().code, "invalid_store_location");
    EXPECT_TRUE(contains(location.error().message, c.reason)) << location.error().message;
  }
}

TEST(StoreLocation, APasswordIsNeverPrinted) {
  EXPECT_EQ(printable_store_location("postgresql://anna:s3cr3t@db.example:5432/parorende"),
            "postgresql://anna:***@db.example:5432/parorende");
  EXPECT_EQ(printable_store_location("postgres://anna:p@ss:w@rd@db/x?sslmode=require"),
            "postgres://anna:***@db/x?sslmode=require");
  EXPECT_EQ(printable_store_location("postgresql:///x?host=/run&password=hemmelig&user=anna"),
            "postgresql:///x?host=/run&password=***&user=anna");
  EXPECT_EQ(printable_store_location("postgresql://anna@db/x?password=a&password=b"),
            "postgresql://anna@db/x?password=***&password=***");
  EXPECT_EQ(printable_store_location("postgresql://db/x"), "postgresql://db/x");
  EXPECT_EQ(printable_store_location("data/user:pw@x.db"), "data/user:pw@x.db");
  // A mistyped scheme, sslpassword, a keyword string: masked all the same.
  EXPECT_EQ(printable_store_location("postgressql://anna:s3cr3t@db/x"),
            "postgressql://anna:***@db/x");
  EXPECT_EQ(printable_store_location("postgresql://db/x?sslpassword=k&sslmode=require"),
            "postgresql://db/x?sslpassword=***&sslmode=require");
  EXPECT_EQ(printable_store_location("host=db password=s3cr3t dbname=x"),
            "host=db password=*** dbname=x");
  EXPECT_EQ(printable_store_location("postgresql://anna:pa?ss#w@db/x"),
            "postgresql://anna:***@db/x");
  auto refused = parse_store_location("postgressql://anna:s3cr3t@db/x");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message.find("s3cr3t"), std::string::npos) << refused.error().message;
}

}  // namespace
}  // namespace parorende
