// The durable response store: questionnaires, waves and caregivers'
// responses in one SQLite database (docs/storage.md).
//
// Every write goes through one writer thread that commits all queued writes
// in one transaction (group commit); a call returns only once its own data is
// durable, or with the error that stopped it alone. Reads use separate
// read-only connections. All methods are safe to call from many threads.
//
// Error codes (Error::code; statuses and meanings in common/error_codes.cpp):
//   wave_not_found, questionnaire_not_found, code_not_found, wave_closed,
//   wave_not_open_yet, wave_exists, questionnaire_immutable,
//   invalid_definition, invalid_wave, invalid_code, municipality_not_in_wave,
//   consent_missing, consent_mismatch, questionnaire_mismatch,
//   unknown_municipality, invitation_not_found, invitation_used,
//   invitation_mismatch, output_exists, publication_threshold_mismatch,
//   publication_conflict, storage_failure, store_read_only; at open only:
//   schema_too_new, schema_outdated, not_a_parorende_database.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "questionnaire/answer.h"
#include "questionnaire/questionnaire.h"
#include "questionnaire/wave.h"
#include "reference/offer_catalogue.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/comments.h"
#include "store/invitations.h"
#include "store/publication.h"
#include "store/response_matrix.h"
#include "store/sign_in_state.h"

namespace parorende {

struct StoreOptions {
  // An SQLite file (FILE or sqlite:FILE), or a PostgreSQL database
  // (postgresql://...): store/store_location.h.
  std::string path;
  // full: a commit survives power loss. normal: a commit survives a crash of
  // the process, but the last commits before a power loss or OS crash may be
  // rolled back (the database stays consistent). See docs/storage.md.
  enum class Synchronous { full, normal };
  Synchronous synchronous = Synchronous::full;
  // read_only: no writer thread, no migration; write methods fail with
  // "store_read_only". For `stats` and `backup` beside a running server.
  bool read_only = false;
  std::size_t read_connections = 4;
  std::size_t max_batch = 1024;  // writes per group commit, at most
};

// A code is shown once: only its hash is stored.
struct SubmitReceipt {
  std::int64_t response_id = 0;
  Completeness completeness = Completeness::partial;
  std::string resume_code;   // set when partial: continue later with it
  std::string receipt_code;  // set when complete: erase the response with it
};

struct ResumedResponse {
  std::int64_t response_id = 0;
  Wave wave;
  std::shared_ptr<const Questionnaire> questionnaire;
  Response response;  // partial, answers as last saved
  std::string consent_version;
  Date started_on;
};

struct QuestionnaireVersion {
  std::string id;
  std::string version;
};

struct ImportedResponse {
  Response response;
  std::string consent_version;
};

struct WaveCounts {
  std::string wave_name;
  std::int64_t partial = 0;
  std::int64_t complete = 0;
};

// How caregivers reach their municipality: its caregiver contact
// (pårørendekontakt), the switchboard and its web site. Empty texts: not
// given.
struct MunicipalityContact {
  std::string contact_name;
  std::string phone;
  std::string email;
  std::string switchboard;
  std::string web_site;
};

// A wave's responses of one municipality, as counted: for the monitoring
// of staff, who see them only through analytics/response_progress.h.
struct ResponseProgress {
  std::int64_t partial = 0;
  std::int64_t complete = 0;
  struct Day {
    Date day;
    std::int64_t complete = 0;
  };
  std::vector<Day> completed_per_day;  // ascending, days with none left out
  std::int64_t invitations_issued = 0;
};

struct StoreStats {
  int schema_version = 0;
  std::int64_t questionnaire_versions = 0;
  std::int64_t municipalities = 0;
  std::vector<WaveCounts> waves;
  std::int64_t database_bytes = 0;
};

// For /metrics. Batch sizes are a cumulative histogram, as Prometheus wants.
struct StoreMetrics {
  std::size_t queue_depth = 0;
  std::uint64_t batches_committed = 0;
  std::uint64_t writes_succeeded = 0;
  std::uint64_t writes_failed = 0;
  struct Bucket {
    std::size_t le;       // upper bound (inclusive) of a batch's size
    std::uint64_t count;  // batches of at most `le` writes
  };
  std::vector<Bucket> batch_size_buckets;
  std::uint64_t batch_size_sum = 0;
};

class ResponseStore {
 public:
  // Opens (creating when missing, unless read_only) and migrates the schema
  // to the latest version.
  static Result<std::unique_ptr<ResponseStore>> open(const StoreOptions& options);

  // Finishes every queued write, then closes.
  ~ResponseStore();
  ResponseStore(const ResponseStore&) = delete;
  ResponseStore& operator=(const ResponseStore&) = delete;

