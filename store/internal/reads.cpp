// Every complete response of a wave, as a matrix, for analytics.
#include "store/internal/store_impl.h"

namespace parorende {

using namespace store_detail;

Result<ResponseMatrix> ResponseStore::Impl::complete_responses(std::string_view wave_name) {
  auto wave = this->wave(wave_name);
  if (!wave) return wave.take_error();
  auto loaded = load(wave->questionnaire_id, wave->questionnaire_version);
  if (!loaded) return loaded.take_error();

  ResponseMatrix matrix;
  matrix.questionnaire = loaded.value()->questionnaire;
  matrix.columns = loaded.value()->columns;
  const std::size_t row_bytes = matrix.columns.size() * sizeof(double);

  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  // One read transaction: the count and the rows see the same snapshot.
  if (auto begun = (*reader)->execute("BEGIN"); !begun) return begun.take_error();
  auto finish = [&reader] { (void)(*reader)->execute("COMMIT"); };
  Result<ResponseMatrix> result = [&]() -> Result<ResponseMatrix> {
    auto count = (*reader)->statement(
        "SELECT count(*) FROM responses WHERE wave = ? AND status = 'complete'");
    if (!count) return count.take_error();
    count->bind(1, wave->id);
    auto counted = count->step();
    if (!counted) return counted.take_error();
    auto rows = static_cast<std::size_t>(count->int64(0));
    matrix.response_ids.reserve(rows);
    matrix.municipalities.reserve(rows);
    matrix.values.resize(rows * matrix.columns.size());

    auto select = (*reader)->streaming_statement(
        "SELECT id, municipality, item_values, published_block, published_tables,"
        " ever_published_tables FROM responses"
        " WHERE wave = ? AND status = 'complete' ORDER BY id");
    if (!select) return select.take_error();
    select->bind(1, wave->id);
    matrix.publication.reserve(rows);
    double* next = matrix.values.data();
    while (true) {
      auto row = select->step();
      if (!row) return row.take_error();
      if (!row.value()) break;
      auto values = select->blob(2);
      if (values.size() != row_bytes || matrix.response_ids.size() == rows) {
        return make_error("storage_failure", "response " + std::to_string(select->int64(0)) +
                                                 " has item values of another layout");
      }
      if (row_bytes != 0) std::memcpy(next, values.data(), row_bytes);
      next += matrix.columns.size();
      matrix.response_ids.push_back(select->int64(0));
      std::string_view municipality = select->text(1);
      std::uint16_t code = 0;
      std::from_chars(municipality.data(), municipality.data() + municipality.size(), code);
      matrix.municipalities.push_back(code);
      matrix.publication.push_back(
          {select->int64(0),
           select->is_null(3) ? kNotPublished : static_cast<int>(select->int64(3)),
           static_cast<std::uint64_t>(select->int64(4)),
           static_cast<std::uint64_t>(select->int64(5))});
    }
    // Fewer rows than counted in the same snapshot: the read ended early.
    if (matrix.response_ids.size() != rows) {
      return make_error("storage_failure", "the wave's responses ended after " +
                                               std::to_string(matrix.response_ids.size()) + " of " +
                                               std::to_string(rows));
    }
    return std::move(matrix);
  }();
  finish();
  return result;
}

}  // namespace parorende
