#include "store/response_store.h"

#include <sys/stat.h>

#include <algorithm>
#include <bit>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <utility>

#include "common/json_input.h"
#include "reference/municipalities.h"
#include "questionnaire/questionnaire_loader.h"
#include "store/internal/read_pool.h"
#include "questionnaire/response_validation.h"
#include "store/internal/schema.h"
#include "store/internal/secret_code.h"
#include "store/internal/stored_answers.h"
#include "store/internal/wal_checkpointer.h"
#include "store/internal/write_queue.h"

namespace parorende {
namespace {

namespace json = boost::json;

static_assert(std::endian::native == std::endian::little,
              "item_values BLOBs are little-endian doubles, copied as they are");

// Checkpoint passes start at SQLite's autocheckpoint default, and the WAL
// starts over soon after (see WalCheckpointer): small checkpoints keep the
// stalls they cause short (docs/storage.md, "Checkpoints"). The hard limit
// bounds the WAL at ~32 MiB when the passes cannot keep up.
constexpr int kWalSoftLimitPages = 1000;
constexpr int kWalHardLimitPages = 8000;

constexpr std::string_view kStatusPartial = "partial";
constexpr std::string_view kStatusComplete = "complete";

// A parsed questionnaire version and its analytics layout.
struct LoadedQuestionnaire {
  std::int64_t row_id = 0;
  std::shared_ptr<const Questionnaire> questionnaire;
  std::vector<MatrixColumn> columns;
};

// What a response becomes in the database, computed on the caller's
// thread so the writer only binds and steps.
struct ResponseRow {
  std::string municipality;  // empty -> NULL
  std::string language;
  std::string answers_json;
  std::vector<double> item_values;  // bound as the BLOB's bytes, no copy

  std::span<const std::uint8_t> item_value_bytes() const {
    return {reinterpret_cast<const std::uint8_t*>(item_values.data()),
            item_values.size() * sizeof(double)};
  }
};

Error read_only_error() {
  return make_error("store_read_only", "the store was opened read-only");
}

std::string grouped_code(std::string_view canonical) {
  std::string grouped;
  for (std::size_t i = 0; i < canonical.size(); ++i) {
    if (i != 0 && i % 4 == 0) grouped += '-';
    grouped += canonical[i];
  }
  return grouped;
}

Result<CodeHash> hash_typed_code(CodeKind kind, std::string_view typed) {
  auto canonical = normalize_secret_code(typed);
  if (!canonical) {
    return make_error("invalid_code",
                      "a code has 28 letters and digits, e.g. 7XKQ-M2PA-...");
  }
  return hash_secret_code(kind, *canonical);
}

bool digest_matches(const CodeHash& hash, std::span<const std::uint8_t> stored) {
  return constant_time_equal(hash.digest, stored);
}

ResponseRow make_row(const LoadedQuestionnaire& loaded, const Response& response) {
  ResponseRow row;
  row.municipality = response.municipality;
  row.language = response.language;
  row.answers_json = encode_stored_answers(*loaded.questionnaire, response.answers);
  row.item_values = pack_answers(*loaded.questionnaire, loaded.columns, response.answers);
  return row;
}

void bind_optional_text(StatementUse& statement, int index, std::string_view text) {
  if (text.empty()) {
    statement.bind_null(index);
  } else {
    statement.bind(index, text);
  }
}

// "1.10.0" > "1.9.2": numeric parts compare as numbers.
bool version_less(std::string_view left, std::string_view right) {
  while (!left.empty() || !right.empty()) {
    auto take = [](std::string_view& text) {
      std::size_t dot = text.find('.');
      std::string_view part = text.substr(0, dot);
      text = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
      return part;
    };
    std::string_view a = take(left);
    std::string_view b = take(right);
    auto number = [](std::string_view part) -> std::optional<long long> {
      long long value = 0;
      auto parsed = std::from_chars(part.data(), part.data() + part.size(), value);
      if (part.empty() || parsed.ec != std::errc() || parsed.ptr != part.data() + part.size()) {
        return std::nullopt;
      }
      return value;
    };
    auto number_a = number(a);
    auto number_b = number(b);
    if (number_a && number_b) {
      if (*number_a != *number_b) return *number_a < *number_b;
    } else if (a != b) {
      return a < b;
    }
  }
  return false;
}

Status check_wave_spec(const WaveSpec& spec) {
  std::vector<Problem> problems;
  if (spec.name.empty() || spec.name.size() > 100) {
    problems.push_back({"name", "invalid_field", "a wave name has 1 to 100 characters"});
  }
  for (unsigned char c : spec.name) {
    if (std::iscntrl(c)) {
      problems.push_back({"name", "invalid_field", "a wave name has no control characters"});
      break;
    }
  }
  if (spec.closes < spec.opens) {
    problems.push_back({"closes", "invalid_field", "the wave closes before it opens"});
  }
  for (const std::string& code : spec.municipalities) {
    if (builtin_municipalities().find(code) == nullptr) {
      problems.push_back({code, "unknown_municipality", "no municipality has code " + code});
    }
  }
  if (problems.empty()) return {};
  return make_error("invalid_wave", "the wave is not valid", std::move(problems));
}

std::optional<Date> column_date(StatementUse& statement, int column) {
  return parse_iso_date(statement.text(column));
}

}  // namespace

// Before a published response is erased: its block leaves every table the
// response is published in, so the next figures of those tables differ from
// the last ones by the whole block (whose figures were published), never by
// this response alone (docs/privacy.md).
Status withdraw_published_block(Connection& connection, std::int64_t response_id) {
  auto select = connection.statement(
      "SELECT wave, published_block, published_tables FROM responses WHERE id = ?");
  if (!select) return select.take_error();
  select->bind(1, response_id);
  auto row = select->step();
  if (!row) return row.take_error();
  if (!row.value() || select->is_null(1) || select->int64(2) == 0) return {};
  std::int64_t wave = select->int64(0);
  std::int64_t block = select->int64(1);
  std::int64_t tables = select->int64(2);
  auto withdraw = connection.statement(
      "UPDATE responses SET published_tables = published_tables & ~?1,"
      " published_block = CASE WHEN (published_tables & ~?1) = 0 THEN NULL ELSE published_block END"
      " WHERE wave = ?2 AND published_block = ?3");
  if (!withdraw) return withdraw.take_error();
  withdraw->bind(1, tables).bind(2, wave).bind(3, block);
  return withdraw->run();
}

class ResponseStore::Impl {
 public:
  explicit Impl(const StoreOptions& options)
      : options_(options), readers_(options.path, options.read_connections) {}