  // Questionnaires. A published id+version never changes: publishing it
  // again with another definition fails ("questionnaire_immutable"),
  // with the same definition succeeds.
  Status publish_questionnaire(std::string_view definition_json);
  // The latest version (numerically highest) when `version` is not given.
  Result<std::shared_ptr<const Questionnaire>> questionnaire(
      std::string_view id, std::optional<std::string_view> version = std::nullopt);
  // Every published version, by id and then by when it was published.
  Result<std::vector<QuestionnaireVersion>> questionnaires();

  // Waves. Names are unique; a wave never changes once created.
  Result<Wave> create_wave(const WaveSpec& spec);
  Result<Wave> wave(std::string_view name);
  // Every wave, in the order they were made.
  Result<std::vector<Wave>> waves();
  // A municipality joins a national round: its staff pages then offer the
  // round's open link and invitations. True when it joined now, false when
  // it had already. "wave_not_found"; "round_not_national" for a round of
  // listed municipalities; "unknown_municipality".
  Result<bool> join_wave(std::string_view wave_name, std::string_view municipality);
  // The national rounds the municipality joined, by name.
  Result<std::vector<std::string>> joined_waves(std::string_view municipality);

  // Responses. `response` comes from validate_response() against the wave's
  // questionnaire version. Partial -> a resume code; complete -> a receipt
  // code. `consent_version` is the consent text version the caregiver
  // accepted (must equal the questionnaire's when it has one). An
  // `invitation_code` is used by the same commit: it must exist
  // ("invitation_not_found"), be of this wave and the response's
  // municipality ("invitation_mismatch"; a response without a municipality
  // gets the invitation's) and, checked after everything else, be unused
  // ("invitation_used").
  Result<SubmitReceipt> submit(std::string_view wave_name, const Response& response,
                               std::string_view consent_version, Date today,
                               std::string_view invitation_code = {});
  // As submit(), without holding a thread while the group commit runs:
  // `done` gets the same result. A response that fails the checks gets it
  // at once, on the calling thread; otherwise `done` runs on the store's
  // answering thread after the commit, so it must only hand the result on
  // (post it to an I/O thread), never block or do real work.
  using SubmitDone = std::function<void(Result<SubmitReceipt>)>;
  void submit_async(std::string_view wave_name, const Response& response,
                    std::string_view consent_version, Date today, SubmitDone done,
                    std::string_view invitation_code = {});
  // The saved answers of a partial response; "code_not_found" for a wrong
  // code, "wave_closed" when its wave has closed.
  Result<ResumedResponse> resume(std::string_view resume_code, Date today);
  // Saves a resumed response again: partial keeps the same resume code
  // valid; complete invalidates it and issues a receipt code.
  Result<SubmitReceipt> update(std::string_view resume_code, const Response& response, Date today);
  // Deletes a complete response for real (rows removed, secure_delete).
  // Its published block leaves the published tables it was in, so no later
  // figure differs from an earlier one by this response alone.
  Status erase(std::string_view receipt_code);

  // The checks submit() applies besides the wave's dates, for reporting
  // bad lines before an import.
  Status check_response(const Wave& wave, const Response& response,
                        std::string_view consent_version);
  // Imports in one transaction: all or none. The wave's dates are not
  // checked (paper forms arrive late); partial responses get no resume code.
  Result<std::vector<std::int64_t>> import_responses(std::string_view wave_name,
                                                     std::span<const ImportedResponse> responses,
                                                     Date today);

  // Analytics: every complete response of a wave as a matrix.
  Result<ResponseMatrix> complete_responses(std::string_view wave_name);

  // The published state (store/publication.h, docs/privacy.md).
  Result<PublicationRecord> publication(std::string_view wave_name);
  // Applies one step in one transaction: all of `changes` or none. The
  // wave's k is recorded by its first step; another k is refused
  // ("publication_threshold_mismatch"). "publication_conflict" when a
  // change no longer fits the rows (another step, or an erasure, came
  // first): plan the step again.
  Status publish_step(std::string_view wave_name, int min_respondents,
                      std::span<const PublicationChange> changes);
  // Keeps the first background table saved for a wave; later ones are
  // ignored, so every reader sees the same.
  Status save_published_background(std::string_view wave_name, std::string_view cells_json);

