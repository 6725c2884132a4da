#include "server/api/export_cache.h"

#include "common/calendar.h"
#include "common/crypto.h"

namespace parorende::server {
namespace {

// Wave names are free text; the file name keeps only safe characters.
std::string file_stem(std::string_view wave, std::string_view table) {
  std::string stem;
  for (char c : std::string(wave) + "-" + std::string(table)) {
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_';
    stem += safe ? c : '_';
  }
  return stem;
}

std::shared_ptr<const ExportFile> make_file(std::string body, std::string_view media_type,
                                            std::string filename) {
  auto file = std::make_shared<ExportFile>();
  file->etag = '"' + to_hex(sha256(body)).substr(0, 32) + '"';
  file->body = std::move(body);
  file->media_type = std::string(media_type);
  file->filename = std::move(filename);
  return file;
}

Result<std::shared_ptr<const ExportFile>> build(const analytics::ExportDataset& dataset,
                                                std::string_view wave_name, std::string_view table,
                                                analytics::ExportFormat format) {
  std::string stem = file_stem(wave_name, table);
  if (table == "codebook") {
    if (format == analytics::ExportFormat::json) {
      return make_file(analytics::codebook_json(dataset), "application/json", stem + ".json");
    }
    return make_file(analytics::codebook_markdown(dataset), "text/markdown; charset=utf-8",
                     stem + ".md");
  }
  std::string allowed = "codebook";
  for (const analytics::ExportTable& candidate : dataset.tables) {
    allowed += ", " + candidate.name;
    if (candidate.name != table) continue;
    auto encoded = analytics::encode_table(candidate, format);
    if (!encoded) return encoded.take_error();
    return make_file(std::move(encoded).value(), analytics::media_type(format),
                     stem + "." + std::string(analytics::file_extension(format)));
  }
  return make_error("invalid_query",
                    "unknown table \"" + std::string(table) + "\"; allowed: " + allowed,
                    {{"table", "unknown_value", "allowed: " + allowed}});
}

}  // namespace

Result<std::shared_ptr<const ExportFile>> ExportCache::file(
    const std::shared_ptr<const PublishedWave>& published, std::string_view wave_name,
    std::string_view table, analytics::ExportFormat format) {
  std::lock_guard lock(mutex_);
  auto wave = waves_.find(wave_name);
  if (wave == waves_.end()) wave = waves_.emplace(std::string(wave_name), WaveFiles{}).first;
  WaveFiles& files = wave->second;
  if (files.state.lock() != published) {
    files.state = published;
    files.files.clear();
    files.dataset = std::make_unique<analytics::ExportDataset>(analytics::export_dataset(
        published->report, *published->questionnaire, published->background,
        parse_iso_date(published->computed_on).value_or(Date{1970, 1, 1})));
  }
  std::string key = std::string(table) + '\n' + std::string(analytics::file_extension(format));
  if (auto found = files.files.find(key); found != files.files.end()) return found->second;
  auto built = build(*files.dataset, wave_name, table, format);
  if (!built) return built.take_error();
  files.files.emplace(std::move(key), *built);
  return built;
}

}  // namespace parorende::server
