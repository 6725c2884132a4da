// write_export (one file per table plus the codebook, written atomically)
// and the codebook's contents.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <set>

#include "analytics/export/table.h"
#include "export_test_support.h"

namespace parorende::testing {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using analytics::ExportDataset;
using analytics::ExportFormat;

ExportDataset sample_dataset() {
  ExportDataset dataset;
  dataset.title_nb = "Pårørendeundersøkelsen 2026";
  dataset.title_en = "Caregiver survey 2026";
  ExportTable second;
  second.name = "burden_category";
  second.label_nb = "Belastningskategorier";
  second.label_en = "Burden categories";
  second.variables = {number_variable("category", "Kategori", "Category", 0),
                      number_variable("share", "Andel", "Share", 3)};
  second.variables[0].value_labels = {{1, "Lav", "Low"}, {2, "Høy", "High"}};
  second.rows = {{1.0, 0.625}, {2.0, Suppressed{}}};
  dataset.tables = {sample_table(), second};
  dataset.codebook_sections = {
      {"Skalaer", "Scales", "Skåres 0–100 | høyere er bedre.", "Scored 0–100 | higher is better."},
      {"Prikking", "Suppression", "Færre enn 5 svar skjules.",
       "Fewer than 5 answers are suppressed."}};
  return dataset;
}

std::set<std::string> files_in(const fs::path& directory) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(directory))
    names.insert(entry.path().filename().string());
  return names;
}

std::string read(const fs::path& path) { return read_file(path.string()); }

TEST(ExportFiles, WritesOneFilePerTablePlusTheCodebook) {
  ExportDataset dataset = sample_dataset();
  for (ExportFormat format :
       {ExportFormat::csv, ExportFormat::json, ExportFormat::sav, ExportFormat::dta}) {
    std::string extension(analytics::file_extension(format));
    SCOPED_TRACE(extension);
    TempDir temp;
    fs::path directory = temp.path() / "nested" / "export";
    Status written = analytics::write_export(dataset, format, directory);
    ASSERT_TRUE(written.ok()) << describe_result(written);
    EXPECT_EQ(files_in(directory), (std::set<std::string>{"municipality_scale." + extension,
                                                          "burden_category." + extension,
                                                          "codebook.md", "codebook.json"}));
    EXPECT_EQ(read(directory / "codebook.md"), analytics::codebook_markdown(dataset));
    EXPECT_EQ(read(directory / "codebook.json"), analytics::codebook_json(dataset));
    EXPECT_EQ(fs::status(directory / "codebook.md").permissions() & fs::perms::others_read,
              fs::perms::others_read);
    for (const ExportTable& table : dataset.tables) {
      fs::path file = directory / (table.name + "." + extension);
      if (format == ExportFormat::sav || format == ExportFormat::dta) {
        // The files carry a creation time, so read them instead of comparing bytes.
        ReadFile read_back =
            read_stat_file(read(file), format == ExportFormat::sav ? StatFile::sav : StatFile::dta);
        EXPECT_EQ(read_back.rows.size(), table.rows.size());
      } else {
        EXPECT_EQ(read(file), analytics::encode_table(table, format).value());
      }
    }
  }
}

TEST(ExportFiles, ReplacesAnEarlierExport) {
  TempDir temp;
  temp.write("municipality_scale.csv", "old");
  temp.write("codebook.md", "old");
  ASSERT_TRUE(analytics::write_export(sample_dataset(), ExportFormat::csv, temp.path()).ok());
  EXPECT_EQ(read(temp.path() / "municipality_scale.csv"),
            analytics::encode_table(sample_table(), ExportFormat::csv).value());
  EXPECT_NE(read(temp.path() / "codebook.md"), "old");
  EXPECT_EQ(files_in(temp.path()).size(), 4u) << "no temporary file left behind";
}

TEST(ExportFiles, MalformedTableWritesNothing) {
  ExportDataset dataset = sample_dataset();
  dataset.tables[1].rows[0].pop_back();
  TempDir temp;
  fs::path directory = temp.path() / "export";
  Status written = analytics::write_export(dataset, ExportFormat::csv, directory);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code, "invalid_export_table");
  problem_at(written.error(), "table burden_category, row 1", "wrong_cell_count");
  EXPECT_FALSE(fs::exists(directory));
}

TEST(ExportFiles, DuplicatedTableNames) {
  ExportDataset dataset = sample_dataset();
  dataset.tables[1].name = dataset.tables[0].name;
  TempDir temp;
  Status written = analytics::write_export(dataset, ExportFormat::json, temp.path());
  ASSERT_FALSE(written.ok());
  problem_at(written.error(), "table municipality_scale", "duplicate_name");
  EXPECT_TRUE(files_in(temp.path()).empty());
}

