// Creating and reading waves.
#include "store/internal/store_impl.h"

namespace parorende {

using namespace store_detail;

Result<Wave> ResponseStore::Impl::create_wave(const WaveSpec& spec) {
  if (auto valid = check_wave_spec(spec); !valid) return valid.take_error();
  auto loaded = load(spec.questionnaire_id, spec.questionnaire_version);
  if (!loaded) return loaded.take_error();

  const std::optional<Consent>& consent = loaded.value()->questionnaire->consent;
  if (spec.comments_shared && !(consent && consent->shares_comments)) {
    return make_error("comments_not_consented",
                      "the consent of " + loaded.value()->questionnaire->id + " " +
                          loaded.value()->questionnaire->version +
                          " does not tell caregivers that their comments are shown to the "
                          "municipality, so this round cannot share them");
  }

  bool results_consented = consent && consent->publishes_results;
  if (spec.results_public.value_or(false) && !results_consented) {
    return make_error("results_not_consented",
                      "the consent of " + loaded.value()->questionnaire->id + " " +
                          loaded.value()->questionnaire->version +
                          " does not tell caregivers that the figures are published, so this "
                          "round's results can be for staff only");
  }

  if (spec.participation_tracked && !(consent && consent->tracks_participation)) {
    return make_error("participation_not_consented",
                      "the consent of " + loaded.value()->questionnaire->id + " " +
                          loaded.value()->questionnaire->version +
                          " does not tell caregivers that their municipality sees whether their "
                          "letter was answered, so this round cannot track it");
  }

  Wave wave;
  wave.name = spec.name;
  wave.participation_tracked = spec.participation_tracked;
  wave.comments_shared = spec.comments_shared;
  wave.results_public = spec.results_public.value_or(results_consented);
  wave.questionnaire_id = loaded.value()->questionnaire->id;
  wave.questionnaire_version = loaded.value()->questionnaire->version;
  wave.opens = spec.opens;
  wave.closes = spec.closes;
  wave.municipalities = spec.municipalities;
  std::sort(wave.municipalities.begin(), wave.municipalities.end());
  wave.municipalities.erase(std::unique(wave.municipalities.begin(), wave.municipalities.end()),
                            wave.municipalities.end());
  std::string opens = wave.opens.iso();
  std::string closes = wave.closes.iso();
  std::int64_t questionnaire_row = loaded.value()->row_id;

  auto written = write([&](WriteContext& context) -> Status {
    Connection& connection = context.connection;
    auto existing = connection.statement("SELECT 1 FROM waves WHERE name = ?");
    if (!existing) return existing.take_error();
    existing->bind(1, wave.name);
    auto found = existing->step();
    if (!found) return found.take_error();
    if (found.value()) return make_error("wave_exists", "a wave named " + wave.name + " exists");
    auto insert = connection.statement(
        "INSERT INTO waves (name, questionnaire, opens_on, closes_on, comments_shared,"
        " results_public, participation_tracked) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
    if (!insert) return insert.take_error();
    insert->bind(1, wave.name)
        .bind(2, questionnaire_row)
        .bind(3, opens)
        .bind(4, closes)
        .bind(5, std::int64_t{wave.comments_shared ? 1 : 0})
        .bind(6, std::int64_t{wave.results_public ? 1 : 0})
        .bind(7, std::int64_t{wave.participation_tracked ? 1 : 0});
    auto inserted = run_returning_id(*insert);
    if (!inserted) return inserted.take_error();
    wave.id = inserted.value();
    auto member =
        connection.statement("INSERT INTO wave_municipalities (wave, municipality) VALUES (?, ?)");
    if (!member) return member.take_error();
    for (const std::string& code : wave.municipalities) {
      member->reset();
      member->bind(1, wave.id).bind(2, code);
      if (auto inserted = member->run(); !inserted) return inserted;
    }
    return {};
  });
  if (!written) return written.take_error();
  std::lock_guard lock(cache_mutex_);
  waves_by_id_[wave.id] = wave;
  return wave;
}

Result<Wave> ResponseStore::Impl::read_wave(std::string_view where_sql,
                                            const std::function<void(StatementUse&)>& bind) {
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  std::string sql =
      "SELECT w.id, w.name, q.questionnaire_id, q.version, w.opens_on, w.closes_on,"
      " w.comments_shared, w.results_public, w.participation_tracked FROM waves w JOIN "
      "questionnaires q ON q.id = "
      "w.questionnaire WHERE ";
  sql += where_sql;
  auto select = (*reader)->statement(sql);
  if (!select) return select.take_error();
  bind(*select);
  auto row = select->step();
  if (!row) return row.take_error();
  if (!row.value()) return make_error("wave_not_found", "no such wave");
  Wave wave;
  wave.id = select->int64(0);
  wave.name = select->text(1);
  wave.questionnaire_id = select->text(2);
  wave.questionnaire_version = select->text(3);
  auto opens = column_date(*select, 4);
  auto closes = column_date(*select, 5);
  if (!opens || !closes)
    return make_error("storage_failure", "wave " + wave.name + " has bad dates");
  wave.opens = *opens;
  wave.closes = *closes;
  wave.comments_shared = select->int64(6) != 0;
  wave.results_public = select->int64(7) != 0;
  wave.participation_tracked = select->int64(8) != 0;

  auto members = (*reader)->statement(
      "SELECT municipality FROM wave_municipalities WHERE wave = ? ORDER BY municipality");
  if (!members) return members.take_error();
  members->bind(1, wave.id);
  while (true) {
    auto member = members->step();
    if (!member) return member.take_error();
    if (!member.value()) break;
    wave.municipalities.emplace_back(members->text(0));
  }
  std::lock_guard lock(cache_mutex_);
  waves_by_id_[wave.id] = wave;
  return wave;
}

Result<Wave> ResponseStore::Impl::wave(std::string_view name) {
  {
    std::lock_guard lock(cache_mutex_);
    for (const auto& [id, wave] : waves_by_id_) {
      if (wave.name == name) return wave;
    }
  }
  auto wave = read_wave("w.name = ?", [name](StatementUse& select) { select.bind(1, name); });
  if (!wave && wave.error().code == "wave_not_found") {
    return make_error("wave_not_found", "no wave named " + std::string(name));
  }
  return wave;
}

Result<Wave> ResponseStore::Impl::wave_by_id(std::int64_t id) {
  {
    std::lock_guard lock(cache_mutex_);
    if (auto cached = waves_by_id_.find(id); cached != waves_by_id_.end()) return cached->second;
  }
  return read_wave("w.id = ?", [id](StatementUse& select) { select.bind(1, id); });
}

Result<std::vector<Wave>> ResponseStore::Impl::waves() {
  std::vector<std::string> names;
  {
    auto reader = readers_.acquire();
    if (!reader) return reader.take_error();
    auto select = (*reader)->statement("SELECT name FROM waves ORDER BY id");
    if (!select) return select.take_error();
    while (true) {
      auto row = select->step();
      if (!row) return row.take_error();
      if (!row.value()) break;
      names.emplace_back(select->text(0));
    }
  }
  std::vector<Wave> waves;
  for (const std::string& name : names) {
    auto found = wave(name);
    if (!found) return found.take_error();
    waves.push_back(std::move(found).value());
  }
  return waves;
}

Result<bool> ResponseStore::Impl::join_wave(std::string_view wave_name,
                                            std::string_view municipality) {
  if (!writer_) return read_only_error();
  if (builtin_municipalities().find(municipality) == nullptr) {
    return make_error("unknown_municipality",
                      "no municipality has code " + std::string(municipality));
  }
  auto joined = wave(wave_name);
  if (!joined) return joined.take_error();
  if (!joined->is_national()) {
    return make_error("round_not_national",
                      "round " + joined->name + " is only for the municipalities it lists");
  }
  bool added = false;
  auto written = write([&](WriteContext& context) -> Status {
    auto insert = context.connection.statement(
        "INSERT INTO wave_participants (wave, municipality) VALUES (?, ?) ON CONFLICT DO NOTHING");
    if (!insert) return insert.take_error();
    insert->bind(1, joined->id).bind(2, municipality);
    if (auto inserted = insert->run(); !inserted) return inserted;
    added = context.connection.changes() > 0;
    return {};
  });
  if (!written) return written.take_error();
  return added;
}

Result<std::vector<std::string>> ResponseStore::Impl::joined_waves(std::string_view municipality) {
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  auto select = (*reader)->statement(
      "SELECT w.name FROM wave_participants p JOIN waves w ON w.id = p.wave"
      " WHERE p.municipality = ? ORDER BY w.name");
  if (!select) return select.take_error();
  select->bind(1, municipality);
  std::vector<std::string> names;
  while (true) {
    auto row = select->step();
    if (!row) return row.take_error();
    if (!row.value()) break;
    names.emplace_back(select->text(0));
  }
  return names;
}

}  // namespace parorende
