// A response's life: checks, submit, resume, update, erase, and imports.
#include "store/internal/store_impl.h"

namespace parorende {

using namespace store_detail;

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
                                      const Response& response, std::string_view consent_version) {
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
  if (!wave.is_national() &&
      (response.municipality.empty() || !wave.covers(response.municipality))) {
    return make_error(
        "municipality_not_in_wave",
        "the wave " + wave.name + " is not open to municipality '" + response.municipality + "'");
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
      "UPDATE responses SET published_tables = published_tables & ~CAST(?1 AS BIGINT),"
      " published_block = CASE WHEN (published_tables & ~CAST(?1 AS BIGINT)) = 0 THEN NULL"
      " ELSE published_block END"
      " WHERE wave = ?2 AND published_block = ?3");
  if (!withdraw) return withdraw.take_error();
  withdraw->bind(1, tables).bind(2, wave).bind(3, block);
  return withdraw->run();
}

constexpr std::string_view kInsertResponse =
    "INSERT INTO responses (wave, municipality, status, language, consent_version, started_on,"
    " saved_on, completed_on, resume_prefix, resume_hash, receipt_prefix, receipt_hash,"
    " item_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kInsertAnswers =
    "INSERT INTO response_answers (response, answers) VALUES (?, ?)";
// PostgreSQL: both rows in one statement, so one round trip to the server
// (the writer's time per response is mostly waiting for answers).
constexpr std::string_view kInsertResponseAndAnswers =
    "WITH inserted AS (INSERT INTO responses (wave, municipality, status, language,"
    " consent_version, started_on, saved_on, completed_on, resume_prefix, resume_hash,"
    " receipt_prefix, receipt_hash, item_values)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id)"
    " INSERT INTO response_answers (response, answers) SELECT id, ? FROM inserted"
    " RETURNING response";

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
  const bool together = connection.engine() == StoreEngine::postgresql;
  auto insert = connection.statement(together ? kInsertResponseAndAnswers : kInsertResponse);
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
  if (together) insert->bind(14, response.row->answers_json);
  auto inserted = run_returning_id(*insert);
  if (!inserted) return inserted.take_error();
  std::int64_t id = inserted.value();
  if (together) return id;

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

Error code_not_found() { return make_error("code_not_found", "no response has this code"); }

}  // namespace

// A checked submission, ready for the writer: it owns everything the
// insert binds, so it can outlive the caller's arguments (submit_async).
struct ResponseStore::Impl::PreparedSubmission {
  ResponseRow row;
  std::string consent_version;
  IssuedCode code;
  NewResponse insert;
  SubmitReceipt receipt;
  std::optional<Sha256Digest> invitation;  // used by the same commit

  Status run(WriteContext& context) {
    if (invitation) {
      if (auto used = use_invitation(context.connection, *invitation); !used) return used;
    }
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
    std::string_view wave_name, const Response& given, std::string_view consent_version, Date today,
    std::string_view invitation_code) {
  if (!writer_) return read_only_error();
  auto target = submit_target(wave_name);
  if (!target) return target.take_error();
  const Wave& wave = target.value()->wave;
  const LoadedQuestionnaire& loaded = *target.value()->loaded;
  if (auto open = check_dates(wave, today); !open) return open.take_error();

  // The invitation is checked here for a clear answer; the writer uses it,
  // so of two submissions with one code only the first commits. Whether a
  // code was used is told only to a submission that would otherwise be
  // stored: a body with a mistake in it learns nothing of the code.
  std::optional<FoundInvitation> invitation;
  Response with_municipality;
  const Response* checked = &given;
  if (!invitation_code.empty()) {
    auto found = find_invitation(invitation_code);
    if (!found) return found.take_error();
    if (found->wave_id != wave.id ||
        (!given.municipality.empty() && given.municipality != found->municipality)) {
      return make_error("invitation_mismatch",
                        "this invitation code is for another survey or municipality");
    }
    if (given.municipality.empty()) {
      with_municipality = given;
      with_municipality.municipality = found->municipality;
      checked = &with_municipality;
    }
    invitation = std::move(found).value();
  }
  const Response& response = *checked;
  if (auto fits = check_fit(wave, loaded, response, consent_version); !fits) {
    return fits.take_error();
  }
  if (invitation && invitation->used) return invitation_used_error();

  bool complete = response.completeness == Completeness::complete;
  auto code = issue_secret_code(complete ? CodeKind::receipt : CodeKind::resume);
  if (!code) return code.take_error();
  auto prepared = std::make_unique<PreparedSubmission>();
  prepared->row = make_row(loaded, response);
  prepared->consent_version = consent_version;
  prepared->code = std::move(code).value();
  const CodeHash* hash = &prepared->code.hash;
  prepared->insert = NewResponse{wave.id,
                                 &prepared->row,
                                 complete,
                                 prepared->consent_version,
                                 today.iso(),
                                 complete ? nullptr : hash,
                                 complete ? hash : nullptr};
  prepared->receipt.completeness = response.completeness;
  if (invitation) prepared->invitation = invitation->code_hash;
  return prepared;
}

Result<SubmitReceipt> ResponseStore::Impl::submit(std::string_view wave_name,
                                                  const Response& response,
                                                  std::string_view consent_version, Date today,
                                                  std::string_view invitation_code) {
  auto prepared = prepare(wave_name, response, consent_version, today, invitation_code);
  if (!prepared) return prepared.take_error();
  PreparedSubmission& submission = *prepared.value();
  auto written = write([&submission](WriteContext& context) { return submission.run(context); });
  if (!written) return written.take_error();
  return submission.take_receipt();
}

void ResponseStore::Impl::submit_async(std::string_view wave_name, const Response& response,
                                       std::string_view consent_version, Date today,
                                       SubmitDone done, std::string_view invitation_code) {
  auto prepared = prepare(wave_name, response, consent_version, today, invitation_code);
  if (!prepared) return done(prepared.take_error());
  std::shared_ptr<PreparedSubmission> submission = std::move(prepared).value();
  writer_->write_async([submission](WriteContext& context) { return submission->run(context); },
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
    auto select =
        (*reader)->statement("SELECT id, resume_hash FROM responses WHERE resume_prefix IN (?, ?)");
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
    return make_error("storage_failure",
                      "stored answers no longer validate: " + response.error().describe());
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
    auto answers =
        connection.statement("UPDATE response_answers SET answers = ? WHERE response = ?");
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
      problems.push_back(
          {"response " + std::to_string(i + 1), fits.error().code, fits.error().message});
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
      NewResponse new_response{wave->id,
                               &rows[i],
                               responses[i].response.completeness == Completeness::complete,
                               responses[i].consent_version,
                               day,
                               nullptr,
                               nullptr};
      auto id = insert_response(context.connection, new_response);
      if (!id) return id.take_error();
      ids.push_back(id.value());
    }
    return {};
  });
  if (!written) return written.take_error();
  return ids;
}

}  // namespace parorende
