// The store's implementation, shared by its files (store/internal/*.cpp):
// the Impl behind ResponseStore's facade and the helpers its parts share.
// Only store/ includes it.
#pragma once

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
#include "questionnaire/questionnaire_loader.h"
#include "questionnaire/response_validation.h"
#include "reference/municipalities.h"
#include "store/internal/read_pool.h"
#include "store/internal/schema.h"
#include "store/internal/secret_code.h"
#include "store/internal/stored_answers.h"
#include "store/internal/wal_checkpointer.h"
#include "store/internal/write_queue.h"

#include "store/response_store.h"

namespace parorende {
namespace store_detail {

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

inline Error read_only_error() {
  return make_error("store_read_only", "the store was opened read-only");
}

inline std::string grouped_code(std::string_view canonical) {
  std::string grouped;
  for (std::size_t i = 0; i < canonical.size(); ++i) {
    if (i != 0 && i % 4 == 0) grouped += '-';
    grouped += canonical[i];
  }
  return grouped;
}

inline Result<CodeHash> hash_typed_code(CodeKind kind, std::string_view typed) {
  auto canonical = normalize_secret_code(typed);
  if (!canonical) {
    return make_error("invalid_code", "a code has 28 letters and digits, e.g. 7XKQ-M2PA-...");
  }
  return hash_secret_code(kind, *canonical);
}

inline bool digest_matches(const CodeHash& hash, std::span<const std::uint8_t> stored) {
  return constant_time_equal(hash.digest, stored);
}

inline ResponseRow make_row(const LoadedQuestionnaire& loaded, const Response& response) {
  ResponseRow row;
  row.municipality = response.municipality;
  row.language = response.language;
  row.answers_json = encode_stored_answers(*loaded.questionnaire, response.answers);
  row.item_values = pack_answers(*loaded.questionnaire, loaded.columns, response.answers);
  return row;
}

inline void bind_optional_text(StatementUse& statement, int index, std::string_view text) {
  if (text.empty()) {
    statement.bind_null(index);
  } else {
    statement.bind(index, text);
  }
}

inline std::optional<Date> column_date(StatementUse& statement, int column) {
  return parse_iso_date(statement.text(column));
}

Error invitation_used_error();

// In the writer's transaction: raises the account's session epoch (and
// sets `more_sql`, ", column = ?3", bound by `bind`), deletes its staff
// sessions but the kept one, and moves that one to the new epoch. With a
// kept session only while the epoch is the one its request was allowed
// under: "unauthorized" otherwise, nothing changed.
Status end_sessions(Connection& connection, std::int64_t account_id,
                    const std::optional<KeptSession>& kept, std::string_view more_sql,
                    const std::function<void(StatementUse&)>& bind);

// Marks an invitation code used, in the writer's transaction:
// "invitation_used" when another submission used it first.
Status use_invitation(Connection& connection, const Sha256Digest& code_hash);

}  // namespace store_detail

using store_detail::LoadedQuestionnaire;
using store_detail::ResponseRow;

class ResponseStore::Impl {
 public:
  Impl(const StoreOptions& options, StoreLocation location)
      : options_(options), location_(location), readers_(location, options.read_connections) {}

  // Opens the writer's connection, migrates, and starts the writer.
  Status start_writer();
  Status start_postgres_writer();
  Status check_read_only_schema();

  Status publish_questionnaire(std::string_view definition_json);
  Result<std::shared_ptr<const LoadedQuestionnaire>> load(std::string_view id,
                                                          std::optional<std::string_view> version);
  Result<std::vector<QuestionnaireVersion>> questionnaires();

  Result<Wave> create_wave(const WaveSpec& spec);
  Result<Wave> wave(std::string_view name);
  Result<Wave> wave_by_id(std::int64_t id);
  Result<std::vector<Wave>> waves();
  Result<bool> join_wave(std::string_view wave_name, std::string_view municipality);
  Result<std::vector<std::string>> joined_waves(std::string_view municipality);

