// The files of the researcher export, built once per published state of a
// wave and then served from memory: an export answer is megabytes, and
// building it for every request let a few anonymous clients fill both cores.
// A new published state (ResultsCache hands out a new PublishedWave) drops
// the wave's files.
//
//   auto file = cache.file(published, "2026", "municipality_scale", ExportFormat::csv);
//   if (file) send((*file)->body) with ETag (*file)->etag;
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "analytics/export/dataset.h"
#include "common/result.h"
#include "server/api/results_cache.h"

namespace parorende::server {

struct ExportFile {
  std::string body;
  std::string media_type;
  std::string filename;
  std::string etag;  // quoted, from the body's SHA-256
};

class ExportCache {
 public:
  // The file of `table` ("codebook" or a table name) in `format` for the
  // published state `published` of wave `wave_name`, built on the first
  // request. Fails with "invalid_query" for an unknown table (the message
  // lists the allowed ones), or an encoder's error. Thread-safe; may take
  // seconds the first time: call it on a store worker.
  Result<std::shared_ptr<const ExportFile>> file(
      const std::shared_ptr<const PublishedWave>& published, std::string_view wave_name,
      std::string_view table, analytics::ExportFormat format);

 private:
  struct WaveFiles {
    std::weak_ptr<const PublishedWave> state;  // the files belong to this one
    std::unique_ptr<analytics::ExportDataset> dataset;
    std::map<std::string, std::shared_ptr<const ExportFile>, std::less<>> files;
  };

  std::mutex mutex_;
  std::map<std::string, WaveFiles, std::less<>> waves_;
};

}  // namespace parorende::server
