#include "questionnaire/score_report.h"

namespace parorende {
namespace {

namespace json = boost::json;

const LocalizedText* scale_title(const Questionnaire& questionnaire, const std::string& id) {
  for (const Scale& scale : questionnaire.scales) {
    if (scale.id == id) return &scale.title;
  }
  return nullptr;
}

const BurdenInstrument* instrument_named(const Questionnaire& questionnaire,
                                         const std::string& id) {
  for (const BurdenInstrument& instrument : questionnaire.burden_instruments) {
    if (instrument.id == id) return &instrument;
  }
  return nullptr;
}

}  // namespace

json::object score_report_json(const Questionnaire& questionnaire, const ResponseScores& scores,
                               std::string_view language) {
  json::object report;
  report["questionnaire"] = questionnaire.id;
  report["version"] = questionnaire.version;
  report["language"] = language;
  json::array scales;
  for (const ScaleScore& scale : scores.scales) {
    json::object entry;
    entry["id"] = scale.scale_id;
    if (const LocalizedText* title = scale_title(questionnaire, scale.scale_id)) {
      entry["title"] = title->in(language);
    }
    entry["score"] = scale.score ? json::value(*scale.score) : json::value(nullptr);
    entry["items_answered"] = scale.items_answered;
    entry["items_total"] = scale.items_total;
    scales.push_back(std::move(entry));
  }
  report["scales"] = std::move(scales);
  json::array burden;
  for (const BurdenScore& score : scores.burden) {
    json::object entry;
    entry["id"] = score.instrument_id;
    if (const BurdenInstrument* instrument = instrument_named(questionnaire, score.instrument_id)) {
      entry["title"] = instrument->title.in(language);
      entry["max_sum"] = instrument->highest_sum;
      entry["offer_target_group"] = instrument->offer_target_group;
    }
    entry["sum"] = score.sum ? json::value(*score.sum) : json::value(nullptr);
    if (score.category != nullptr) {
      json::object category;
      category["id"] = score.category->id;
      category["label"] = score.category->label.in(language);
      category["meaning"] = score.category->meaning.in(language);
      category["follow_up"] = score.category->follow_up.in(language);
      json::array offer_types;
      for (const std::string& type : score.category->offer_types) {
        offer_types.push_back(json::string(type));
      }
      category["offer_types"] = std::move(offer_types);
      entry["category"] = std::move(category);
    } else {
      entry["category"] = nullptr;
    }
    entry["items_answered"] = score.items_answered;
    entry["items_total"] = score.items_total;
    burden.push_back(std::move(entry));
  }
  report["burden"] = std::move(burden);
  return report;
}

}  // namespace parorende