  Result<SubmitReceipt> submit(std::string_view wave_name, const Response& response,
                               std::string_view consent_version, Date today,
                               std::string_view invitation_code);
  void submit_async(std::string_view wave_name, const Response& response,
                    std::string_view consent_version, Date today, SubmitDone done,
                    std::string_view invitation_code);
  Result<ResumedResponse> resume(std::string_view resume_code, Date today);
  Result<SubmitReceipt> update(std::string_view resume_code, const Response& response, Date today);
  Status erase(std::string_view receipt_code);
  Status check_response(const Wave& wave, const Response& response,
                        std::string_view consent_version);
  Result<std::vector<std::int64_t>> import_responses(std::string_view wave_name,
                                                     std::span<const ImportedResponse> responses,
                                                     Date today);
  Result<ResponseMatrix> complete_responses(std::string_view wave_name);
  Result<PublicationRecord> publication(std::string_view wave_name);
  Status publish_step(std::string_view wave_name, int min_respondents,
                      std::span<const PublicationChange> changes);
  Status save_published_background(std::string_view wave_name, std::string_view cells_json);
  Status replace_offers(std::span<const Offer> offers);
  Result<std::vector<Offer>> offers(std::string_view municipality);
  Status replace_municipality_offers(std::string_view municipality, std::span<const Offer> offers);
  Result<MunicipalityContact> municipality_contact(std::string_view municipality);
  Status set_municipality_contact(std::string_view municipality,
                                  const MunicipalityContact& contact);
  Result<bool> put_offer(const Offer& offer);
  Status remove_offer(std::string_view municipality, std::string_view id);
  Result<StoreStats> stats();
  Status backup(const std::string& out_path);
  StoreMetrics metrics() const;
  Status record_audit(const AuditEvent& event);
  Result<std::vector<AuditEntry>> audit_entries(const AuditQuery& query);
  Result<AuditVerification> verify_audit();
  Result<Account> add_account(const NewAccount& spec, Date today);
  Result<Account> link_external_account(const ExternalAccount& identity, Date today);
  Result<std::vector<Account>> accounts();
  Result<AccountSecrets> account_secrets(std::string_view username);
  Result<Account> account_by_id(std::int64_t id);
  Status set_account_disabled(std::int64_t id, bool disabled);
  Status set_grants(std::int64_t id, std::span<const Grant> grants);
  Status set_reset_code(std::int64_t id, const Sha256Digest& code_hash, Date expires_on);
  Result<Account> redeem_reset_code(const Sha256Digest& code_hash, Date today,
                                    std::string_view password_hash);
  Status set_totp_pending_key(std::int64_t id, std::span<const std::uint8_t> key);
  Status remove_totp(std::int64_t id);
  Status accept_totp_step(std::int64_t id, std::int64_t step, std::span<const std::uint8_t> key,
                          bool pending);
  Result<Account> account_by_reset_code(const Sha256Digest& code_hash, Date today);
  Status add_staff_session(const Sha256Digest& key, const StoredStaffSession& session,
                           std::size_t per_account, StaffSessionCutoffs over);
  Result<std::optional<StoredStaffSession>> staff_session(const Sha256Digest& key);
  Status touch_staff_session(const Sha256Digest& key, std::int64_t now);
  Status end_staff_session(const Sha256Digest& key);
  Status end_staff_sessions(std::int64_t account_id, const std::optional<KeptSession>& kept);
  Status change_password(std::int64_t account_id, std::string_view password_hash,
                         const KeptSession& kept);
  Status confirm_totp_key(std::int64_t account_id, std::int64_t step,
                          std::span<const std::uint8_t> key, const KeptSession& kept);
  Result<std::int64_t> charge_buckets(std::span<const BucketCharge> charges, std::int64_t now);
  Status refund_buckets(std::span<const BucketCharge> charges, std::int64_t now);
  Status add_openid_sign_in(const Sha256Digest& state_key, const StoredOpenIdSignIn& sign_in,
                            std::size_t max_pending, std::int64_t started_before);
  Result<std::optional<StoredOpenIdSignIn>> take_openid_sign_in(const Sha256Digest& state_key,
                                                                std::int64_t started_before);
  // Rows of one of the tables above.
  Result<std::int64_t> row_count(std::string_view table);
  Result<IssuedInvitations> create_invitations(const NewInvitationBatch& spec, Date today);
  Result<std::vector<InvitationBatch>> invitation_batches(std::string_view municipality);
  Result<std::vector<std::int64_t>> unused_invitation_letters(std::int64_t batch_id,
                                                              std::string_view municipality);
  Result<InvitationTarget> invitation(std::string_view code);
  Result<ResponseProgress> response_progress(std::string_view wave_name,
                                             std::string_view municipality);
  Result<FreeTextAnswers> free_text_answers(std::string_view wave_name,
                                            std::string_view municipality,
                                            std::string_view consent_version,
                                            std::span<const std::string> items);

 private:
  Status write(WriteQueue::Job job);
  Result<Wave> read_wave(std::string_view where_sql,
                         const std::function<void(StatementUse&)>& bind);
  Status check_dates(const Wave& wave, Date today);
  // Every offer of `municipalities` becomes `offers`, in one transaction.
  Status replace_offers_of(const std::set<std::string>& municipalities,
                           std::span<const Offer> offers);

  // A wave and its questionnaire, found by the wave's name with one lookup
  // and no copy: every submission needs both.
  struct SubmitTarget {
    Wave wave;
    std::shared_ptr<const LoadedQuestionnaire> loaded;
  };
  Result<std::shared_ptr<const SubmitTarget>> submit_target(std::string_view wave_name);
  Status check_fit(const Wave& wave, const LoadedQuestionnaire& loaded, const Response& response,
                   std::string_view consent_version);
  // An invitation code, found by its hash.
  struct FoundInvitation {
    Sha256Digest code_hash;
    std::int64_t wave_id = 0;
    std::string municipality;
    bool used = false;
  };
  Result<FoundInvitation> find_invitation(std::string_view code);
  struct PreparedSubmission;
  Result<std::unique_ptr<PreparedSubmission>> prepare(std::string_view wave_name,
                                                      const Response& response,
                                                      std::string_view consent_version, Date today,
                                                      std::string_view invitation_code);

  // Destroyed bottom-up: the writer drains first, the checkpointer closes
  // last (as the last read-write connection it checkpoints and removes the
  // WAL).
  StoreOptions options_;
  StoreLocation location_;
  std::unique_ptr<WalCheckpointer> checkpointer_;  // null when read-only or on PostgreSQL
  ReadPool readers_;
  std::unique_ptr<WriteQueue> writer_;  // null when read-only

  std::mutex cache_mutex_;
  std::map<std::string, std::shared_ptr<const LoadedQuestionnaire>, std::less<>> questionnaires_;
  std::map<std::int64_t, Wave> waves_by_id_;  // waves never change
  std::map<std::string, std::shared_ptr<const SubmitTarget>, std::less<>> submit_targets_;
};

}  // namespace parorende
