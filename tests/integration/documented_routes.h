// The authorization matrix of docs/security.md as rows: every route the
// server serves, and what each kind of caller gets. Tests walk it to reach
// every route (authorization_matrix_test.cpp, comments_test.cpp).
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "server_fixture.h"

namespace parorende::testing {

// The document's columns, in order.
enum Caller {
  anonymous,
  before_second_factor,
  national_admin,
  staff_of_it,
  staff_elsewhere,
  researcher_of_it,
  kCallers
};
inline const char* const kCallerNames[] = {"anonymous",      "signed in, no second factor",
                                           "national_admin", "staff of Gjøvik",
                                           "staff of Oslo",  "researcher of the wave"};

struct MatrixRow {
  std::string method;
  std::string pattern;
  std::string cells[kCallers];  // "yes", "401" or "403"
};

inline std::vector<MatrixRow> documented_rows() {
  std::string text = read_text(kSourceDir + "/docs/security.md");
  std::size_t from = text.find("<!-- matrix:begin -->");
  std::size_t to = text.find("<!-- matrix:end -->");
  std::vector<MatrixRow> rows;
  if (from == std::string::npos || to == std::string::npos) return rows;
  std::istringstream table(text.substr(from, to - from));
  std::string line;
  while (std::getline(table, line)) {
    if (!line.starts_with("| `")) continue;
    std::vector<std::string> cells;
    std::size_t at = 1;
    while (true) {
      std::size_t bar = line.find('|', at);
      if (bar == std::string::npos) break;
      std::string cell = line.substr(at, bar - at);
      cell.erase(0, cell.find_first_not_of(' '));
      cell.erase(cell.find_last_not_of(' ') + 1);
      cells.push_back(cell);
      at = bar + 1;
    }
    if (cells.size() < 1 + kCallers) continue;
    MatrixRow row;
    std::string route = cells[0].substr(1, cells[0].size() - 2);  // without the backticks
    row.method = route.substr(0, route.find(' '));
    row.pattern = route.substr(route.find(' ') + 1);
    for (int caller = 0; caller < kCallers; ++caller) row.cells[caller] = cells[1 + caller];
    rows.push_back(row);
  }
  return rows;
}

}  // namespace parorende::testing
