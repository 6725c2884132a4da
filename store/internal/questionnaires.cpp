// Publishing and loading questionnaire versions.
#include "store/internal/store_impl.h"

namespace parorende {

using namespace store_detail;

Status ResponseStore::Impl::publish_questionnaire(std::string_view definition_json) {
  auto questionnaire = load_questionnaire_text(definition_json);
  if (!questionnaire) return questionnaire.take_error();
  if (auto publishable = check_new_version(questionnaire.value()); !publishable) return publishable;
  auto document = parse_json(definition_json);
  if (!document) return document.take_error();
  std::string canonical = json::serialize(document.value());
  const Questionnaire& loaded = questionnaire.value();

  return write([&](WriteContext& context) -> Status {
    auto existing = context.connection.statement(
        "SELECT definition FROM questionnaires WHERE questionnaire_id = ? AND version = ?");
    if (!existing) return existing.take_error();
    existing->bind(1, loaded.id).bind(2, loaded.version);
    auto found = existing->step();
    if (!found) return found.take_error();
    if (found.value()) {
      // Objects compare regardless of key order; whitespace never matters.
      auto stored = parse_json(existing->text(0));
      if (stored && stored.value() == document.value()) return {};
      return make_error("questionnaire_immutable",
                        loaded.id + " " + loaded.version +
                            " is already published with another definition; publish a new version");
    }
    // A version's min_respondents is a floor under its rounds' k: a later
    // version without it would quietly lower k for the next round.
    auto versions = context.connection.statement(
        "SELECT version, definition FROM questionnaires WHERE questionnaire_id = ?");
    if (!versions) return versions.take_error();
    versions->bind(1, loaded.id);
    int highest_floor = 0;
    std::string floor_version;
    while (true) {
      auto row = versions->step();
      if (!row) return row.take_error();
      if (!row.value()) break;
      auto earlier = load_questionnaire_text(versions->text(1));
      if (!earlier) return earlier.take_error();
      if (earlier->min_respondents > highest_floor) {
        highest_floor = earlier->min_respondents;
        floor_version = versions->text(0);
      }
    }
    if (highest_floor > loaded.min_respondents) {
      return make_error(
          "questionnaire_floor_lowered",
          loaded.id + " " + loaded.version + " sets min_respondents " +
              std::to_string(loaded.min_respondents) + ", below the " +
              std::to_string(highest_floor) + " of version " + floor_version +
              "; a new version may raise k, never lower it",
          {{"$.min_respondents", "floor_lowered", "at least " + std::to_string(highest_floor)}});
    }
    auto insert = context.connection.statement(
        "INSERT INTO questionnaires (questionnaire_id, version, definition) VALUES (?, ?, ?)");
    if (!insert) return insert.take_error();
    insert->bind(1, loaded.id).bind(2, loaded.version).bind(3, canonical);
    return insert->run();
  });
}

Result<std::shared_ptr<const LoadedQuestionnaire>> ResponseStore::Impl::load(
    std::string_view id, std::optional<std::string_view> version) {
  std::string chosen_version;
  if (version) {
    chosen_version = *version;
  } else {
    auto reader = readers_.acquire();
    if (!reader) return reader.take_error();
    auto versions =
        (*reader)->statement("SELECT version FROM questionnaires WHERE questionnaire_id = ?");
    if (!versions) return versions.take_error();
    versions->bind(1, id);
    while (true) {
      auto row = versions->step();
      if (!row) return row.take_error();
      if (!row.value()) break;
      std::string_view candidate = versions->text(0);
      if (chosen_version.empty() || version_less(chosen_version, candidate)) {
        chosen_version = candidate;
      }
    }
  }
  std::string key = std::string(id) + '\n' + chosen_version;
  {
    std::lock_guard lock(cache_mutex_);
    if (auto cached = questionnaires_.find(key); cached != questionnaires_.end()) {
      return cached->second;
    }
  }
  auto not_found = [&] {
    return make_error("questionnaire_not_found",
                      "no questionnaire " + std::string(id) +
                          (version ? " version " + std::string(*version) : std::string()));
  };
  if (chosen_version.empty()) return not_found();

  auto entry = std::make_shared<LoadedQuestionnaire>();
  {
    auto reader = readers_.acquire();
    if (!reader) return reader.take_error();
    auto select = (*reader)->statement(
        "SELECT id, definition FROM questionnaires WHERE questionnaire_id = ? AND version = ?");
    if (!select) return select.take_error();
    select->bind(1, id).bind(2, chosen_version);
    auto row = select->step();
    if (!row) return row.take_error();
    if (!row.value()) return not_found();
    auto questionnaire = load_questionnaire_text(select->text(1));
    if (!questionnaire) {
      return make_error(
          "storage_failure",
          "the stored definition of " + key + " no longer loads: " + questionnaire.error().message);
    }
    entry->row_id = select->int64(0);
    entry->questionnaire = std::make_shared<const Questionnaire>(std::move(questionnaire).value());
    entry->columns = matrix_columns(*entry->questionnaire);
  }
  std::lock_guard lock(cache_mutex_);
  return questionnaires_.emplace(key, std::move(entry)).first->second;
}

Result<std::vector<QuestionnaireVersion>> ResponseStore::Impl::questionnaires() {
  std::vector<QuestionnaireVersion> versions;
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  auto select = (*reader)->statement(
      "SELECT questionnaire_id, version FROM questionnaires ORDER BY questionnaire_id, id");
  if (!select) return select.take_error();
  while (true) {
    auto row = select->step();
    if (!row) return row.take_error();
    if (!row.value()) break;
    versions.push_back({std::string(select->text(0)), std::string(select->text(1))});
  }
  return versions;
}

}  // namespace parorende