  Status start_writer();
  Status check_read_only_schema();

  Status publish_questionnaire(std::string_view definition_json);
  Result<std::shared_ptr<const LoadedQuestionnaire>> load(std::string_view id,
                                                          std::optional<std::string_view> version);
  std::vector<QuestionnaireVersion> questionnaires();

  Result<Wave> create_wave(const WaveSpec& spec);
  Result<Wave> wave(std::string_view name);
  Result<Wave> wave_by_id(std::int64_t id);
  std::vector<Wave> waves();

  Result<SubmitReceipt> submit(std::string_view wave_name, const Response& response,
                               std::string_view consent_version, Date today);
  void submit_async(std::string_view wave_name, const Response& response,
                    std::string_view consent_version, Date today, SubmitDone done);
  Result<ResumedResponse> resume(std::string_view resume_code, Date today);
  Result<SubmitReceipt> update(std::string_view resume_code, const Response& response,
                               Date today);
  Status erase(std::string_view receipt_code);
  Status check_response(const Wave& wave, const Response& response,
                        std::string_view consent_version);
  Result<std::vector<std::int64_t>> import_responses(
      std::string_view wave_name, std::span<const ImportedResponse> responses, Date today);
  Result<ResponseMatrix> complete_responses(std::string_view wave_name);
  Result<PublicationRecord> publication(std::string_view wave_name);
  Status publish_step(std::string_view wave_name, int min_respondents,
                      std::span<const PublicationChange> changes);
  Status save_published_background(std::string_view wave_name, std::string_view cells_json);
  Status replace_offers(std::span<const Offer> offers);
  Result<std::vector<Offer>> offers(std::string_view municipality);
  Result<StoreStats> stats();
  Status backup(const std::string& out_path);
  StoreMetrics metrics() const;

 private:
  Status write(WriteQueue::Job job);
  Result<Wave> read_wave(std::string_view where_sql, const std::function<void(StatementUse&)>& bind);
  Status check_dates(const Wave& wave, Date today);

  // A wave and its questionnaire, found by the wave's name with one lookup
  // and no copy: every submission needs both.
  struct SubmitTarget {
    Wave wave;
    std::shared_ptr<const LoadedQuestionnaire> loaded;
  };
  Result<std::shared_ptr<const SubmitTarget>> submit_target(std::string_view wave_name);
  Status check_fit(const Wave& wave, const LoadedQuestionnaire& loaded, const Response& response,
                   std::string_view consent_version);
  struct PreparedSubmission;
  Result<std::unique_ptr<PreparedSubmission>> prepare(std::string_view wave_name,
                                                      const Response& response,
                                                      std::string_view consent_version,
                                                      Date today);

  // Destroyed bottom-up: the writer drains first, the checkpointer closes
  // last (as the last read-write connection it checkpoints and removes the
  // WAL).
  StoreOptions options_;
  std::unique_ptr<WalCheckpointer> checkpointer_;  // null when read-only
  ReadPool readers_;
  std::unique_ptr<WriteQueue> writer_;  // null when read-only

  std::mutex cache_mutex_;
  std::map<std::string, std::shared_ptr<const LoadedQuestionnaire>, std::less<>> questionnaires_;
  std::map<std::int64_t, Wave> waves_by_id_;  // waves never change
  std::map<std::string, std::shared_ptr<const SubmitTarget>, std::less<>> submit_targets_;
};

Status ResponseStore::Impl::write(WriteQueue::Job job) {
  if (!writer_) return read_only_error();
  return writer_->write(std::move(job));
}

Status ResponseStore::Impl::start_writer() {
  auto connection = Connection::open(options_.path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                                        SQLITE_OPEN_NOMUTEX);
  if (!connection) return connection.take_error();
  Connection& writer = *connection.value();
  sqlite3_busy_timeout(writer.handle(), 5000);
  auto version = schema_version(writer);
  if (!version) return version.take_error();

  {
    auto journal = writer.statement("PRAGMA journal_mode = WAL");
    if (!journal) return journal.take_error();
    auto row = journal->step();
    if (!row) return row.take_error();
    if (!row.value() || journal->text(0) != "wal") {
      return make_error("storage_failure", "the database cannot use WAL mode");
    }
  }
  std::string synchronous =
      options_.synchronous == StoreOptions::Synchronous::full ? "FULL" : "NORMAL";
  std::string pragmas = "PRAGMA synchronous = " + synchronous +
                        "; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;"
                        " PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;"
                        " PRAGMA journal_size_limit = 67108864;";
  if (auto set = writer.execute(pragmas); !set) return set;
  if (auto migrated = migrate(writer); !migrated) return migrated;
  auto checkpointer = WalCheckpointer::start(options_.path, synchronous, kWalSoftLimitPages,
                                             kWalHardLimitPages);
  if (!checkpointer) return checkpointer.take_error();
  checkpointer_ = std::move(checkpointer).value();
  checkpointer_->watch(writer);
  writer_ = std::make_unique<WriteQueue>(std::move(connection).value(), options_.max_batch);
  return {};
}

Status ResponseStore::Impl::check_read_only_schema() {
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  auto version = schema_version(**reader);
  if (!version) return version.take_error();
  if (version.value() > latest_schema_version()) {
    return make_error("schema_too_new", "the database was written by a newer parorende (schema " +
                                            std::to_string(version.value()) + ")");
  }
  if (version.value() < latest_schema_version()) {
    return make_error("schema_outdated",
                      "the database has schema version " + std::to_string(version.value()) +
                          "; open it once read-write (e.g. parorende init-db) to migrate");
  }
  return {};
}

// ---- questionnaires -------------------------------------------------------

Status ResponseStore::Impl::publish_questionnaire(std::string_view definition_json) {
  auto questionnaire = load_questionnaire_text(definition_json);
  if (!questionnaire) return questionnaire.take_error();
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
    auto versions = (*reader)->statement("SELECT version FROM questionnaires WHERE questionnaire_id = ?");
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
      return make_error("storage_failure", "the stored definition of " + key +
                                               " no longer loads: " + questionnaire.error().message);
    }
    entry->row_id = select->int64(0);
    entry->questionnaire = std::make_shared<const Questionnaire>(std::move(questionnaire).value());
    entry->columns = matrix_columns(*entry->questionnaire);
  }
  std::lock_guard lock(cache_mutex_);
  return questionnaires_.emplace(key, std::move(entry)).first->second;
}

