// write_export: every table is encoded in memory before the first file is
// written, so a malformed table writes nothing; each file then goes to a
// temporary name in the same directory, is flushed to disk and renamed over
// its final name, so a reader never sees half a file, whatever fails.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <set>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "analytics/export/table.h"

namespace parorende::analytics {
namespace {

namespace fs = std::filesystem;

struct ExportFile {
  std::string name;
  std::string bytes;
};

Error write_error(const fs::path& path, const std::string& reason) {
  return make_error("export_write_failed", "cannot write " + path.string() + ": " + reason,
                    {{path.string(), "export_write_failed", reason}});
}

std::string errno_text(int error) { return std::generic_category().message(error); }

bool write_all(int descriptor, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t written = ::write(descriptor, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

Status write_file_atomically(const fs::path& path, std::string_view bytes) {
  std::string temporary =
      (path.parent_path() / ("." + path.filename().string() + ".XXXXXX")).string();
  int descriptor = ::mkstemp(temporary.data());
  if (descriptor < 0) return write_error(path, errno_text(errno));

  // mkstemp makes the file private (0600); an export is meant to be shared.
  bool written =
      ::fchmod(descriptor, 0644) == 0 && write_all(descriptor, bytes) && ::fsync(descriptor) == 0;
  int error = errno;
  if (::close(descriptor) != 0 && written) {
    written = false;
    error = errno;
  }
  if (written && ::rename(temporary.c_str(), path.c_str()) == 0) return {};
  if (written) error = errno;
  ::unlink(temporary.c_str());
  return write_error(path, errno_text(error));
}

}  // namespace

Status write_export(const ExportDataset& dataset, ExportFormat format, const fs::path& directory) {
  std::vector<ExportFile> files;
  std::set<std::string> names;
  std::string extension(file_extension(format));
  for (const ExportTable& table : dataset.tables) {
    std::string name = table.name + "." + extension;
    if (!names.insert(name).second)
      return make_error("invalid_export_table", "two tables are named " + table.name,
                        {{"table " + table.name, "duplicate_name", "two tables have this name"}});
    Result<std::string> bytes = encode_table(table, format);
    if (!bytes) return bytes.take_error();
    files.push_back({std::move(name), std::move(bytes).value()});
  }
  files.push_back({"codebook.md", codebook_markdown(dataset)});
  files.push_back({"codebook.json", codebook_json(dataset)});

  std::error_code error;
  fs::create_directories(directory, error);
  if (error) return write_error(directory, error.message());
  for (const ExportFile& file : files)
    if (Status written = write_file_atomically(directory / file.name, file.bytes); !written)
      return written;
  return {};
}

}  // namespace parorende::analytics
