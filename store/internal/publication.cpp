// The published state (docs/privacy.md, "Rule 3").
#include "store/internal/store_impl.h"

namespace parorende {

using namespace store_detail;

Result<PublicationRecord> ResponseStore::Impl::publication(std::string_view wave_name) {
  auto wave = this->wave(wave_name);
  if (!wave) return wave.take_error();
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  auto select = (*reader)->statement(
      "SELECT min_respondents, background FROM published_waves WHERE wave = ?");
  if (!select) return select.take_error();
  select->bind(1, wave->id);
  auto row = select->step();
  if (!row) return row.take_error();
  PublicationRecord record;
  if (row.value()) {
    record.min_respondents = static_cast<int>(select->int64(0));
    if (!select->is_null(1)) record.background = std::string(select->text(1));
  }
  return record;
}

Status ResponseStore::Impl::publish_step(std::string_view wave_name, int min_respondents,
                                         std::span<const PublicationChange> changes) {
  if (!writer_) return read_only_error();
  auto wave = this->wave(wave_name);
  if (!wave) return wave.take_error();
  const std::int64_t wave_id = wave->id;
  return write([&](WriteContext& context) -> Status {
    Connection& connection = context.connection;
    auto record = connection.statement(
        "INSERT INTO published_waves (wave, min_respondents) VALUES (?, ?)"
        " ON CONFLICT (wave) DO NOTHING");
    if (!record) return record.take_error();
    record->bind(1, wave_id).bind(2, std::int64_t{min_respondents});
    if (auto recorded = record->run(); !recorded) return recorded;
    auto recorded_k =
        connection.statement("SELECT min_respondents FROM published_waves WHERE wave = ?");
    if (!recorded_k) return recorded_k.take_error();
    recorded_k->bind(1, wave_id);
    if (auto found = recorded_k->step(); !found) return found.take_error();
    if (recorded_k->int64(0) != min_respondents) {
      return make_error("publication_threshold_mismatch",
                        "wave " + std::string(wave_name) + " is published with min_respondents " +
                            std::to_string(recorded_k->int64(0)) + ", not " +
                            std::to_string(min_respondents) +
                            ": one wave, one k (docs/privacy.md)");
    }
    auto update = connection.statement(
        "UPDATE responses SET published_block = ?1, published_tables = published_tables | ?2,"
        " ever_published_tables = ever_published_tables | ?2"
        " WHERE id = ?3 AND wave = ?4 AND status = 'complete' AND (published_tables & ?2) = 0"
        " AND (published_block IS NULL OR published_block = ?1)");
    if (!update) return update.take_error();
    for (const PublicationChange& change : changes) {
      if (change.block < 0 || change.add_tables == 0 ||
          change.add_tables >> kMaxPublishedTables != 0) {
        throw std::logic_error("publish_step: a change without a block or tables");
      }
      update->reset();
      update->bind(1, std::int64_t{change.block})
          .bind(2, static_cast<std::int64_t>(change.add_tables))
          .bind(3, change.response_id)
          .bind(4, wave_id);
      if (auto updated = update->run(); !updated) return updated;
      if (connection.changes() != 1) {
        // All or nothing: a step applied in part could publish a cohort
        // smaller than k. The writer rolls the transaction back.
        return make_error("publication_conflict",
                          "response " + std::to_string(change.response_id) +
                              " changed since the step was planned; plan it again");
      }
    }
    return {};
  });
}

Status ResponseStore::Impl::save_published_background(std::string_view wave_name,
                                                      std::string_view cells_json) {
  if (!writer_) return read_only_error();
  auto wave = this->wave(wave_name);
  if (!wave) return wave.take_error();
  const std::int64_t wave_id = wave->id;
  return write([&](WriteContext& context) -> Status {
    auto update = context.connection.statement(
        "UPDATE published_waves SET background = ? WHERE wave = ? AND background IS NULL");
    if (!update) return update.take_error();
    update->bind(1, cells_json).bind(2, wave_id);
    return update->run();
  });
}

}  // namespace parorende