std::vector<QuestionnaireVersion> ResponseStore::Impl::questionnaires() {
  std::vector<QuestionnaireVersion> versions;
  auto reader = readers_.acquire();
  if (!reader) return versions;
  auto select = (*reader)->statement(
      "SELECT questionnaire_id, version FROM questionnaires ORDER BY questionnaire_id, id");
  if (!select) return versions;
  while (true) {
    auto row = select->step();
    if (!row || !row.value()) break;
    versions.push_back({std::string(select->text(0)), std::string(select->text(1))});
  }
  return versions;
}

// ---- waves ----------------------------------------------------------------

Result<Wave> ResponseStore::Impl::create_wave(const WaveSpec& spec) {
  if (auto valid = check_wave_spec(spec); !valid) return valid.take_error();
  auto loaded = load(spec.questionnaire_id, spec.questionnaire_version);
  if (!loaded) return loaded.take_error();

  Wave wave;
  wave.name = spec.name;
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
        "INSERT INTO waves (name, questionnaire, opens_on, closes_on) VALUES (?, ?, ?, ?)");
    if (!insert) return insert.take_error();
    insert->bind(1, wave.name).bind(2, questionnaire_row).bind(3, opens).bind(4, closes);
    if (auto inserted = insert->run(); !inserted) return inserted;
    wave.id = connection.last_insert_rowid();
    auto member = connection.statement(
        "INSERT INTO wave_municipalities (wave, municipality) VALUES (?, ?)");
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
      "SELECT w.id, w.name, q.questionnaire_id, q.version, w.opens_on, w.closes_on"
      " FROM waves w JOIN questionnaires q ON q.id = w.questionnaire WHERE ";
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
  if (!opens || !closes) return make_error("storage_failure", "wave " + wave.name + " has bad dates");
  wave.opens = *opens;
  wave.closes = *closes;

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

std::vector<Wave> ResponseStore::Impl::waves() {
  std::vector<std::string> names;
  {
    auto reader = readers_.acquire();
    if (!reader) return {};
    auto select = (*reader)->statement("SELECT name FROM waves ORDER BY id");
    if (!select) return {};
    while (true) {
      auto row = select->step();
      if (!row || !row.value()) break;
      names.emplace_back(select->text(0));
    }
  }
  std::vector<Wave> waves;
  for (const std::string& name : names) {
    if (auto found = wave(name)) waves.push_back(std::move(found).value());
  }
  return waves;
}

// ---- responses ------------------------------------------------------------

Status ResponseStore::Impl::check_dates(const Wave& wave, Date today) {
  if (today < wave.opens) {
    return make_error("wave_not_open_yet", "the wave " + wave.name + " opens " + wave.opens.iso());
  }
  if (wave.closes < today) {
    return make_error("wave_closed", "the wave " + wave.name + " closed " + wave.closes.iso());
  }
  return {};
}

Result<std::shared_ptr<const ResponseStore::Impl::SubmitTarget>> ResponseStore::Impl::submit_target(
    std::string_view wave_name) {
  {
    std::lock_guard lock(cache_mutex_);
    if (auto cached = submit_targets_.find(wave_name); cached != submit_targets_.end()) {
      return cached->second;
    }
  }
  auto wave = this->wave(wave_name);
  if (!wave) return wave.take_error();
  auto loaded = load(wave->questionnaire_id, wave->questionnaire_version);
  if (!loaded) return loaded.take_error();
  auto target = std::make_shared<const SubmitTarget>(
      SubmitTarget{std::move(wave).value(), std::move(loaded).value()});
  std::lock_guard lock(cache_mutex_);
  return submit_targets_.emplace(std::string(wave_name), std::move(target)).first->second;
}

Status ResponseStore::Impl::check_response(const Wave& wave, const Response& response,
                                           std::string_view consent_version) {
  auto loaded = load(wave.questionnaire_id, wave.questionnaire_version);
  if (!loaded) return loaded.take_error();
  return check_fit(wave, *loaded.value(), response, consent_version);
}