  // The offer catalogue (docs/offers.md). Replaces, in one transaction, all
  // offers of every municipality present in `offers`; others keep theirs.
  Status replace_offers(std::span<const Offer> offers);
  // A municipality's offers in import order (empty when it has none).
  Result<std::vector<Offer>> offers(std::string_view municipality);
  // The municipality's contact details (all empty when never set); set
  // replaces them whole. "unknown_municipality" for a code no
  // municipality has.
  Result<MunicipalityContact> municipality_contact(std::string_view municipality);
  Status set_municipality_contact(std::string_view municipality,
                                  const MunicipalityContact& contact);
  // The municipality's whole catalogue becomes `offers` (none: empty);
  // "invalid_offers" when one is of another municipality.
  Status replace_municipality_offers(std::string_view municipality, std::span<const Offer> offers);
  // Adds the offer (true), or replaces the municipality's offer of its id
  // in place (false). The caller checks it first (check_offer).
  Result<bool> put_offer(const Offer& offer);
  // "offer_not_found" when the municipality has no offer of this id.
  Status remove_offer(std::string_view municipality, std::string_view id);

  Result<StoreStats> stats();
  // A consistent copy via SQLite's online backup API, safe while writing.
  // Fails if `out_path` exists.
  Status backup(const std::string& out_path);
  StoreMetrics metrics() const;

  // The audit log (store/audit.h). Appends one entry, numbered and chained
  // in the writer's transaction, stamped with the current UTC second.
  // "invalid_argument" for an empty actor, action or object, a field over
  // 1,000 bytes, or a control character.
  Status record_audit(const AuditEvent& event);
  // Entries in order of number, as `query` selects.
  Result<std::vector<AuditEntry>> audit_entries(const AuditQuery& query);
  // Reads the whole log and its head in one read transaction and checks
  // the chain.
  Result<AuditVerification> verify_audit();

  // Staff accounts (store/accounts.h). Hashes come hashed: the store never
  // sees a password, a reset code or a session id.
  // "invalid_username", "account_exists", "invalid_grant" (a municipality
  // that does not exist, a researcher without an expiry date, ...).
  Result<Account> add_account(const NewAccount& spec, Date today);
  // The account linked to the provider's (issuer, subject), for a sign-in
  // through it: made on the first sign-in (no password, so it cannot sign
  // in locally), and its display name and grants replaced by the
  // provider's every time, even by none (the person left the group). A
  // new account needs a grant ("no_role" otherwise), and a username no
  // other account has ("account_exists": never merged, since a provider
  // could name anyone). A disabled account is returned as it is: the
  // caller refuses.
  Result<Account> link_external_account(const ExternalAccount& identity, Date today);
  // Every account, by username.
  Result<std::vector<Account>> accounts();
  // "account_not_found" for a name no account has (or cannot have).
  Result<AccountSecrets> account_secrets(std::string_view username);
  Result<Account> account_by_id(std::int64_t id);
  // Disabling also raises the account's session epoch: its sessions end.
  Status set_account_disabled(std::int64_t id, bool disabled);
  // Replaces every grant of the account.
  Status set_grants(std::int64_t id, std::span<const Grant> grants);
  // A one-time reset code's hash, valid through `expires_on`; replaces
  // any earlier one, forgets the password, and raises the session epoch (a
  // reset is often for a compromise: the old password stops working and
  // the account's sessions end).
  Status set_reset_code(std::int64_t id, const Sha256Digest& code_hash, Date expires_on);
  // Sets the password of the enabled account whose unexpired reset code
  // hashes to `code_hash`, forgets the code and ends the account's sessions
  // (as end_staff_sessions), in one transaction: "reset_code_invalid"
  // otherwise.
  Result<Account> redeem_reset_code(const Sha256Digest& code_hash, Date today,
                                    std::string_view password_hash);
  // A new TOTP key, pending until a code made from it is accepted with
  // `pending`; the enrolled key (if any) keeps working until then.
  Status set_totp_pending_key(std::int64_t id, std::span<const std::uint8_t> key);
  // Removes the second factor (a lost phone): enrolled again at sign-in.
  Status remove_totp(std::int64_t id);
  // Records that the code of TOTP time step `step`, made from `key`, was
  // used: `key` is the enrolled key, or (`pending`) the pending key, which
  // then becomes the enrolled one. "totp_replayed" unless `step` is newer
  // than every step accepted before (so a code works once) and `key` is
  // still that key.
  Status accept_totp_step(std::int64_t id, std::int64_t step, std::span<const std::uint8_t> key,
                          bool pending = false);
  // The enabled account whose unexpired reset code hashes to `code_hash`
  // ("reset_code_invalid" when none), without using the code.
  Result<Account> account_by_reset_code(const Sha256Digest& code_hash, Date today);

