#include "interchange/redcap/instrument_zip.h"

#include <zip.h>

#include <memory>

namespace parorende::redcap {
namespace {

Error not_an_instrument(std::string message) {
  return make_error("invalid_dictionary", std::move(message));
}

struct ArchiveCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct FileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

}  // namespace

bool is_zip(std::string_view bytes) { return bytes.substr(0, 4) == std::string_view("PK\3\4", 4); }

Result<std::string> instrument_csv_from_zip(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return not_an_instrument("the ZIP archive cannot be read");
  }
  std::unique_ptr<zip_t, ArchiveCloser> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!archive) {
    std::string reason = zip_error_strerror(&error);
    zip_source_free(source);
    zip_error_fini(&error);
    return not_an_instrument("the file is not a ZIP archive that can be read (" + reason + ")");
  }
  zip_error_fini(&error);
  zip_int64_t index =
      zip_name_locate(archive.get(), "instrument.csv", ZIP_FL_NOCASE | ZIP_FL_NODIR);
  if (index < 0) {
    return not_an_instrument(
        "the ZIP archive holds no instrument.csv (an instrument ZIP from REDCap has one)");
  }
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(index), 0, &stat) != 0 ||
      (stat.valid & ZIP_STAT_SIZE) == 0) {
    return not_an_instrument("instrument.csv in the ZIP archive cannot be read");
  }
  if (stat.size > kMaxInstrumentBytes) {
    return not_an_instrument("instrument.csv in the ZIP archive is " + std::to_string(stat.size) +
                             " bytes; the limit is " + std::to_string(kMaxInstrumentBytes));
  }
  std::unique_ptr<zip_file_t, FileCloser> file(
      zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(index), 0));
  if (!file) return not_an_instrument("instrument.csv in the ZIP archive cannot be opened");
  // Read no more than the limit whatever the header says: a bomb's stated
  // size may lie.
  std::string text(static_cast<std::size_t>(stat.size), '\0');
  std::size_t filled = 0;
  while (filled < text.size()) {
    zip_int64_t read = zip_fread(file.get(), text.data() + filled, text.size() - filled);
    if (read < 0) return not_an_instrument("instrument.csv in the ZIP archive is damaged");
    if (read == 0) break;
    filled += static_cast<std::size_t>(read);
  }
  text.resize(filled);
  return text;
}

}  // namespace parorende::redcap