Status ResponseStore::Impl::check_fit(const Wave& wave, const LoadedQuestionnaire& loaded,
                                      const Response& response,
                                      std::string_view consent_version) {
  if (response.questionnaire_id != wave.questionnaire_id ||
      response.questionnaire_version != wave.questionnaire_version) {
    return make_error("questionnaire_mismatch",
                      "the wave " + wave.name + " uses " + wave.questionnaire_id + " " +
                          wave.questionnaire_version + ", the response answers " +
                          response.questionnaire_id + " " + response.questionnaire_version);
  }
  if (!response.municipality.empty() &&
      builtin_municipalities().find(response.municipality) == nullptr) {
    return make_error("unknown_municipality", "no municipality has code " + response.municipality);
  }
  if (!wave.is_national() && (response.municipality.empty() || !wave.covers(response.municipality))) {
    return make_error("municipality_not_in_wave",
                      "the wave " + wave.name + " is not open to municipality '" +
                          response.municipality + "'");
  }
  if (consent_version.empty()) {
    return make_error("consent_missing", "a response needs the caregiver's consent");
  }
  const auto& consent = loaded.questionnaire->consent;
  if (consent && consent->version != consent_version) {
    return make_error("consent_mismatch", "the consent accepted was version " +
                                              std::string(consent_version) +
                                              ", the questionnaire asks for " + consent->version);
  }
  return {};
}

namespace {

constexpr std::string_view kInsertResponse =
    "INSERT INTO responses (wave, municipality, status, language, consent_version, started_on,"
    " saved_on, completed_on, resume_prefix, resume_hash, receipt_prefix, receipt_hash,"
    " item_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kInsertAnswers =
    "INSERT INTO response_answers (response, answers) VALUES (?, ?)";

struct NewResponse {
  std::int64_t wave_id = 0;
  const ResponseRow* row = nullptr;
  bool complete = false;
  std::string_view consent_version;
  std::string today;
  const CodeHash* resume = nullptr;   // partial responses that can resume
  const CodeHash* receipt = nullptr;  // complete responses that can erase
};

void bind_code(StatementUse& insert, int index, const CodeHash* code) {
  if (code == nullptr) {
    insert.bind_null(index).bind_null(index + 1);
  } else {
    insert.bind(index, code->lookup_prefix).bind_blob(index + 1, code->digest);
  }
}

Result<std::int64_t> insert_response(Connection& connection, const NewResponse& response) {
  auto insert = connection.statement(kInsertResponse);
  if (!insert) return insert.take_error();
  insert->bind(1, response.wave_id);
  bind_optional_text(*insert, 2, response.row->municipality);
  insert->bind(3, response.complete ? kStatusComplete : kStatusPartial)
      .bind(4, response.row->language)
      .bind(5, response.consent_version)
      .bind(6, response.today)
      .bind(7, response.today);
  if (response.complete) {
    insert->bind(8, response.today);
  } else {
    insert->bind_null(8);
  }
  bind_code(*insert, 9, response.resume);
  bind_code(*insert, 11, response.receipt);
  insert->bind_blob(13, response.row->item_value_bytes());
  if (auto inserted = insert->run(); !inserted) return inserted.take_error();
  std::int64_t id = connection.last_insert_rowid();

  auto answers = connection.statement(kInsertAnswers);
  if (!answers) return answers.take_error();
  answers->bind(1, id).bind(2, response.row->answers_json);
  if (auto inserted = answers->run(); !inserted) return inserted.take_error();
  return id;
}

// The response whose stored hash matches, or 0. Every candidate with either
// lookup prefix (see CodeHash) is compared in full, in constant time.
Result<std::int64_t> find_by_code(StatementUse& select, const CodeHash& hash) {
  select.bind(1, hash.lookup_prefix).bind(2, hash.legacy_lookup_prefix);
  std::int64_t found = 0;
  while (true) {
    auto row = select.step();
    if (!row) return row.take_error();
    if (!row.value()) return found;
    if (digest_matches(hash, select.blob(1))) found = select.int64(0);
  }
}

Error code_not_found() {
  return make_error("code_not_found", "no response has this code");
}

}  // namespace

// A checked submission, ready for the writer: it owns everything the
// insert binds, so it can outlive the caller's arguments (submit_async).
struct ResponseStore::Impl::PreparedSubmission {
  ResponseRow row;
  std::string consent_version;
  IssuedCode code;
  NewResponse insert;
  SubmitReceipt receipt;

  Status run(WriteContext& context) {
    auto id = insert_response(context.connection, insert);
    if (!id) return id.take_error();
    receipt.response_id = id.value();
    return {};
  }
  SubmitReceipt take_receipt() {
    bool complete = receipt.completeness == Completeness::complete;
    (complete ? receipt.receipt_code : receipt.resume_code) = std::move(code.display);
    return std::move(receipt);
  }
};

Result<std::unique_ptr<ResponseStore::Impl::PreparedSubmission>> ResponseStore::Impl::prepare(
    std::string_view wave_name, const Response& response, std::string_view consent_version,
    Date today) {
  if (!writer_) return read_only_error();
  auto target = submit_target(wave_name);
  if (!target) return target.take_error();
  const Wave& wave = target.value()->wave;
  const LoadedQuestionnaire& loaded = *target.value()->loaded;
  if (auto open = check_dates(wave, today); !open) return open.take_error();
  if (auto fits = check_fit(wave, loaded, response, consent_version); !fits) {
    return fits.take_error();
  }

  bool complete = response.completeness == Completeness::complete;
  auto code = issue_secret_code(complete ? CodeKind::receipt : CodeKind::resume);
  if (!code) return code.take_error();
  auto prepared = std::make_unique<PreparedSubmission>();
  prepared->row = make_row(loaded, response);
  prepared->consent_version = consent_version;
  prepared->code = std::move(code).value();
  const CodeHash* hash = &prepared->code.hash;
  prepared->insert = NewResponse{wave.id,       &prepared->row,   complete,
                                 prepared->consent_version,      today.iso(),
                                 complete ? nullptr : hash, complete ? hash : nullptr};
  prepared->receipt.completeness = response.completeness;
  return prepared;
}

