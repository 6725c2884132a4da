#include "reference/municipalities.h"

#include <charconv>

namespace parorende {
namespace {

constexpr std::string_view kHeader =
    "code,name,county_code,county_name,population,area_km2,written_standard";

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    std::size_t comma = line.find(',', start);
    if (comma == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, comma - start));
    start = comma + 1;
  }
}

bool all_digits(std::string_view text, std::size_t length) {
  if (text.size() != length) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

Result<MunicipalityRegistry> MunicipalityRegistry::parse_csv(
    std::string_view csv_text) {
  MunicipalityRegistry registry;
  std::vector<Problem> problems;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < csv_text.size()) {
    std::size_t end = csv_text.find('\n', start);
    if (end == std::string_view::npos) end = csv_text.size();
    std::string_view line = csv_text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_number == 1) {
      if (line != kHeader) {
        problems.push_back({"line 1", "bad_header",
                            "expected header '" + std::string(kHeader) + "'"});
      }
      continue;
    }
    if (line.empty()) continue;
    std::string where = "line " + std::to_string(line_number);
    auto fields = split_fields(line);
    if (fields.size() != 7) {
      problems.push_back({where, "bad_line",
                          "expected 7 fields, found " +
                              std::to_string(fields.size())});
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
    auto population = std::from_chars(
        fields[4].data(), fields[4].data() + fields[4].size(),
        municipality.population);
    if (population.ec != std::errc() ||
        population.ptr != fields[4].data() + fields[4].size() ||
        municipality.population < 0) {
      problems.push_back({where, "bad_population",
                          "population must be a whole number"});
    }
    auto area = std::from_chars(fields[5].data(),
                                fields[5].data() + fields[5].size(),
                                municipality.area_km2);
    if (area.ec != std::errc() ||
        area.ptr != fields[5].data() + fields[5].size() ||
        municipality.area_km2 <= 0) {
      problems.push_back({where, "bad_area", "area_km2 must be a positive number"});
    }
    if (municipality.written_standard != "nb" &&
        municipality.written_standard != "nn" &&
        municipality.written_standard != "neutral") {
      problems.push_back({where, "bad_written_standard",
                          "written_standard must be nb, nn or neutral"});
    }
    if (registry.index_by_code_.count(municipality.code) != 0) {
      problems.push_back({where, "duplicate_code",
                          "code " + municipality.code + " appears twice"});
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
  return found == index_by_code_.end() ? nullptr
                                       : &municipalities_[found->second];
}

}  // namespace parorende