TEST(ExportFiles, UnwritableDirectoryNamesThePathAndWhy) {
  TempDir temp;
  std::string file = temp.write("not_a_directory", "x");
  fs::path directory = fs::path(file) / "export";
  Status written = analytics::write_export(sample_dataset(), ExportFormat::csv, directory);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code, "export_write_failed");
  EXPECT_TRUE(contains(written.error().message, directory.string())) << written.error().message;
  EXPECT_TRUE(contains(written.error().message, "directory")) << written.error().message;
}

TEST(ExportFiles, UnwritableFileNamesTheFile) {
  TempDir temp;
  // A directory where the file should go: the rename cannot replace it.
  fs::create_directory(temp.path() / "codebook.json");
  Status written = analytics::write_export(sample_dataset(), ExportFormat::csv, temp.path());
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code, "export_write_failed");
  EXPECT_TRUE(contains(written.error().message, "codebook.json")) << written.error().message;
  for (const std::string& name : files_in(temp.path()))
    EXPECT_FALSE(name.starts_with(".")) << "temporary file left behind: " << name;
}

TEST(ExportCodebook, MarkdownHasBothLanguagesEveryVariableAndTheMissingRule) {
  ExportDataset dataset = sample_dataset();
  std::string markdown = analytics::codebook_markdown(dataset);
  EXPECT_TRUE(markdown.starts_with("# Pårørendeundersøkelsen 2026 / Caregiver survey 2026\n"));
  EXPECT_TRUE(contains(markdown, "## Manglende verdier / Missing values"));
  EXPECT_TRUE(contains(markdown, "-99")) << "the SPSS code";
  EXPECT_TRUE(contains(markdown, ".s")) << "the Stata code";
  EXPECT_TRUE(contains(markdown, "CSV: tomt felt for begge"));
  EXPECT_TRUE(contains(markdown, "CSV: an empty field for both"));
  EXPECT_TRUE(contains(markdown,
                       "## Skalaer / Scales\n\nSkåres 0–100 | høyere er bedre.\n\n"
                       "Scored 0–100 | higher is better.\n"));
  EXPECT_TRUE(contains(markdown,
                       "## `municipality_scale`: Skalaer per kommune, æøå / Scales per "
                       "municipality\n\n6 rader / rows."));
  EXPECT_TRUE(contains(markdown,
                       "| `mean` | tall / number (2 des.) | Gjennomsnitt (0–100), på "
                       "tvers | Mean (0–100), across |  |\n"));
  EXPECT_TRUE(contains(markdown,
                       "| `scale` | tall / number (0 des.) | Skala | Scale | 1 = Støtte "
                       "/ Support; 2 = Belastning, «høy» / Strain, \"high\" |\n"));
  EXPECT_TRUE(contains(markdown, "| `note` | tekst / text | Merknad | Note |  |\n"));
}

TEST(ExportCodebook, MarkdownTableCellsStayOnOneLine) {
  ExportDataset dataset = sample_dataset();
  dataset.tables[0].variables[3].label_en = "Mean | across\nlines";
  std::string markdown = analytics::codebook_markdown(dataset);
  EXPECT_TRUE(contains(markdown, "| Mean \\| across lines |")) << markdown;
}

TEST(ExportCodebook, JsonMatchesTheDataset) {
  ExportDataset dataset = sample_dataset();
  json::value codebook = json::parse(analytics::codebook_json(dataset));
  EXPECT_EQ(codebook.at("title"),
            (json::object{{"nb", dataset.title_nb}, {"en", dataset.title_en}}));
  EXPECT_TRUE(contains(codebook.at("missing_values").at("nb").as_string(), "skjult"));
  EXPECT_TRUE(contains(codebook.at("missing_values").at("en").as_string(), "suppressed"));
  const json::array& sections = codebook.at("sections").as_array();
  ASSERT_EQ(sections.size(), 2u);
  EXPECT_EQ(sections[1].at("heading").at("en"), json::value("Suppression"));
  EXPECT_EQ(sections[1].at("text").at("nb"), json::value("Færre enn 5 svar skjules."));
  const json::array& tables = codebook.at("tables").as_array();
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[0].at("name"), json::value("municipality_scale"));
  EXPECT_EQ(tables[0].at("row_count").to_number<int>(), 6);
  // The same variable descriptions as the table's own JSON.
  json::value table_json =
      json::parse(analytics::encode_table(dataset.tables[1], ExportFormat::json).value());
  EXPECT_EQ(tables[1].at("variables"), table_json.at("variables"));
  EXPECT_EQ(tables[1].at("variables").at(0).at("value_labels").at(1).at("label").at("nb"),
            json::value("Høy"));
}

}  // namespace
}  // namespace parorende::testing