Result<SubmitReceipt> ResponseStore::Impl::submit(std::string_view wave_name,
                                                  const Response& response,
                                                  std::string_view consent_version, Date today) {
  auto prepared = prepare(wave_name, response, consent_version, today);
  if (!prepared) return prepared.take_error();
  PreparedSubmission& submission = *prepared.value();
  auto written = write([&submission](WriteContext& context) { return submission.run(context); });
  if (!written) return written.take_error();
  return submission.take_receipt();
}

void ResponseStore::Impl::submit_async(std::string_view wave_name, const Response& response,
                                       std::string_view consent_version, Date today,
                                       SubmitDone done) {
  auto prepared = prepare(wave_name, response, consent_version, today);
  if (!prepared) return done(prepared.take_error());
  std::shared_ptr<PreparedSubmission> submission = std::move(prepared).value();
  writer_->write_async(
      [submission](WriteContext& context) { return submission->run(context); },
      [submission, done = std::move(done)](Status written) {
        if (!written) return done(written.take_error());
        done(submission->take_receipt());
      });
}

Result<ResumedResponse> ResponseStore::Impl::resume(std::string_view resume_code, Date today) {
  auto hash = hash_typed_code(CodeKind::resume, resume_code);
  if (!hash) return hash.take_error();

  ResumedResponse resumed;
  std::int64_t wave_id = 0;
  json::object document;
  std::string stored_answers;
  {
    auto reader = readers_.acquire();
    if (!reader) return reader.take_error();
    auto select = (*reader)->statement(
        "SELECT id, resume_hash FROM responses WHERE resume_prefix IN (?, ?)");
    if (!select) return select.take_error();
    auto id = find_by_code(*select, hash.value());
    if (!id) return id.take_error();
    if (id.value() == 0) return code_not_found();

    auto details = (*reader)->statement(
        "SELECT r.wave, r.municipality, r.language, r.consent_version, r.started_on, a.answers"
        " FROM responses r JOIN response_answers a ON a.response = r.id WHERE r.id = ?");
    if (!details) return details.take_error();
    details->bind(1, id.value());
    auto row = details->step();
    if (!row) return row.take_error();
    if (!row.value()) return code_not_found();  // erased between the two reads
    resumed.response_id = id.value();
    wave_id = details->int64(0);
    if (!details->is_null(1)) document["municipality"] = details->text(1);
    document["language"] = details->text(2);
    resumed.consent_version = details->text(3);
    resumed.started_on = column_date(*details, 4).value_or(Date{});
    stored_answers = details->text(5);
  }

  auto wave = wave_by_id(wave_id);
  if (!wave) return wave.take_error();
  if (wave->closes < today) {
    return make_error("wave_closed", "the wave " + wave->name + " closed " + wave->closes.iso() +
                                         "; the answers can no longer be changed");
  }
  auto loaded = load(wave->questionnaire_id, wave->questionnaire_version);
  if (!loaded) return loaded.take_error();
  auto answers = decode_stored_answers(*loaded.value()->questionnaire, stored_answers);
  if (!answers) return answers.take_error();
  document["answers"] = std::move(answers).value();
  ValidationOptions options;
  options.completeness = Completeness::partial;
  auto response = validate_response(*loaded.value()->questionnaire, document, options);
  if (!response) {
    return make_error("storage_failure", "stored answers no longer validate: " +
                                             response.error().describe());
  }
  resumed.wave = std::move(wave).value();
  resumed.questionnaire = loaded.value()->questionnaire;
  resumed.response = std::move(response).value();
  return resumed;
}

