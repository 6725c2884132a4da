// The researcher export of a wave (export_table.h writes it): built from
// the published report only, so every withheld figure is a Suppressed
// cell and nothing disclosure control removed can reach a file. Tables:
// municipality_scale, county_scale (with the nation), background_scale,
// burden_categories; the codebook explains each scale and the
// suppression rule with the k used. docs/export.md.
#pragma once

#include <vector>

#include "analytics/background_tables.h"
#include "analytics/export/table.h"
#include "analytics/wave_report.h"
#include "questionnaire/answer.h"
#include "questionnaire/questionnaire.h"

namespace parorende::analytics {

// `report` after apply_disclosure_control; `background` from
// background_scale_table with the same k; `computed_on` the day the figures
// were computed, the files' only date stamp.
ExportDataset export_dataset(const WaveReport& report, const Questionnaire& questionnaire,
                             const std::vector<BackgroundCell>& background,
                             Date computed_on = {1970, 1, 1});

}  // namespace parorende::analytics
