#include "store/wave_reader.h"

#include <charconv>
#include <cstring>
#include <limits>

#include "store/internal/connection.h"

namespace parorende {
namespace {

Status read_rows(Connection& connection, const WaveLayout& layout, const WaveRowSink& sink) {
  auto select = connection.streaming_statement(
      "SELECT id, municipality, item_values, published_block, published_tables,"
      " ever_published_tables FROM responses"
      " WHERE wave = ? AND status = 'complete' ORDER BY id");
  if (!select) return select.take_error();
  select->bind(1, layout.wave.id);
  const std::size_t width = layout.columns.size();
  std::vector<double> values(width);
  std::int64_t rows = 0;
  while (true) {
    auto row = select->step();
    if (!row) return row.take_error();
    if (!row.value()) break;
    auto bytes = select->blob(2);
    if (bytes.size() != width * sizeof(double) || rows == layout.complete_responses) {
      return make_error("storage_failure", "response " + std::to_string(select->int64(0)) +
                                               " has item values of another layout");
    }
    // BLOBs are not aligned for doubles: copy (the store's format is
    // little-endian doubles, as response_store.cpp asserts).
    if (width != 0) std::memcpy(values.data(), bytes.data(), bytes.size());
    std::string_view municipality = select->text(1);
    std::uint16_t code = 0;
    std::from_chars(municipality.data(), municipality.data() + municipality.size(), code);
    RowPublication publication{
        select->int64(0), select->is_null(3) ? kNotPublished : static_cast<int>(select->int64(3)),
        static_cast<std::uint64_t>(select->int64(4)), static_cast<std::uint64_t>(select->int64(5))};
    sink(values, code, publication);
    ++rows;
  }
  // Fewer rows than counted in the same snapshot: the read ended early.
  if (rows != layout.complete_responses) {
    return make_error("storage_failure", "the wave's responses ended after " +
                                             std::to_string(rows) + " of " +
                                             std::to_string(layout.complete_responses));
  }
  return {};
}

}  // namespace

Status read_complete_responses(ResponseStore& store, const std::string& database_path,
                               std::string_view wave_name,
                               const std::function<void(const WaveLayout&)>& begin,
                               const WaveRowSink& row) {
  auto wave = store.wave(wave_name);
  if (!wave) return wave.take_error();
  auto questionnaire = store.questionnaire(wave->questionnaire_id, wave->questionnaire_version);
  if (!questionnaire) return questionnaire.take_error();
  WaveLayout layout{wave.value(), questionnaire.value(), matrix_columns(*questionnaire.value()), 0};

  auto location = parse_store_location(database_path);
  if (!location) return location.take_error();
  const bool postgres = location->engine == StoreEngine::postgresql;
  auto connection =
      postgres ? Connection::open_postgres(location->target)
               : Connection::open(location->target, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  if (!connection) return connection.take_error();
  Connection& reader = *connection.value();
  // One snapshot for the count and the rows, as SQLite's read transaction.
  if (auto begun =
          reader.execute(postgres ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
      !begun) {
    return begun;
  }
  Status result = [&]() -> Status {
    auto count =
        reader.statement("SELECT count(*) FROM responses WHERE wave = ? AND status = 'complete'");
    if (!count) return count.take_error();
    count->bind(1, layout.wave.id);
    auto counted = count->step();
    if (!counted) return counted.take_error();
    layout.complete_responses = count->int64(0);
    begin(layout);
    return read_rows(reader, layout, row);
  }();
  (void)reader.execute("COMMIT");
  return result;
}

}  // namespace parorende
