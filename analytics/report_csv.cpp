#include "analytics/report_csv.h"

#include "analytics/report_json.h"

#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

#include "common/csv.h"

namespace parorende::analytics {
namespace {

constexpr std::string_view kHeader = "section,scale,area,code,name,statistic,value\n";

std::string number(double value) {
  if (!std::isfinite(value)) return "";
  char buffer[32];
  auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, written.ptr);
}

// Writes the lines of one (section, scale, area, code, name) record.
class Record {
 public:
  Record(std::ostream& out, std::string_view section, std::string_view scale, std::string_view area,
         std::string_view code, std::string_view name)
      : out_(out),
        prefix_(csv::field(section) + ',' + csv::field(scale) + ',' + csv::field(area) + ',' +
                csv::field(code) + ',' + csv::field(name) + ',') {}
  Record& value(std::string_view statistic, double value) {
    out_ << prefix_ << statistic << ',' << number(value) << '\n';
    return *this;
  }
  Record& count(std::string_view statistic, std::int64_t value) {
    out_ << prefix_ << statistic << ',' << value << '\n';
    return *this;
  }
  Record& text(std::string_view statistic, std::string_view value) {
    out_ << prefix_ << statistic << ',' << csv::field(value) << '\n';
    return *this;
  }

 private:
  std::ostream& out_;
  std::string prefix_;
};

// A withheld cell's n is not published: an empty value.
void summary_lines(Record& record, const Summary& summary, bool withheld = false) {
  if (withheld) {
    record.text("n", "");
  } else {
    record.count("n", summary.n);
  }
  record.value("mean", summary.mean)
      .value("sd", summary.sd)
      .value("se", summary.se)
      .value("ci_low", summary.ci_low)
      .value("ci_high", summary.ci_high);
}

void comparison_lines(Record& record, std::string_view prefix, const Comparison& comparison) {
  std::string name(prefix);
  record.value(name + "_difference", comparison.difference)
      .value(name + "_se", comparison.se)
      .value(name + "_df", comparison.df)
      .value(name + "_t", comparison.t)
      .value(name + "_p", comparison.p_value)
      .value(name + "_ci_low", comparison.ci_low)
      .value(name + "_ci_high", comparison.ci_high)
      .text(name + "_verdict", verdict_name(comparison.verdict));
}

void scale_lines(std::ostream& out, const ScaleReport& scale) {
  Record national(out, "estimate", scale.scale_id, "nation", "", scale.national.name);
  summary_lines(national, scale.national.raw, scale.national.suppressed);
  for (const AreaResult& county : scale.counties) {
    Record record(out, "estimate", scale.scale_id, "county", county.code, county.name);
    summary_lines(record, county.raw, county.suppressed);
    record.count("suppressed", county.suppressed ? 1 : 0)
        .text("suppression", suppression_name(county.suppression));
  }
  for (const MunicipalityResult& result : scale.municipalities) {
    Record record(out, "estimate", scale.scale_id, "municipality", result.code, result.name);
    summary_lines(record, result.raw, result.suppressed);
    record.text("county", result.county_code)
        .count("suppressed", result.suppressed ? 1 : 0)
        .text("suppression", suppression_name(result.suppression))
        .value("adjusted_mean", result.adjusted.mean)
        .value("adjusted_se", result.adjusted.se)
        .value("adjusted_ci_low", result.adjusted.ci_low)
        .value("adjusted_ci_high", result.adjusted.ci_high)
        .value("shrunken_mean", result.shrunken.estimate)
        .value("shrunken_reliability", result.shrunken.reliability)
        .value("shrunken_se", result.shrunken.se)
        .value("shrunken_ci_low", result.shrunken.ci_low)
        .value("shrunken_ci_high", result.shrunken.ci_high);
    comparison_lines(record, "versus_national", result.versus_national);
    comparison_lines(record, "versus_county", result.versus_county);
    comparison_lines(record, "versus_similar", result.versus_similar);
  }

  const ScaleReliability& reliability = scale.reliability;
  Record whole(out, "reliability", scale.scale_id, "nation", "", "");
  whole.count("respondents", reliability.respondents)
      .value("alpha", reliability.alpha)
      .value("std_alpha", reliability.std_alpha)
      .value("alpha_se", reliability.alpha_se)
      .value("average_r", reliability.average_r)
      .value("omega_total", reliability.omega_total);
  for (Eigen::Index k = 0; k < reliability.eigenvalues.size(); ++k) {
    whole.value("eigenvalue_" + std::to_string(k + 1), reliability.eigenvalues[k]);
  }
  for (std::size_t i = 0; i < reliability.items.size(); ++i) {
    const ItemReliability& item = reliability.items[i];
    Record record(out, "item", scale.scale_id, "nation", scale.item_ids[i], "");
    if (scale.item_totals_withheld) {
      record.text("n", "");
    } else {
      record.count("n", item.n);
    }
    record.value("mean", item.mean)
        .value("sd", item.sd)
        .value("r_drop", item.r_drop)
        .value("alpha_if_deleted", item.alpha_if_deleted)
        .value("std_alpha_if_deleted", item.std_alpha_if_deleted)
        .value("alpha_se_if_deleted", item.alpha_se_if_deleted);
  }
  for (const CaseMixTerm& term : scale.case_mix_terms) {
    Record record(out, "case_mix", scale.scale_id, "nation", term.variable + "=" + term.level, "");
    record.value("coefficient", term.coefficient)
        .value("se", term.se)
        .count("estimable", term.estimable ? 1 : 0);
  }
  Record model(out, "model", scale.scale_id, "nation", "", "");
  model.value("case_mix_residual_variance", scale.case_mix_residual_variance)
      .value("shrinkage_national_mean", scale.shrinkage.national_mean)
      .value("shrinkage_within_variance", scale.shrinkage.within_variance)
      .value("shrinkage_between_variance", scale.shrinkage.between_variance);
}

void share_lines(std::ostream& out, const BurdenReport& burden, std::string_view area,
                 const ShareRow& row) {
  Record record(out, "burden", burden.instrument_id, area, row.code, row.name);
  if (row.suppressed) {
    record.text("n", "");
  } else {
    record.count("n", row.shares.empty() ? 0 : row.shares.front().total);
  }
  record.count("suppressed", row.suppressed ? 1 : 0)
      .text("suppression", suppression_name(row.suppression));
  for (std::size_t k = 0; k < row.shares.size(); ++k) {
    const std::string& category = burden.category_ids[k];
    const Proportion& share = row.shares[k];
    if (!row.suppressed) record.count(category + "_count", share.count);
    record.value(category + "_share", share.share)
        .value(category + "_ci_low", share.ci_low)
        .value(category + "_ci_high", share.ci_high);
  }
}

void change_lines(std::ostream& out, const std::string& scale, std::string_view area,
                  const AreaChange& change) {
  Record record(out, "change", scale, area, change.code, change.name);
  record.count("n_earlier", change.n_earlier).count("n_later", change.n_later);
  comparison_lines(record, "change", change.change);
}

}  // namespace

