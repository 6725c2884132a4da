#include "analytics/export/dataset.h"

#include <cmath>
#include <string>

namespace parorende::analytics {
namespace {

// A figure: Suppressed when its cell is withheld, empty when undefined.
ExportCell figure(double value, bool withheld) {
  if (withheld) return Suppressed{};
  if (!std::isfinite(value)) return std::monostate{};
  return value;
}

ExportCell count(std::int64_t n, bool withheld) {
  if (withheld) return Suppressed{};
  return static_cast<double>(n);
}

ExportCell text(std::string value) { return value; }

ExportVariable text_variable(std::string name, std::string nb, std::string en) {
  return {std::move(name), std::move(nb), std::move(en), ExportVariable::Type::text, 0, {}};
}

ExportVariable number_variable(std::string name, std::string nb, std::string en, int decimals = 2,
                               std::vector<ValueLabel> labels = {}) {
  return {std::move(name), std::move(nb),    std::move(en), ExportVariable::Type::number,
          decimals,        std::move(labels)};
}

ExportVariable suppression_variable() {
  return number_variable(
      "suppression", "Skjerming", "Suppression", 0,
      {{0, "Publisert", "Published"},
       {1, "Primær: færre enn k svar", "Primary: fewer than k respondents"},
       {2, "Sekundær: skjermer en primær", "Secondary: protects a primary one"}});
}

ExportCell suppression_code(Suppression suppression) {
  return static_cast<double>(static_cast<int>(suppression));
}

ExportVariable verdict_variable(std::string name, std::string nb, std::string en) {
  return number_variable(std::move(name), std::move(nb), std::move(en), 0,
                         {{1, "Bedre", "Better"},
                          {2, "Dårligere", "Worse"},
                          {3, "Ingen signifikant forskjell", "No significant difference"},
                          {4, "Kan ikke testes", "Not testable"}});
}

ExportCell verdict(const Comparison& comparison, bool withheld) {
  if (withheld) return Suppressed{};
  // Withheld comparisons of published cells have no difference either.
  if (!std::isfinite(comparison.difference)) return Suppressed{};
  switch (comparison.verdict) {
    case Verdict::better: return 1.0;
    case Verdict::worse: return 2.0;
    case Verdict::no_significant_difference: return 3.0;
    case Verdict::not_testable: return 4.0;
  }
  return std::monostate{};
}

std::vector<ExportVariable> estimate_variables() {
  return {number_variable("n", "Antall svar", "Respondents", 0),
          number_variable("mean", "Gjennomsnitt (0-100)", "Mean (0-100)"),
          number_variable("sd", "Standardavvik", "Standard deviation"),
          number_variable("ci_low", "95 % KI, nedre", "95% CI, lower"),
          number_variable("ci_high", "95 % KI, øvre", "95% CI, upper")};
}

void add_estimate(std::vector<ExportCell>& row, const Summary& summary, bool withheld) {
  row.push_back(count(summary.n, withheld));
  row.push_back(figure(summary.mean, withheld));
  row.push_back(figure(summary.sd, withheld));
  row.push_back(figure(summary.ci_low, withheld));
  row.push_back(figure(summary.ci_high, withheld));
}

ExportTable municipality_table(const WaveReport& report) {
  ExportTable table{
      "municipality_scale", "Skalaskårer per kommune", "Scale scores per municipality", {}, {}};
  table.variables = {text_variable("municipality", "Kommunenummer", "Municipality number"),
                     text_variable("municipality_name", "Kommune", "Municipality"),
                     text_variable("county", "Fylkesnummer", "County number"),
                     text_variable("scale", "Skala", "Scale")};
  for (ExportVariable& variable : estimate_variables())
    table.variables.push_back(std::move(variable));
  for (ExportVariable variable :
       {number_variable("adjusted_mean", "Justert for sammensetning", "Case-mix adjusted mean"),
        number_variable("adjusted_ci_low", "Justert, 95 % KI nedre", "Adjusted, 95% CI lower"),
        number_variable("adjusted_ci_high", "Justert, 95 % KI øvre", "Adjusted, 95% CI upper"),
        number_variable("shrunken_mean", "Empirisk Bayes-estimat", "Empirical Bayes estimate"),
        number_variable("shrunken_ci_low", "Empirisk Bayes, 95 % KI nedre",
                        "Empirical Bayes, 95% CI lower"),
        number_variable("shrunken_ci_high", "Empirisk Bayes, 95 % KI øvre",
                        "Empirical Bayes, 95% CI upper"),
        verdict_variable("versus_national", "Mot landet", "Versus the nation"),
        verdict_variable("versus_county", "Mot fylket", "Versus the county"),
        verdict_variable("versus_similar", "Mot liknende kommuner",
                         "Versus similar municipalities"),
        suppression_variable()}) {
    table.variables.push_back(std::move(variable));
  }
  for (const ScaleReport& scale : report.scales) {
    for (const MunicipalityResult& result : scale.municipalities) {
      bool withheld = result.suppressed;
      std::vector<ExportCell> row{text(result.code), text(result.name), text(result.county_code),
                                  text(scale.scale_id)};
      add_estimate(row, result.raw, withheld);
      row.push_back(figure(result.adjusted.mean, withheld));
      row.push_back(figure(result.adjusted.ci_low, withheld));
      row.push_back(figure(result.adjusted.ci_high, withheld));
      row.push_back(figure(result.shrunken.estimate, withheld));
      row.push_back(figure(result.shrunken.ci_low, withheld));
      row.push_back(figure(result.shrunken.ci_high, withheld));
      row.push_back(verdict(result.versus_national, withheld));
      row.push_back(verdict(result.versus_county, withheld));
      row.push_back(verdict(result.versus_similar, withheld));
      row.push_back(suppression_code(result.suppression));
      table.rows.push_back(std::move(row));
    }
  }
  return table;
}

// The nation first (county "00"), then the counties.
ExportTable county_table(const WaveReport& report) {
  ExportTable table{"county_scale",
                    "Skalaskårer for landet og per fylke",
                    "Scale scores for the nation and per county",
                    {},
                    {}};
  table.variables = {
      text_variable("county", "Fylkesnummer (00 = hele landet)", "County number (00 = the nation)"),
      text_variable("county_name", "Fylke", "County"), text_variable("scale", "Skala", "Scale")};
  for (ExportVariable& variable : estimate_variables())
    table.variables.push_back(std::move(variable));
  table.variables.push_back(suppression_variable());
  auto add = [&](const AreaResult& area, const std::string& code, const std::string& scale_id) {
    std::vector<ExportCell> row{text(code), text(area.name), text(scale_id)};
    add_estimate(row, area.raw, area.suppressed);
    row.push_back(suppression_code(area.suppression));
    table.rows.push_back(std::move(row));
  };
  for (const ScaleReport& scale : report.scales) {
    add(scale.national, "00", scale.scale_id);
    for (const AreaResult& county : scale.counties) add(county, county.code, scale.scale_id);
  }
  return table;
}

std::string level_label(const Questionnaire& questionnaire, const BackgroundCell& cell,
                        const std::string& language) {
  if (cell.level == "missing") return language == "en" ? "Not answered" : "Ikke besvart";
  const Item* item = questionnaire.find_item(cell.variable);
  if (item) {
    for (const ChoiceOption& option : item->options) {
      if (std::to_string(option.code) == cell.level) return option.label.in(language);
    }
  }
  return cell.level;
}

ExportTable background_table(const Questionnaire& questionnaire,
                             const std::vector<BackgroundCell>& background) {
  ExportTable table{"background_scale",
                    "Skalaskårer etter bakgrunn, hele landet",
                    "Scale scores by background, the nation",
                    {},
                    {}};
  table.variables = {
      text_variable("characteristic", "Bakgrunnskjennetegn (spørsmål)",
                    "Background characteristic (item)"),
      text_variable("group", "Gruppe (svarkode, eller missing)", "Group (answer code, or missing)"),
      text_variable("group_label_nb", "Gruppe (bokmål)", "Group (Norwegian)"),
      text_variable("group_label_en", "Gruppe (engelsk)", "Group (English)"),
      text_variable("scale", "Skala", "Scale")};
  for (ExportVariable& variable : estimate_variables())
    table.variables.push_back(std::move(variable));
  table.variables.push_back(suppression_variable());
  for (const BackgroundCell& cell : background) {
    std::vector<ExportCell> row{text(cell.variable), text(cell.level),
                                text(level_label(questionnaire, cell, "nb")),
                                text(level_label(questionnaire, cell, "en")), text(cell.scale_id)};
    add_estimate(row, cell.summary, cell.suppressed);
    row.push_back(suppression_code(cell.suppression));
    table.rows.push_back(std::move(row));
  }
  return table;
}

ExportTable burden_table(const WaveReport& report) {
  ExportTable table{
      "burden_categories", "Belastningskategorier: andeler", "Burden categories: shares", {}, {}};
  table.variables = {
      text_variable("level", "Nivå (nation, county, municipality)",
                    "Level (nation, county, municipality)"),
      text_variable("code", "Fylkes- eller kommunenummer", "County or municipality number"),
      text_variable("name", "Navn", "Name"),
      text_variable("instrument", "Kartlegging", "Instrument"),
      text_variable("category", "Kategori", "Category"),
      number_variable("n", "Antall med kategori", "Respondents with a category", 0),
      number_variable("count", "Antall i kategorien", "Respondents in the category", 0),
      number_variable("share", "Andel", "Share", 4),
      number_variable("ci_low", "95 % KI (Wilson), nedre", "95% CI (Wilson), lower", 4),
      number_variable("ci_high", "95 % KI (Wilson), øvre", "95% CI (Wilson), upper", 4),
      suppression_variable()};
  auto add = [&](const BurdenReport& burden, const ShareRow& row, const char* level) {
    for (std::size_t c = 0; c < burden.category_ids.size(); ++c) {
      bool withheld = row.suppressed;
      const Proportion& share = row.shares[c];
      table.rows.push_back({text(level), text(row.code.empty() ? "00" : row.code), text(row.name),
                            text(burden.instrument_id), text(burden.category_ids[c]),
                            count(share.total, withheld), count(share.count, withheld),
                            figure(share.share, withheld), figure(share.ci_low, withheld),
                            figure(share.ci_high, withheld), suppression_code(row.suppression)});
    }
  };
  for (const BurdenReport& burden : report.burden) {
    add(burden, burden.national, "nation");
    for (const ShareRow& row : burden.counties) add(burden, row, "county");
    for (const ShareRow& row : burden.municipalities) add(burden, row, "municipality");
  }
  return table;
}

std::string items_of(const Questionnaire& questionnaire, const Scale& scale,
                     const std::string& language) {
  std::string text;
  for (const std::string& id : scale.items) {
    const Item* item = questionnaire.find_item(id);
    bool reversed = false;
    for (const std::string& reverse : scale.reverse_items) reversed = reversed || reverse == id;
    text += "- " + id + (reversed ? (language == "en" ? " (reverse-keyed)" : " (snudd)") : "") +
            ": " + (item ? item->text.in(language) : std::string()) + "\n";
  }
  return text;
}

std::vector<CodebookSection> codebook(const WaveReport& report,
                                      const Questionnaire& questionnaire) {
  std::vector<CodebookSection> sections;
  std::string k = std::to_string(report.min_respondents);
  sections.push_back(
      {"Skjerming av små grupper", "Suppression of small groups",
       "Et tall som hviler på færre enn k = " + k +
           " svar, publiseres ikke (primær skjerming). I tillegg skjermes så mange andre celler at "
           "ingen skjermet celle kan regnes ut ved å trekke publiserte celler fra en publisert "
           "sum: "
           "de skjermede delene av hver sum (fylke, landet, bakgrunnsgrupper) har til sammen 0 "
           "eller "
           "minst k svar (sekundær skjerming). Skjermede celler er merket i variabelen "
           "suppression; "
           "antall svar i en skjermet celle publiseres heller ikke. Fritekstsvar publiseres aldri. "
           "Se docs/privacy.md.",
       "A figure resting on fewer than k = " + k +
           " respondents is not published (primary suppression). In addition, enough other cells "
           "are withheld that no withheld cell can be computed by subtracting published cells from "
           "a published total: the withheld parts of every total (county, nation, background "
           "groups) "
           "hold 0 or at least k respondents together (secondary suppression). Withheld cells are "
           "marked in the variable suppression; the number of respondents of a withheld cell is "
           "not "
           "published either. Free-text answers are never published. See docs/privacy.md."});
  for (const Scale& scale : questionnaire.scales) {
    std::string share =
        std::to_string(static_cast<int>(std::lround(scale.min_answered_share * 100)));
    sections.push_back(
        {"Skala " + scale.id + ": " + scale.title.in("nb"),
         "Scale " + scale.id + ": " + scale.title.in("en"),
         "Skåre: gjennomsnittet av de besvarte spørsmålene omregnet til 0-100 (høyere er bedre; "
         "snudde spørsmål er snudd), når minst " +
             share + " % av spørsmålene er besvart. \"Vet ikke\" regnes som ubesvart. Spørsmål:\n" +
             items_of(questionnaire, scale, "nb"),
         "Score: the mean of the answered items rescaled to 0-100 (higher is better; reverse-keyed "
         "items are flipped), when at least " +
             share + "% of the items are answered. \"Don't know\" counts as unanswered. Items:\n" +
             items_of(questionnaire, scale, "en")});
  }
  return sections;
}

}  // namespace

ExportDataset export_dataset(const WaveReport& report, const Questionnaire& questionnaire,
                             const std::vector<BackgroundCell>& background, Date computed_on) {
  ExportDataset dataset;
  dataset.title_nb = questionnaire.title.in("nb") + ", bølge " + report.wave;
  dataset.title_en = questionnaire.title.in("en") + ", wave " + report.wave;
  dataset.tables = {municipality_table(report), county_table(report),
                    background_table(questionnaire, background), burden_table(report)};
  for (ExportTable& table : dataset.tables) table.stamped_on = computed_on;
  dataset.codebook_sections = codebook(report, questionnaire);
  return dataset;
}

}  // namespace parorende::analytics
