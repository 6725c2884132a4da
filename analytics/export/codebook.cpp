// codebook.md and codebook.json: what every table and variable means, in
// Norwegian and English, and how each file format codes missing values.
// The files themselves carry one label per variable at most, so the
// codebook is where the English labels live.
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <cstdint>
#include <string>

#include "analytics/export/encoders.h"

namespace parorende::analytics {
namespace {

namespace json = boost::json;

// The missing-value rule, generated here so it always matches the writers.
constexpr const char* kMissingValuesNb =
    "En celle uten verdi er enten udefinert (for eksempel et gjennomsnitt uten svar) eller "
    "skjult av personvernhensyn (for få svar til å publisere). CSV: tomt felt for begge. "
    "JSON: null for begge; listen \"suppressed\" sier hvilke celler som er skjult. "
    "SPSS (.sav): udefinert er systemmissing; skjult er en brukerdefinert missing-kode "
    "(-99, eller -999, -9999 ... når variabelen allerede har verdien -99) med "
    "verdietiketten \"skjult (suppressed)\". Stata (.dta): udefinert er ., skjult er .s "
    "med samme etikett. Tekstvariabler er tomme i begge tilfeller. SPSS og Stata har én "
    "etikett per variabel: den norske (forkortet til formatets grense); alle etiketter på "
    "begge språk står i denne kodeboken.";
constexpr const char* kMissingValuesEn =
    "A cell without a value is either undefined (e.g. a mean without answers) or suppressed "
    "for privacy (too few answers to publish). CSV: an empty field for both. JSON: null for "
    "both; the list \"suppressed\" says which cells were suppressed. SPSS (.sav): undefined "
    "is system missing; suppressed is a user-missing code (-99, or -999, -9999 ... when the "
    "variable already holds -99) with the value label \"skjult (suppressed)\". Stata (.dta): "
    "undefined is ., suppressed is .s with the same label. Text variables are empty in both "
    "cases. SPSS and Stata hold one label per variable: the Norwegian one (shortened to the "
    "format's limit); every label in both languages is in this codebook.";

json::object both(const std::string& nb, const std::string& en) { return {{"nb", nb}, {"en", en}}; }

// Table cells and headings stay on one line and keep their pipes literal.
std::string markdown_inline(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string type_text(const ExportVariable& variable) {
  if (variable.type == ExportVariable::Type::text) return "tekst / text";
  return "tall / number (" + std::to_string(variable.decimals) + " des.)";
}

std::string value_labels_text(const ExportVariable& variable) {
  std::string out;
  for (const ValueLabel& label : variable.value_labels) {
    if (!out.empty()) out += "; ";
    out += shortest_number(label.value) + " = " + markdown_inline(label.label_nb) + " / " +
           markdown_inline(label.label_en);
  }
  return out;
}

void append_table(std::string& out, const ExportTable& table) {
  out += "\n## `" + table.name + "`: " + markdown_inline(table.label_nb) + " / " +
         markdown_inline(table.label_en) + "\n\n";
  out += std::to_string(table.rows.size()) + " rader / rows.\n\n";
  out += "| Variabel / Variable | Type | Etikett | Label | Verdier / Values |\n";
  out += "| --- | --- | --- | --- | --- |\n";
  for (const ExportVariable& variable : table.variables)
    out += "| `" + variable.name + "` | " + type_text(variable) + " | " +
           markdown_inline(variable.label_nb) + " | " + markdown_inline(variable.label_en) + " | " +
           value_labels_text(variable) + " |\n";
}

}  // namespace

std::string codebook_markdown(const ExportDataset& dataset) {
  std::string out =
      "# " + markdown_inline(dataset.title_nb) + " / " + markdown_inline(dataset.title_en) + "\n";
  out += "\n## Manglende verdier / Missing values\n\n";
  out += std::string(kMissingValuesNb) + "\n\n" + kMissingValuesEn + "\n";
  for (const CodebookSection& section : dataset.codebook_sections) {
    out += "\n## " + markdown_inline(section.heading_nb) + " / " +
           markdown_inline(section.heading_en) + "\n\n";
    out += section.text_nb + "\n\n" + section.text_en + "\n";
  }
  for (const ExportTable& table : dataset.tables) append_table(out, table);
  return out;
}

std::string codebook_json(const ExportDataset& dataset) {
  json::array sections;
  for (const CodebookSection& section : dataset.codebook_sections)
    sections.push_back({{"heading", both(section.heading_nb, section.heading_en)},
                        {"text", both(section.text_nb, section.text_en)}});
  json::array tables;
  for (const ExportTable& table : dataset.tables)
    tables.push_back({{"name", table.name},
                      {"label", both(table.label_nb, table.label_en)},
                      {"row_count", static_cast<std::uint64_t>(table.rows.size())},
                      {"variables", variables_json(table)}});
  json::object codebook{{"title", both(dataset.title_nb, dataset.title_en)},
                        {"missing_values", both(kMissingValuesNb, kMissingValuesEn)},
                        {"sections", std::move(sections)},
                        {"tables", std::move(tables)}};
  return json::serialize(codebook) + "\n";
}

}  // namespace parorende::analytics
