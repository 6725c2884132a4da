// Shared by the export tests: a small table with everything that is hard to
// write (Norwegian letters, commas, quotes, line breaks, suppressed and
// undefined cells, value labels, a real -99); ReadStat's reader is in
// tests/common/stat_file_reader.h.
#pragma once

#include <readstat.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "analytics/export/table.h"
#include "stat_file_reader.h"
#include "test_support.h"

namespace parorende::testing {

using analytics::ExportCell;
using analytics::ExportTable;
using analytics::ExportVariable;
using analytics::Suppressed;

inline ExportVariable number_variable(std::string name, std::string label_nb, std::string label_en,
                                      int decimals) {
  ExportVariable variable;
  variable.name = std::move(name);
  variable.label_nb = std::move(label_nb);
  variable.label_en = std::move(label_en);
  variable.decimals = decimals;
  return variable;
}

inline ExportVariable text_variable(std::string name, std::string label_nb, std::string label_en) {
  ExportVariable variable;
  variable.name = std::move(name);
  variable.label_nb = std::move(label_nb);
  variable.label_en = std::move(label_en);
  variable.type = ExportVariable::Type::text;
  return variable;
}

// Columns: municipality (text), scale (labelled number), n, mean, note (text).
inline ExportTable sample_table() {
  ExportTable table;
  table.name = "municipality_scale";
  table.label_nb = "Skalaer per kommune, æøå";
  table.label_en = "Scales per municipality";
  table.variables.push_back(text_variable("municipality", "Kommune", "Municipality"));
  ExportVariable scale = number_variable("scale", "Skala", "Scale", 0);
  scale.value_labels = {{1, "Støtte", "Support"}, {2, "Belastning, «høy»", "Strain, \"high\""}};
  table.variables.push_back(scale);
  table.variables.push_back(number_variable("n", "Antall svar", "Number of answers", 0));
  table.variables.push_back(
      number_variable("mean", "Gjennomsnitt (0–100), på tvers", "Mean (0–100), across", 2));
  table.variables.push_back(text_variable("note", "Merknad", "Note"));
  table.rows = {
      {std::string("Nordre Follo"), 1.0, 42.0, 61.25, std::string("æøå ÆØÅ")},
      {std::string("Oslo, sentrum \"øst\""), 2.0, 3.0, Suppressed{},
       std::string("linje 1\nlinje 2")},
      {std::string("Tromsø"), 2.0, 0.0, std::monostate{}, std::monostate{}},
      {std::string("Ås\r\nvest"), 1.0, Suppressed{}, 1.0 / 3.0, Suppressed{}},
      {std::string("Bø"), std::monostate{}, 17.0, -99.0, std::string("a,b")},
      {std::string("Hå"), 1.0, 1e-7, 1e21, std::string("")},
  };
  return table;
}

}  // namespace parorende::testing