  // Staff sessions, the sign-in throttle's buckets and sign-ins through
  // OpenID Providers under way (store/sign_in_state.h), shared by every
  // server over the store.
  // Adds the session kept under `key`, in one transaction with forgetting
  // every session that is over and, when the account already has
  // `per_account` sessions, its oldest.
  Status add_staff_session(const Sha256Digest& key, const StoredStaffSession& session,
                           std::size_t per_account, StaffSessionCutoffs over);
  // The session under `key`; nullopt when there is none.
  Result<std::optional<StoredStaffSession>> staff_session(const Sha256Digest& key);
  // The session was used at `now` (nothing when it has ended).
  Status touch_staff_session(const Sha256Digest& key, std::int64_t now);
  Status end_staff_session(const Sha256Digest& key);
  // Ends every session of the account but the kept one (if given), in one
  // transaction with raising the account's session epoch
  // (Account::session_epoch) and moving the kept session to it: a session
  // being started elsewhere from the account as it was is over too. With a
  // kept session, "unauthorized" (and nothing changed) when the epoch is no
  // longer the one its request was allowed with: it ended meanwhile.
  Status end_staff_sessions(std::int64_t account_id,
                            const std::optional<KeptSession>& kept = std::nullopt);
  // The account's new password hash (its reset code forgotten) and the end
  // of its other sessions, as end_staff_sessions, in one transaction.
  Status change_password(std::int64_t account_id, std::string_view password_hash,
                         const KeptSession& kept);
  // Confirms the pending TOTP key with the code of `step` made from it
  // (accept_totp_step with `pending`), ends the other sessions as
  // end_staff_sessions and marks the kept one's second factor done, in one
  // transaction: "totp_replayed" or "unauthorized" change nothing.
  Status confirm_totp_key(std::int64_t account_id, std::int64_t step,
                          std::span<const std::uint8_t> key, const KeptSession& kept);
  Result<std::int64_t> staff_session_count();
  // Takes a token from each bucket in one transaction, or from none: 0
  // when every bucket had one, else the seconds until the first that had
  // none has one. Buckets full by `now` are forgotten.
  Result<std::int64_t> charge_buckets(std::span<const BucketCharge> charges, std::int64_t now);
  // Gives each bucket its token back.
  Status refund_buckets(std::span<const BucketCharge> charges, std::int64_t now);
  Result<std::int64_t> bucket_count();
  // Keeps a sign-in under the hash of its state, in one transaction with
  // forgetting those started before `started_before` and, when
  // `max_pending` are kept, the oldest.
  Status add_openid_sign_in(const Sha256Digest& state_key, const StoredOpenIdSignIn& sign_in,
                            std::size_t max_pending, std::int64_t started_before);
  // The sign-in under `state_key`, forgotten as it is returned: each is
  // taken once. nullopt when none is kept, or it started before
  // `started_before`.
  Result<std::optional<StoredOpenIdSignIn>> take_openid_sign_in(const Sha256Digest& state_key,
                                                                std::int64_t started_before);
  Result<std::int64_t> openid_sign_in_count();

  // The responses of a wave in one municipality (responses that name no
  // municipality count in none), and the invitations issued for them.
  Result<ResponseProgress> response_progress(std::string_view wave_name,
                                             std::string_view municipality);

  // The texts of `items` in the complete responses of a wave in one
  // municipality given under `consent_version` (store/comments.h);
  // "wave_not_found". Whether anyone may read them is not decided here.
  Result<FreeTextAnswers> free_text_answers(std::string_view wave_name,
                                            std::string_view municipality,
                                            std::string_view consent_version,
                                            std::span<const std::string> items);

  // Invitations (store/invitations.h). A batch of fresh codes for a wave
  // that covers the municipality and has not closed: "invalid_argument"
  // (count or label), "unknown_municipality", "wave_not_found",
  // "municipality_not_in_wave", "wave_closed".
  Result<IssuedInvitations> create_invitations(const NewInvitationBatch& spec, Date today);
  // A municipality's batches, newest first, each with its used count.
  Result<std::vector<InvitationBatch>> invitation_batches(std::string_view municipality);
  // The letter numbers of a batch's codes not used yet, ascending, for
  // reminders: only in a round that tracks participation
  // ("participation_not_tracked"); "invitation_batch_not_found" for a batch
  // that is not the municipality's.
  Result<std::vector<std::int64_t>> unused_invitation_letters(std::int64_t batch_id,
                                                              std::string_view municipality);
  // What a code opens, used or not ("invalid_code",
  // "invitation_not_found"): whether it was used is told only to a
  // submission that carries it (docs/privacy.md, "Invitations").
  Result<InvitationTarget> invitation(std::string_view code);

 private:
  class Impl;
  explicit ResponseStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace parorende
