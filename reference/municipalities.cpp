#include "reference/municipalities.h"

#include <charconv>

#include "common/csv.h"

namespace parorende {
namespace {

constexpr std::string_view kHeader =
    "code,name,county_code,county_name,population,area_km2,written_standard";

bool all_digits(std::string_view text, std::size_t length) {
  if (text.size() != length) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

Result<MunicipalityRegistry> MunicipalityRegistry::parse_csv(std::string_view csv_text) {
  MunicipalityRegistry registry;
  std::vector<Problem> problems;
  auto records = csv::parse(csv_text);
  if (!records) {
    return make_error("invalid_municipalities", "municipality list is invalid",
                      records.error().problems);
  }
  for (const csv::Record& record : *records) {
    const std::vector<std::string>& fields = record.fields;
    std::string where = "line " + std::to_string(record.line);
    if (record.row == 1) {
      std::string header = fields[0];
      for (std::size_t i = 1; i < fields.size(); ++i) header += "," + fields[i];
      if (header != kHeader) {
        problems.push_back({where, "bad_header", "expected header '" + std::string(kHeader) + "'"});
      }
      continue;
    }
    if (fields.size() == 1 && fields[0].empty()) continue;
    if (fields.size() != 7) {
      problems.push_back(
          {where, "bad_line", "expected 7 fields, found " + std::to_string(fields.size())});
      continue;
    }
    Municipality municipality;
    municipality.code = fields[0];
    municipality.name = fields[1];
    municipality.county_code = fields[2];
    municipality.county_name = fields[3];
    municipality.written_standard = fields[6];
    if (!all_digits(fields[0], 4)) {
      problems.push_back({where, "bad_code", "code must be 4 digits"});
    }
    if (!all_digits(fields[2], 2)) {
      problems.push_back({where, "bad_county", "county_code must be 2 digits"});
    }
    auto population = std::from_chars(fields[4].data(), fields[4].data() + fields[4].size(),
                                      municipality.population);
    if (population.ec != std::errc() || population.ptr != fields[4].data() + fields[4].size() ||
        municipality.population < 0) {
      problems.push_back({where, "bad_population", "population must be a whole number"});
    }
    auto area = std::from_chars(fields[5].data(), fields[5].data() + fields[5].size(),
                                municipality.area_km2);
    if (area.ec != std::errc() || area.ptr != fields[5].data() + fields[5].size() ||
        municipality.area_km2 <= 0) {
      problems.push_back({where, "bad_area", "area_km2 must be a positive number"});
    }
    if (municipality.written_standard != "nb" && municipality.written_standard != "nn" &&
        municipality.written_standard != "neutral") {
      problems.push_back(
          {where, "bad_written_standard", "written_standard must be nb, nn or neutral"});
    }
    if (registry.index_by_code_.count(municipality.code) != 0) {
      problems.push_back({where, "duplicate_code", "code " + municipality.code + " appears twice"});
      continue;
    }
    registry.index_by_code_[municipality.code] = registry.municipalities_.size();
    registry.municipalities_.push_back(std::move(municipality));
  }
  if (!problems.empty()) {
    return make_error("invalid_municipalities", "municipality list is invalid",
                      std::move(problems));
  }
  return registry;
}

const Municipality* MunicipalityRegistry::find(std::string_view code) const {
  auto found = index_by_code_.find(code);
  return found == index_by_code_.end() ? nullptr : &municipalities_[found->second];
}

}  // namespace parorende