Result<SubmitReceipt> ResponseStore::Impl::update(std::string_view resume_code,
                                                  const Response& response, Date today) {
  if (!writer_) return read_only_error();
  auto hash = hash_typed_code(CodeKind::resume, resume_code);
  if (!hash) return hash.take_error();

  std::int64_t response_id = 0;
  std::int64_t wave_id = 0;
  std::string consent_version;
  {
    auto reader = readers_.acquire();
    if (!reader) return reader.take_error();
    auto select = (*reader)->statement(
        "SELECT id, resume_hash, wave, consent_version FROM responses"
        " WHERE resume_prefix IN (?, ?)");
    if (!select) return select.take_error();
    select->bind(1, hash->lookup_prefix).bind(2, hash->legacy_lookup_prefix);
    while (true) {
      auto row = select->step();
      if (!row) return row.take_error();
      if (!row.value()) break;
      if (digest_matches(hash.value(), select->blob(1))) {
        response_id = select->int64(0);
        wave_id = select->int64(2);
        consent_version = select->text(3);
      }
    }
  }
  if (response_id == 0) return code_not_found();
  auto wave = wave_by_id(wave_id);
  if (!wave) return wave.take_error();
  if (auto open = check_dates(wave.value(), today); !open) return open.take_error();
  if (auto fits = check_response(wave.value(), response, consent_version); !fits) {
    return fits.take_error();
  }
  auto loaded = load(wave->questionnaire_id, wave->questionnaire_version);
  if (!loaded) return loaded.take_error();

  bool complete = response.completeness == Completeness::complete;
  std::optional<IssuedCode> receipt_code;
  if (complete) {
    auto issued = issue_secret_code(CodeKind::receipt);
    if (!issued) return issued.take_error();
    receipt_code = std::move(issued).value();
  }
  ResponseRow row = make_row(*loaded.value(), response);
  std::string day = today.iso();

  auto written = write([&](WriteContext& context) -> Status {
    Connection& connection = context.connection;
    // Checked again here: another request may have completed it meanwhile.
    auto current = connection.statement("SELECT id, resume_hash FROM responses WHERE id = ?");
    if (!current) return current.take_error();
    current->bind(1, response_id);
    auto found = current->step();
    if (!found) return found.take_error();
    if (!found.value() || current->is_null(1) || !digest_matches(hash.value(), current->blob(1))) {
      return code_not_found();
    }
    auto change = connection.statement(
        "UPDATE responses SET municipality = ?, status = ?, language = ?, saved_on = ?,"
        " completed_on = ?, resume_prefix = ?, resume_hash = ?, receipt_prefix = ?,"
        " receipt_hash = ?, item_values = ? WHERE id = ?");
    if (!change) return change.take_error();
    bind_optional_text(*change, 1, row.municipality);
    change->bind(2, complete ? kStatusComplete : kStatusPartial).bind(3, row.language).bind(4, day);
    if (complete) {
      change->bind(5, day);
    } else {
      change->bind_null(5);
    }
    bind_code(*change, 6, complete ? nullptr : &hash.value());
    bind_code(*change, 8, complete ? &receipt_code->hash : nullptr);
    change->bind_blob(10, row.item_value_bytes()).bind(11, response_id);
    if (auto changed = change->run(); !changed) return changed;
    auto answers = connection.statement("UPDATE response_answers SET answers = ? WHERE response = ?");
    if (!answers) return answers.take_error();
    answers->bind(1, row.answers_json).bind(2, response_id);
    return answers->run();
  });
  if (!written) return written.take_error();

  SubmitReceipt receipt;
  receipt.response_id = response_id;
  receipt.completeness = response.completeness;
  if (complete) {
    receipt.receipt_code = std::move(receipt_code->display);
  } else {
    receipt.resume_code = grouped_code(*normalize_secret_code(resume_code));
  }
  return receipt;
}

Status ResponseStore::Impl::erase(std::string_view receipt_code) {
  if (!writer_) return read_only_error();
  auto hash = hash_typed_code(CodeKind::receipt, receipt_code);
  if (!hash) return hash.take_error();
  {
    // Wrong codes are answered here, so they never make the writer run a
    // batch twice (see WriteQueue::commit_batch).
    auto reader = readers_.acquire();
    if (!reader) return reader.take_error();
    auto select = (*reader)->statement(
        "SELECT id, receipt_hash FROM responses WHERE receipt_prefix IN (?, ?)");
    if (!select) return select.take_error();
    auto id = find_by_code(*select, hash.value());
    if (!id) return id.take_error();
    if (id.value() == 0) return code_not_found();
  }
  return write([&](WriteContext& context) -> Status {
    auto select = context.connection.statement(
        "SELECT id, receipt_hash FROM responses WHERE receipt_prefix IN (?, ?)");
    if (!select) return select.take_error();
    auto id = find_by_code(*select, hash.value());
    if (!id) return id.take_error();
    if (id.value() == 0) return code_not_found();
    if (auto withdrawn = withdraw_published_block(context.connection, id.value()); !withdrawn) {
      return withdrawn;
    }
    auto remove = context.connection.statement("DELETE FROM responses WHERE id = ?");
    if (!remove) return remove.take_error();
    remove->bind(1, id.value());
    if (auto removed = remove->run(); !removed) return removed;
    context.truncate_wal_after_commit = true;
    return {};
  });
}

Result<std::vector<std::int64_t>> ResponseStore::Impl::import_responses(
    std::string_view wave_name, std::span<const ImportedResponse> responses, Date today) {
  if (!writer_) return read_only_error();
  auto wave = this->wave(wave_name);
  if (!wave) return wave.take_error();
  auto loaded = load(wave->questionnaire_id, wave->questionnaire_version);
  if (!loaded) return loaded.take_error();

  std::vector<Problem> problems;
  std::vector<ResponseRow> rows;
  rows.reserve(responses.size());
  for (std::size_t i = 0; i < responses.size(); ++i) {
    const ImportedResponse& imported = responses[i];
    if (auto fits = check_response(wave.value(), imported.response, imported.consent_version);
        !fits) {
      problems.push_back({"response " + std::to_string(i + 1), fits.error().code,
                          fits.error().message});
    }
    rows.push_back(make_row(*loaded.value(), imported.response));
  }
  if (!problems.empty()) {
    return make_error("invalid_response", "nothing was imported", std::move(problems));
  }

  std::vector<std::int64_t> ids;
  std::string day = today.iso();
  auto written = write([&](WriteContext& context) -> Status {
    ids.clear();
    for (std::size_t i = 0; i < responses.size(); ++i) {
      NewResponse new_response{
          wave->id, &rows[i], responses[i].response.completeness == Completeness::complete,
          responses[i].consent_version, day, nullptr, nullptr};
      auto id = insert_response(context.connection, new_response);
      if (!id) return id.take_error();
      ids.push_back(id.value());
    }
    return {};
  });
  if (!written) return written.take_error();
  return ids;
}

// ---- reads ----------------------------------------------------------------

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

    auto select = (*reader)->statement(
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
          {select->int64(0), select->is_null(3) ? kNotPublished : static_cast<int>(select->int64(3)),
           static_cast<std::uint64_t>(select->int64(4)), static_cast<std::uint64_t>(select->int64(5))});
    }
    return std::move(matrix);
  }();
  finish();
  return result;
}

