// One registry of error codes (common/error_codes.h): every code the
// sources make is in it, docs/api.md's table of statuses says what it says,
// and the HTTP layer answers with its statuses.
#include "common/error_codes.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "server/http/error_status.h"
#include "test_support.h"

namespace parorende {
namespace {

const std::filesystem::path kSourceTree = PARORENDE_SOURCE_DIR;

// Every code literal the sources hand to make_error() or error_response(),
// or set as an Error's code, with the file it is in.
std::map<std::string, std::string> codes_made_in_sources() {
  const std::regex made(R"re((?:make_error|error_response)\(\s*"([a-z_]+)")re");
  const std::regex assigned(R"re(\bcode = "([a-z_]+)")re");
  std::map<std::string, std::string> codes;
  for (const char* part : {"common", "reference", "questionnaire", "store", "access", "interchange",
                           "analytics", "server", "cli"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(kSourceTree / part)) {
      std::string extension = entry.path().extension().string();
      if (extension != ".cpp" && extension != ".h") continue;
      std::string text = testing::read_file(entry.path().string());
      for (const std::regex* pattern : {&made, &assigned}) {
        for (auto match = std::sregex_iterator(text.begin(), text.end(), *pattern);
             match != std::sregex_iterator(); ++match) {
          codes.emplace((*match)[1].str(), entry.path().lexically_relative(kSourceTree).string());
        }
      }
    }
  }
  return codes;
}

TEST(ErrorCodes, EveryCodeTheSourcesMakeIsInTheTable) {
  auto made = codes_made_in_sources();
  ASSERT_GT(made.size(), 40u) << "the scan found too few codes to be looking in the right places";
  for (const auto& [code, file] : made) {
    EXPECT_NE(find_error_code(code), nullptr)
        << code << " (made in " << file << ") is not in common/error_codes.cpp";
  }
}

TEST(ErrorCodes, TheTableIsSortedAndEachStatusIsAnError) {
  std::string previous;
  for (const ErrorCode& entry : error_codes()) {
    EXPECT_LT(previous, entry.code) << "sorted by code, once each";
    previous = std::string(entry.code);
    EXPECT_GE(entry.http_status, 400) << entry.code;
    EXPECT_LT(entry.http_status, 600) << entry.code;
    EXPECT_FALSE(entry.meaning.empty()) << entry.code;
    EXPECT_EQ(find_error_code(entry.code), &entry);
  }
  EXPECT_EQ(find_error_code("no_such_code"), nullptr);
}

TEST(ErrorCodes, TheHttpLayerAnswersWithTheTablesStatuses) {
  for (const ErrorCode& entry : error_codes()) {
    EXPECT_EQ(static_cast<int>(server::status_for_error_code(entry.code)), entry.http_status)
        << entry.code;
  }
  EXPECT_EQ(server::status_for_error_code("no_such_code"),
            server::http::status::internal_server_error);
}

// docs/api.md's table "| 409 | `wave_closed`, ... |" lists exactly the codes
// that reach HTTP clients, each under its status.
TEST(ErrorCodes, TheApiDocumentListsEveryHttpCodeUnderItsStatus) {
  std::string document = testing::read_file((kSourceTree / "docs/api.md").string());
  const std::regex row(R"re(\n\| (\d{3}) \|([^\n]*)\|)re");
  const std::regex code(R"re(`([a-z_]+)`)re");
  std::map<std::string, int> documented;
  for (auto match = std::sregex_iterator(document.begin(), document.end(), row);
       match != std::sregex_iterator(); ++match) {
    int status = std::stoi((*match)[1].str());
    std::string cells = (*match)[2].str();
    for (auto found = std::sregex_iterator(cells.begin(), cells.end(), code);
         found != std::sregex_iterator(); ++found) {
      std::string name = (*found)[1].str();
      if (find_error_code(name)) documented.emplace(name, status);
    }
  }
  for (const ErrorCode& entry : error_codes()) {
    auto listed = documented.find(std::string(entry.code));
    if (!entry.reaches_http) {
      EXPECT_EQ(listed, documented.end())
          << entry.code << " never reaches HTTP but docs/api.md lists it";
      continue;
    }
    ASSERT_NE(listed, documented.end()) << entry.code << " is missing from docs/api.md's table";
    EXPECT_EQ(listed->second, entry.http_status) << entry.code;
  }
}

}  // namespace
}  // namespace parorende
