// Norway's municipalities (Statistics Norway), shipped in data/.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace parorende {

struct Municipality {
  std::string code;  // 4 digits, "0301"
  std::string name;
  std::string county_code;  // 2 digits
  std::string county_name;
  long population = 0;
  double area_km2 = 0;
  std::string written_standard;  // "nb", "nn" or "neutral"
};

class MunicipalityRegistry {
 public:
  // Parses the CSV layout of data/municipalities.csv; every bad line is
  // reported with its line number.
  static Result<MunicipalityRegistry> parse_csv(std::string_view csv_text);

  const Municipality* find(std::string_view code) const;
  const std::vector<Municipality>& all() const { return municipalities_; }
  std::size_t size() const { return municipalities_.size(); }

 private:
  std::vector<Municipality> municipalities_;
  std::map<std::string, std::size_t, std::less<>> index_by_code_;
};

// The registry compiled into the binary from data/municipalities.csv.
const MunicipalityRegistry& builtin_municipalities();

}  // namespace parorende