// ---- published state ------------------------------------------------------

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
    auto recorded_k = connection.statement("SELECT min_respondents FROM published_waves WHERE wave = ?");
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

// ---- offers ---------------------------------------------------------------

Status ResponseStore::Impl::replace_offers(std::span<const Offer> offers) {
  if (!writer_) return read_only_error();
  std::set<std::string> municipalities;
  for (const Offer& offer : offers) municipalities.insert(offer.municipality);
  return write([&](WriteContext& context) -> Status {
    auto remove = context.connection.statement(
        "DELETE FROM municipality_offers WHERE municipality = ?");
    if (!remove) return remove.take_error();
    for (const std::string& municipality : municipalities) {
      remove->reset();
      remove->bind(1, municipality);
      if (auto removed = remove->run(); !removed) return removed;
    }
    auto insert = context.connection.statement(
        "INSERT INTO municipality_offers (municipality, offer_id, type, target_groups,"
        " condition_groups, name_nb, name_nn, name_en, description_nb, description_nn,"
        " description_en, contact_name, phone, email, url, address, demo)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert) return insert.take_error();
    for (const Offer& offer : offers) {
      std::string target_groups = join_list(offer.target_groups);
      std::string condition_groups = join_list(offer.condition_groups);
      auto text = [](const LocalizedText& localized, std::string_view language) {
        // Never a null string_view: SQLite would bind NULL.
        return localized.has(language) ? std::string_view(localized.all().find(language)->second)
                                       : std::string_view("");
      };
      insert->reset();
      insert->bind(1, offer.municipality)
          .bind(2, offer.id)
          .bind(3, offer.type)
          .bind(4, target_groups)
          .bind(5, condition_groups)
          .bind(6, text(offer.name, "nb"))
          .bind(7, text(offer.name, "nn"))
          .bind(8, text(offer.name, "en"))
          .bind(9, text(offer.description, "nb"))
          .bind(10, text(offer.description, "nn"))
          .bind(11, text(offer.description, "en"))
          .bind(12, offer.contact_name)
          .bind(13, offer.phone)
          .bind(14, offer.email)
          .bind(15, offer.url)
          .bind(16, offer.address)
          .bind(17, std::int64_t{offer.demo ? 1 : 0});
      if (auto inserted = insert->run(); !inserted) return inserted;
    }
    return {};
  });
}

Result<std::vector<Offer>> ResponseStore::Impl::offers(std::string_view municipality) {
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  auto select = (*reader)->statement(
      "SELECT municipality, offer_id, type, target_groups, condition_groups, name_nb, name_nn,"
      " name_en, description_nb, description_nn, description_en, contact_name, phone, email,"
      " url, address, demo FROM municipality_offers WHERE municipality = ? ORDER BY id");
  if (!select) return select.take_error();
  select->bind(1, municipality);
  std::vector<Offer> offers;
  while (true) {
    auto row = select->step();
    if (!row) return row.take_error();
    if (!row.value()) break;
    Offer offer;
    offer.municipality = select->text(0);
    offer.id = select->text(1);
    offer.type = select->text(2);
    offer.target_groups = split_list(select->text(3));
    offer.condition_groups = split_list(select->text(4));
    const char* languages[] = {"nb", "nn", "en"};
    for (int i = 0; i < 3; ++i) {
      if (!select->text(5 + i).empty()) offer.name.set(languages[i], std::string(select->text(5 + i)));
      if (!select->text(8 + i).empty()) {
        offer.description.set(languages[i], std::string(select->text(8 + i)));
      }
    }
    offer.contact_name = select->text(11);
    offer.phone = select->text(12);
    offer.email = select->text(13);
    offer.url = select->text(14);
    offer.address = select->text(15);
    offer.demo = select->int64(16) != 0;
    offers.push_back(std::move(offer));
  }
  return offers;
}

Result<StoreStats> ResponseStore::Impl::stats() {
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  Connection& connection = **reader;
  if (auto begun = connection.execute("BEGIN"); !begun) return begun.take_error();
  Result<StoreStats> result = [&]() -> Result<StoreStats> {
    StoreStats stats;
    auto version = schema_version(connection);
    if (!version) return version.take_error();
    stats.schema_version = version.value();
    auto questionnaires = connection.query_int("SELECT count(*) FROM questionnaires");
    if (!questionnaires) return questionnaires.take_error();
    stats.questionnaire_versions = questionnaires.value();
    auto municipalities = connection.query_int("SELECT count(*) FROM municipalities");
    if (!municipalities) return municipalities.take_error();
    stats.municipalities = municipalities.value();
    auto pages = connection.query_int("PRAGMA page_count");
    auto page_size = connection.query_int("PRAGMA page_size");
    if (!pages || !page_size) return make_error("storage_failure", "cannot read the page count");
    stats.database_bytes = pages.value() * page_size.value();

    auto counts = connection.statement(
        "SELECT w.name, count(r.id) FILTER (WHERE r.status = 'partial'),"
        " count(r.id) FILTER (WHERE r.status = 'complete')"
        " FROM waves w LEFT JOIN responses r ON r.wave = w.id GROUP BY w.id ORDER BY w.id");
    if (!counts) return counts.take_error();
    while (true) {
      auto row = counts->step();
      if (!row) return row.take_error();
      if (!row.value()) break;
      stats.waves.push_back({std::string(counts->text(0)), counts->int64(1), counts->int64(2)});
    }
    return stats;
  }();
  (void)connection.execute("COMMIT");
  return result;
}

Status ResponseStore::Impl::backup(const std::string& out_path) {
  struct stat existing{};
  if (::stat(out_path.c_str(), &existing) == 0) {
    return make_error("output_exists", out_path + " exists; a backup never overwrites a file");
  }
  // Written beside the target and renamed, so a half-written backup never
  // carries the target's name.
  std::string partial_path = out_path + ".partial";
  std::remove(partial_path.c_str());
  auto destination = Connection::open(partial_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!destination) return destination.take_error();
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();

  sqlite3_backup* copy = sqlite3_backup_init((*destination)->handle(), "main",
                                             (*reader)->handle(), "main");
  if (copy == nullptr) return (*destination)->error("backup");
  // All pages in one step: one read transaction, so the copy is one
  // consistent snapshot however many commits happen meanwhile.
  int rc = sqlite3_backup_step(copy, -1);
  sqlite3_backup_finish(copy);
  Status copied;
  if (rc != SQLITE_DONE) copied = sqlite_error((*destination)->handle(), rc, "backup");
  if (copied) copied = (*destination)->execute("PRAGMA journal_mode = DELETE");
  destination.value().reset();
  if (copied && std::rename(partial_path.c_str(), out_path.c_str()) != 0) {
    copied = make_error("storage_failure", "cannot rename the backup to " + out_path + ": " +
                                               std::strerror(errno));
  }
  if (!copied) std::remove(partial_path.c_str());
  return copied;
}

StoreMetrics ResponseStore::Impl::metrics() const {
  StoreMetrics metrics;
  if (!writer_) return metrics;
  WriteQueueMetrics queue = writer_->metrics();
  metrics.queue_depth = queue.queue_depth;
  metrics.batches_committed = queue.batches_committed;
  metrics.writes_succeeded = queue.writes_succeeded;
  metrics.writes_failed = queue.writes_failed;
  metrics.batch_size_sum = queue.batch_size_sum;
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < std::size(kBatchSizeBounds); ++i) {
    cumulative += queue.batch_size_counts[i];
    metrics.batch_size_buckets.push_back({kBatchSizeBounds[i], cumulative});
  }
  return metrics;
}

