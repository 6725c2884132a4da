#include "analytics/report_json.h"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <cmath>

namespace parorende::analytics {
namespace {

namespace json = boost::json;

json::object summary_json(const Summary& summary) {
  return {{"n", summary.n},
          {"mean", json_number(summary.mean)},
          {"sd", json_number(summary.sd)},
          {"se", json_number(summary.se)},
          {"ci", json_interval(summary.ci_low, summary.ci_high)}};
}

json::object comparison_json(const Comparison& comparison) {
  return {{"difference", json_number(comparison.difference)},
          {"se", json_number(comparison.se)},
          {"df", json_number(comparison.df)},
          {"t", json_number(comparison.t)},
          {"p", json_number(comparison.p_value)},
          {"ci", json_interval(comparison.ci_low, comparison.ci_high)},
          {"verdict", verdict_name(comparison.verdict)}};
}

// A withheld cell's n is "fewer than k" or hides one that is: null.
json::value respondents(std::int64_t n, bool suppressed) {
  if (suppressed) return nullptr;
  return n;
}

json::value suppression_json(Suppression suppression) {
  if (suppression == Suppression::none) return nullptr;
  return json::string(suppression_name(suppression));
}

json::object area_json(const AreaResult& area) {
  json::object object = summary_json(area.raw);
  object["n"] = respondents(area.raw.n, area.suppressed);
  if (!area.code.empty()) object.emplace("code", area.code);
  object.emplace("name", area.name);
  object.emplace("suppressed", area.suppressed);
  object.emplace("suppression", suppression_json(area.suppression));
  return object;
}

json::object municipality_json(const MunicipalityResult& result) {
  json::object object{{"code", result.code},
                      {"name", result.name},
                      {"county", result.county_code},
                      {"n", respondents(result.raw.n, result.suppressed)},
                      {"suppressed", result.suppressed},
                      {"suppression", suppression_json(result.suppression)}};
  if (result.suppressed) return object;
  json::object raw = summary_json(result.raw);
  raw.erase("n");
  object.emplace("raw", std::move(raw));
  object.emplace(
      "adjusted",
      json::object{{"mean", json_number(result.adjusted.mean)},
                   {"se", json_number(result.adjusted.se)},
                   {"ci", json_interval(result.adjusted.ci_low, result.adjusted.ci_high)}});
  object.emplace(
      "shrunken",
      json::object{{"mean", json_number(result.shrunken.estimate)},
                   {"reliability", json_number(result.shrunken.reliability)},
                   {"se", json_number(result.shrunken.se)},
                   {"ci", json_interval(result.shrunken.ci_low, result.shrunken.ci_high)}});
  object.emplace("versus_national", comparison_json(result.versus_national));
  object.emplace("versus_county", comparison_json(result.versus_county));
  object.emplace("versus_similar", comparison_json(result.versus_similar));
  return object;
}

json::object reliability_json(const ScaleReliability& reliability,
                              const std::vector<std::string>& item_ids, bool totals_withheld) {
  json::array eigenvalues;
  for (Eigen::Index k = 0; k < reliability.eigenvalues.size(); ++k) {
    eigenvalues.push_back(json_number(reliability.eigenvalues[k]));
  }
  json::array items;
  for (std::size_t i = 0; i < reliability.items.size(); ++i) {
    const ItemReliability& item = reliability.items[i];
    items.push_back(json::object{{"id", item_ids[i]},
                                 {"n", respondents(item.n, totals_withheld)},
                                 {"mean", json_number(item.mean)},
                                 {"sd", json_number(item.sd)},
                                 {"r_drop", json_number(item.r_drop)},
                                 {"alpha_if_deleted", json_number(item.alpha_if_deleted)},
                                 {"std_alpha_if_deleted", json_number(item.std_alpha_if_deleted)},
                                 {"alpha_se_if_deleted", json_number(item.alpha_se_if_deleted)}});
  }
  return {{"respondents", reliability.respondents},
          {"alpha", json_number(reliability.alpha)},
          {"std_alpha", json_number(reliability.std_alpha)},
          {"alpha_se", json_number(reliability.alpha_se)},
          {"average_r", json_number(reliability.average_r)},
          {"omega_total", json_number(reliability.omega_total)},
          {"eigenvalues", std::move(eigenvalues)},
          {"items", std::move(items)}};
}

json::object scale_json(const ScaleReport& scale) {
  json::array terms;
  for (const CaseMixTerm& term : scale.case_mix_terms) {
    terms.push_back(json::object{{"variable", term.variable},
                                 {"level", term.level},
                                 {"coefficient", json_number(term.coefficient)},
                                 {"se", json_number(term.se)},
                                 {"estimable", term.estimable}});
  }
  json::array counties;
  for (const AreaResult& county : scale.counties) counties.push_back(area_json(county));
  json::array municipalities;
  for (const MunicipalityResult& result : scale.municipalities) {
    municipalities.push_back(municipality_json(result));
  }
  const ShrinkageModel& shrinkage = scale.shrinkage;
  return {{"id", scale.scale_id},
          {"title", scale.title},
          {"national", area_json(scale.national)},
          {"reliability",
           reliability_json(scale.reliability, scale.item_ids, scale.item_totals_withheld)},
          {"case_mix",
           json::object{{"residual_variance", json_number(scale.case_mix_residual_variance)},
                        {"terms", std::move(terms)}}},
          {"shrinkage",
           json::object{{"national_mean", json_number(shrinkage.national_mean)},
                        {"national_mean_variance", json_number(shrinkage.national_mean_variance)},
                        {"within_variance", json_number(shrinkage.within_variance)},
                        {"between_variance", json_number(shrinkage.between_variance)},
                        {"respondents", shrinkage.respondents},
                        {"municipalities", shrinkage.groups_with_data}}},
          {"counties", std::move(counties)},
          {"municipalities", std::move(municipalities)}};
}

json::object share_row_json(const ShareRow& row, const std::vector<std::string>& categories) {
  json::object object;
  if (!row.code.empty()) object.emplace("code", row.code);
  object.emplace("name", row.name);
  object.emplace("n",
                 respondents(row.shares.empty() ? 0 : row.shares.front().total, row.suppressed));
  object.emplace("suppressed", row.suppressed);
  object.emplace("suppression", suppression_json(row.suppression));
  if (row.suppressed) return object;
  json::array shares;
  for (std::size_t k = 0; k < row.shares.size(); ++k) {
    const Proportion& share = row.shares[k];
    shares.push_back(json::object{{"category", categories[k]},
                                  {"count", share.count},
                                  {"share", json_number(share.share)},
                                  {"ci", json_interval(share.ci_low, share.ci_high)}});
  }
  object.emplace("shares", std::move(shares));
  return object;
}

json::object burden_json(const BurdenReport& burden) {
  json::array categories;
  for (const std::string& id : burden.category_ids) categories.push_back(json::value(id));
  json::array counties;
  for (const ShareRow& row : burden.counties)
    counties.push_back(share_row_json(row, burden.category_ids));
  json::array municipalities;
  for (const ShareRow& row : burden.municipalities) {
    municipalities.push_back(share_row_json(row, burden.category_ids));
  }
  return {{"id", burden.instrument_id},
          {"title", burden.title},
          {"categories", std::move(categories)},
          {"national", share_row_json(burden.national, burden.category_ids)},
          {"counties", std::move(counties)},
          {"municipalities", std::move(municipalities)}};
}

json::object area_change_json(const AreaChange& change) {
  json::object object = comparison_json(change.change);
  if (!change.code.empty()) object.emplace("code", change.code);
  object.emplace("name", change.name);
  object.emplace("n_earlier", change.n_earlier);
  object.emplace("n_later", change.n_later);
  return object;
}

}  // namespace

json::value json_number(double value) {
  if (!std::isfinite(value)) return nullptr;
  return value;
}

json::array json_interval(double low, double high) {
  return json::array{json_number(low), json_number(high)};
}

json::object wave_report_json(const WaveReport& report) {
  json::array scales;
  for (const ScaleReport& scale : report.scales) scales.push_back(scale_json(scale));
  json::array burden;
  for (const BurdenReport& instrument : report.burden) burden.push_back(burden_json(instrument));
  json::object similar;
  for (const SimilarMunicipalities& entry : report.similar) {
    json::array codes;
    for (const std::string& code : entry.similar_codes) codes.push_back(json::value(code));
    similar.emplace(entry.code, std::move(codes));
  }
  json::object document{{"wave", report.wave},
                        {"questionnaire", json::object{{"id", report.questionnaire_id},
                                                       {"version", report.questionnaire_version}}},
                        {"respondents", report.respondents},
                        {"confidence_level", report.confidence_level},
                        {"min_respondents", report.min_respondents},
                        {"scales", std::move(scales)},
                        {"burden", std::move(burden)},
                        {"similar_municipalities", std::move(similar)}};
  if (report.unprotected) {
    document["unprotected"] = true;
    document["warning"] = kUnprotectedWarning;
  }
  return document;
}

json::object wave_change_json(const WaveChange& change) {
  json::array scales;
  for (const ScaleChange& scale : change.scales) {
    json::array counties;
    for (const AreaChange& county : scale.counties) counties.push_back(area_change_json(county));
    json::array municipalities;
    for (const AreaChange& municipality : scale.municipalities) {
      municipalities.push_back(area_change_json(municipality));
    }
    scales.push_back(json::object{{"id", scale.scale_id},
                                  {"national", area_change_json(scale.national)},
                                  {"counties", std::move(counties)},
                                  {"municipalities", std::move(municipalities)}});
  }
  return {{"earlier_wave", change.earlier_wave},
          {"later_wave", change.later_wave},
          {"questionnaire", change.questionnaire_id},
          {"scales", std::move(scales)}};
}

}  // namespace parorende::analytics
