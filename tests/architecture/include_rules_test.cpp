// The dependency rules of docs/architecture.md, checked on every #include
// of every source file: a part includes only the parts below it, and a
// part's internal/ folder only that part itself. Breaking a rule fails this test
// with the file, the line and the rule.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.h"

namespace parorende {
namespace {

const std::filesystem::path kSource = PARORENDE_SOURCE_DIR;

// Each part and the parts it may include (itself always).
const std::map<std::string, std::set<std::string>> kMayInclude = {
    {"common", {}},
    {"reference", {"common"}},
    {"questionnaire", {"reference", "common"}},
    {"store", {"questionnaire", "reference", "common"}},
    {"interchange/redcap", {"questionnaire", "reference", "common"}},
    {"access", {"store", "common"}},
    {"analytics", {"store", "questionnaire", "reference", "common"}},
    {"server/http", {"common"}},
    {"server/api",
     {"server/http", "analytics", "access", "interchange/redcap", "store", "questionnaire",
      "reference", "common"}},
    {"server",
     {"server/api", "server/http", "analytics", "access", "interchange/redcap", "store",
      "questionnaire", "reference", "common"}},
    {"cli",
     {"server", "server/api", "server/http", "analytics", "access", "interchange/redcap", "store",
      "questionnaire", "reference", "common"}},
};

// The part a repository path belongs to: the longest part name it starts with.
std::string part_of(const std::string& path) {
  std::string best;
  for (const auto& [part, allowed] : kMayInclude) {
    if (path.rfind(part + "/", 0) == 0 && part.size() > best.size()) best = part;
  }
  return best;
}

struct Violation {
  std::string file;
  int line;
  std::string included;
  std::string why;
};

std::vector<Violation> violations_in(const std::filesystem::path& root) {
  const std::regex include(R"re(^\s*#\s*include\s+"([^"]+)")re");
  std::vector<Violation> found;
  for (const auto& [part, allowed] : kMayInclude) {
    if (!std::filesystem::exists(root / part)) continue;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / part)) {
      std::string extension = entry.path().extension().string();
      if (extension != ".cpp" && extension != ".h" && extension != ".in") continue;
      std::string file = entry.path().lexically_relative(root).string();
      if (part_of(file) != part) continue;  // interchange/redcap from "interchange"
      std::istringstream text(testing::read_file(entry.path().string()));
      std::string line;
      for (int number = 1; std::getline(text, line); ++number) {
        std::smatch match;
        if (!std::regex_search(line, match, include)) continue;
        std::string included = match[1].str();
        std::string target = part_of(included);
        if (target.empty()) {
          // Beside the file ("server_fixture.h") is fine; a path into no part is not.
          if (included.find('/') != std::string::npos) {
            found.push_back({file, number, included, "names no part"});
          }
          continue;
        }
        if (target != part && !allowed.count(target)) {
          found.push_back({file, number, included, part + " may not include " + target});
        }
        std::size_t internal = included.find("/internal/");
        if (internal != std::string::npos && included.substr(0, internal) != part) {
          found.push_back({file, number, included,
                           included.substr(0, internal + 10) + " is " +
                               included.substr(0, internal) + "'s own"});
        }
      }
    }
  }
  return found;
}

TEST(IncludeRules, EveryIncludeFollowsTheRules) {
  std::vector<Violation> found = violations_in(kSource);
  for (const Violation& violation : found) {
    ADD_FAILURE() << violation.file << ":" << violation.line << ": #include \""
                  << violation.included << "\": " << violation.why << " (docs/architecture.md)";
  }
}

TEST(IncludeRules, ABrokenRuleIsFound) {
  testing::TempDir tree;
  for (const char* folder : {"common", "interchange/redcap", "analytics", "server/http", "store"}) {
    std::filesystem::create_directories(tree.path() / folder);
  }
  tree.write("common/bad.h", "#include \"store/response_store.h\"\n");
  tree.write("interchange/redcap/bad.cpp",
             "#include \"questionnaire/questionnaire.h\"\n#include \"store/response_store.h\"\n");
  tree.write("analytics/bad.cpp", "#include \"store/internal/schema.h\"\n");
  tree.write("store/bad.cpp", "#include \"questionnaire/internal/definition_fields.h\"\n");
  tree.write("server/http/bad.cpp",
             "#include \"common/result.h\"\n#include \"server/api/results_cache.h\"\n");
  std::vector<Violation> found = violations_in(tree.path());
  std::set<std::string> what;
  for (const Violation& violation : found)
    what.insert(violation.file + ":" + std::to_string(violation.line));
  EXPECT_EQ(what, (std::set<std::string>{"common/bad.h:1", "interchange/redcap/bad.cpp:2",
                                         "analytics/bad.cpp:1", "server/http/bad.cpp:2",
                                         "store/bad.cpp:1"}));
}

}  // namespace
}  // namespace parorende