// ---- ResponseStore --------------------------------------------------------

ResponseStore::ResponseStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ResponseStore::~ResponseStore() = default;

Result<std::unique_ptr<ResponseStore>> ResponseStore::open(const StoreOptions& options) {
  auto impl = std::make_unique<Impl>(options);
  Status started = options.read_only ? impl->check_read_only_schema() : impl->start_writer();
  if (!started) return started.take_error();
  return std::unique_ptr<ResponseStore>(new ResponseStore(std::move(impl)));
}

Status ResponseStore::publish_questionnaire(std::string_view definition_json) {
  return impl_->publish_questionnaire(definition_json);
}

Result<std::shared_ptr<const Questionnaire>> ResponseStore::questionnaire(
    std::string_view id, std::optional<std::string_view> version) {
  auto loaded = impl_->load(id, version);
  if (!loaded) return loaded.take_error();
  return loaded.value()->questionnaire;
}

std::vector<QuestionnaireVersion> ResponseStore::questionnaires() {
  return impl_->questionnaires();
}

Result<Wave> ResponseStore::create_wave(const WaveSpec& spec) { return impl_->create_wave(spec); }
Result<Wave> ResponseStore::wave(std::string_view name) { return impl_->wave(name); }
std::vector<Wave> ResponseStore::waves() { return impl_->waves(); }

Result<SubmitReceipt> ResponseStore::submit(std::string_view wave_name, const Response& response,
                                            std::string_view consent_version, Date today) {
  return impl_->submit(wave_name, response, consent_version, today);
}

void ResponseStore::submit_async(std::string_view wave_name, const Response& response,
                                 std::string_view consent_version, Date today,
                                 SubmitDone done) {
  impl_->submit_async(wave_name, response, consent_version, today, std::move(done));
}

Result<ResumedResponse> ResponseStore::resume(std::string_view resume_code, Date today) {
  return impl_->resume(resume_code, today);
}

Result<SubmitReceipt> ResponseStore::update(std::string_view resume_code,
                                            const Response& response, Date today) {
  return impl_->update(resume_code, response, today);
}

Status ResponseStore::erase(std::string_view receipt_code) { return impl_->erase(receipt_code); }

Status ResponseStore::check_response(const Wave& wave, const Response& response,
                                     std::string_view consent_version) {
  return impl_->check_response(wave, response, consent_version);
}

Result<std::vector<std::int64_t>> ResponseStore::import_responses(
    std::string_view wave_name, std::span<const ImportedResponse> responses, Date today) {
  return impl_->import_responses(wave_name, responses, today);
}

Result<ResponseMatrix> ResponseStore::complete_responses(std::string_view wave_name) {
  return impl_->complete_responses(wave_name);
}

Result<PublicationRecord> ResponseStore::publication(std::string_view wave_name) {
  return impl_->publication(wave_name);
}

Status ResponseStore::publish_step(std::string_view wave_name, int min_respondents,
                                   std::span<const PublicationChange> changes) {
  return impl_->publish_step(wave_name, min_respondents, changes);
}

Status ResponseStore::save_published_background(std::string_view wave_name,
                                                std::string_view cells_json) {
  return impl_->save_published_background(wave_name, cells_json);
}

Status ResponseStore::replace_offers(std::span<const Offer> offers) {
  return impl_->replace_offers(offers);
}
Result<std::vector<Offer>> ResponseStore::offers(std::string_view municipality) {
  return impl_->offers(municipality);
}
Result<StoreStats> ResponseStore::stats() { return impl_->stats(); }
Status ResponseStore::backup(const std::string& out_path) { return impl_->backup(out_path); }
StoreMetrics ResponseStore::metrics() const { return impl_->metrics(); }

}  // namespace parorende