void write_wave_report_csv(std::ostream& out, const WaveReport& report) {
  out << kHeader;
  Record wave(out, "wave", "", "nation", report.wave, "");
  wave.text("questionnaire", report.questionnaire_id)
      .text("version", report.questionnaire_version)
      .count("respondents", report.respondents)
      .count("min_respondents", report.min_respondents)
      .value("confidence_level", report.confidence_level);
  if (report.unprotected) wave.text("warning", kUnprotectedWarning);
  for (const ScaleReport& scale : report.scales) scale_lines(out, scale);
  for (const BurdenReport& burden : report.burden) {
    share_lines(out, burden, "nation", burden.national);
    for (const ShareRow& row : burden.counties) share_lines(out, burden, "county", row);
    for (const ShareRow& row : burden.municipalities) share_lines(out, burden, "municipality", row);
  }
  for (const SimilarMunicipalities& entry : report.similar) {
    Record record(out, "similar", "", "municipality", entry.code, "");
    for (std::size_t k = 0; k < entry.similar_codes.size(); ++k) {
      record.text("similar_" + std::to_string(k + 1), entry.similar_codes[k]);
    }
  }
}

void write_wave_change_csv(std::ostream& out, const WaveChange& change, bool header) {
  if (header) out << kHeader;
  for (const ScaleChange& scale : change.scales) {
    change_lines(out, scale.scale_id, "nation", scale.national);
    for (const AreaChange& county : scale.counties)
      change_lines(out, scale.scale_id, "county", county);
    for (const AreaChange& municipality : scale.municipalities) {
      change_lines(out, scale.scale_id, "municipality", municipality);
    }
  }
}

}  // namespace parorende::analytics
