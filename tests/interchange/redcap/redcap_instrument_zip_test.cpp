// Instrument ZIPs from REDCap's Shared Library (interchange/redcap/instrument_zip.h).
#include "interchange/redcap/instrument_zip.h"

#include <gtest/gtest.h>

#include "interchange/redcap/import.h"
#include "test_support.h"

namespace parorende::redcap {
namespace {

using testing::contains;
using testing::kSourceDir;
using testing::read_file;

std::string test_file(const std::string& name) {
  return read_file(kSourceDir + "/tests/data/redcap/" + name);
}

TEST(RedcapInstrumentZip, TheInstrumentIsTakenOutAndKeepsEveryField) {
  std::string zip = test_file("instrument.zip");
  ASSERT_TRUE(is_zip(zip));
  EXPECT_FALSE(is_zip(test_file("instrument.csv")));
  auto csv = instrument_csv_from_zip(zip);
  ASSERT_TRUE(csv.ok()) << testing::describe_result(csv);
  EXPECT_TRUE(csv->starts_with("Variable / Field Name,")) << csv->substr(0, 40);
  // Its first field is a text question, not a record ID: an instrument has none.
  ImportOptions options;
  options.no_record_id = true;
  auto imported = import_dictionary(csv.value(), options);
  ASSERT_TRUE(imported.ok()) << testing::describe_problems(imported.error());
  std::vector<std::string> items;
  for (const auto& section : imported->definition.at("sections").as_array()) {
    for (const auto& item : section.at("items").as_array())
      items.emplace_back(item.at("id").as_string());
  }
  EXPECT_EQ(items,
            (std::vector<std::string>{"who_fills", "rest_sleep", "rest_tired", "rest_break"}));
}

TEST(RedcapInstrumentZip, WhatIsNoInstrumentSaysWhy) {
  struct ZipCase {
    std::string bytes;
    std::string message;
  };
  const ZipCase cases[] = {
      {test_file("no_instrument.zip"), "the ZIP archive holds no instrument.csv"},
      {test_file("too_large.zip"),
       "instrument.csv in the ZIP archive is 20971520 bytes; the limit is"},
      {"PK\3\4 and then nothing a ZIP has", "the file is not a ZIP archive that can be read"},
      {test_file("instrument.zip").substr(0, 300),
       "the file is not a ZIP archive that can be read"},
  };
  for (const ZipCase& c : cases) {
    auto csv = instrument_csv_from_zip(c.bytes);
    ASSERT_FALSE(csv.ok()) << c.message;
    EXPECT_EQ(csv.error().code, "invalid_dictionary");
    EXPECT_TRUE(contains(csv.error().message, c.message)) << csv.error().message;
  }
}

}  // namespace
}  // namespace parorende::redcap
