// `parorende analyze`, `demo-data` and `export` (cli/commands.h says how
// subcommands take their options).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "analytics/disclosure_control.h"
#include "analytics/export/table.h"
#include "common/calendar.h"

namespace parorende::cli {

// Analytics (docs/analytics.md).
struct AnalyzeOptions {
  std::string db;
  std::string wave;
  std::string format = "json";  // json or csv
  std::optional<std::string> compare_to;
  int min_respondents = analytics::kDefaultMinRespondents;  // checked by disclosure_threshold
  bool unprotected = false;
};

struct DemoDataOptions {
  std::string db;
  std::string wave;
  std::int64_t responses = 0;
  std::uint64_t seed = 0;
  std::optional<std::string> questionnaire;  // none: the compiled-in one
  std::optional<std::string> truth;          // none: beside the database
  std::optional<Date> opens;                 // given together with closes
  std::optional<Date> closes;
};

struct ExportOptions {  // docs/export.md
  std::string db;
  std::string wave;
  analytics::ExportFormat format = analytics::ExportFormat::csv;
  std::string out;
  int min_respondents = analytics::kDefaultMinRespondents;  // checked by disclosure_threshold
};

int analyze_command(const AnalyzeOptions& options);
int demo_data_command(const DemoDataOptions& options);
int export_command(const ExportOptions& options);

}  // namespace parorende::cli
