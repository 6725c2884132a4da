#include "store/response_store.h"

#include "store/internal/store_impl.h"

namespace parorende {

ResponseStore::ResponseStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ResponseStore::~ResponseStore() = default;

Result<std::unique_ptr<ResponseStore>> ResponseStore::open(const StoreOptions& options) {
  auto location = parse_store_location(options.path);
  if (!location) return location.take_error();
  auto impl = std::make_unique<Impl>(options, std::move(location).value());
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

Result<std::vector<QuestionnaireVersion>> ResponseStore::questionnaires() {
  return impl_->questionnaires();
}

Result<Wave> ResponseStore::create_wave(const WaveSpec& spec) { return impl_->create_wave(spec); }
Result<Wave> ResponseStore::wave(std::string_view name) { return impl_->wave(name); }
Result<std::vector<Wave>> ResponseStore::waves() { return impl_->waves(); }

Result<SubmitReceipt> ResponseStore::submit(std::string_view wave_name, const Response& response,
                                            std::string_view consent_version, Date today,
                                            std::string_view invitation_code) {
  return impl_->submit(wave_name, response, consent_version, today, invitation_code);
}

void ResponseStore::submit_async(std::string_view wave_name, const Response& response,
                                 std::string_view consent_version, Date today, SubmitDone done,
                                 std::string_view invitation_code) {
  impl_->submit_async(wave_name, response, consent_version, today, std::move(done),
                      invitation_code);
}

Result<ResumedResponse> ResponseStore::resume(std::string_view resume_code, Date today) {
  return impl_->resume(resume_code, today);
}

Result<SubmitReceipt> ResponseStore::update(std::string_view resume_code, const Response& response,
                                            Date today) {
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
Result<bool> ResponseStore::join_wave(std::string_view wave_name, std::string_view municipality) {
  return impl_->join_wave(wave_name, municipality);
}

Result<std::vector<std::string>> ResponseStore::joined_waves(std::string_view municipality) {
  return impl_->joined_waves(municipality);
}

Result<MunicipalityContact> ResponseStore::municipality_contact(std::string_view municipality) {
  return impl_->municipality_contact(municipality);
}
Status ResponseStore::set_municipality_contact(std::string_view municipality,
                                               const MunicipalityContact& contact) {
  return impl_->set_municipality_contact(municipality, contact);
}
Status ResponseStore::replace_municipality_offers(std::string_view municipality,
                                                  std::span<const Offer> offers) {
  return impl_->replace_municipality_offers(municipality, offers);
}
Result<bool> ResponseStore::put_offer(const Offer& offer) { return impl_->put_offer(offer); }
Status ResponseStore::remove_offer(std::string_view municipality, std::string_view id) {
  return impl_->remove_offer(municipality, id);
}
Result<StoreStats> ResponseStore::stats() { return impl_->stats(); }
Status ResponseStore::backup(const std::string& out_path) { return impl_->backup(out_path); }
StoreMetrics ResponseStore::metrics() const { return impl_->metrics(); }
Status ResponseStore::record_audit(const AuditEvent& event) { return impl_->record_audit(event); }
Result<std::vector<AuditEntry>> ResponseStore::audit_entries(const AuditQuery& query) {
  return impl_->audit_entries(query);
}
Result<AuditVerification> ResponseStore::verify_audit() { return impl_->verify_audit(); }

Status ResponseStore::add_staff_session(const Sha256Digest& key, const StoredStaffSession& session,
                                        std::size_t per_account, StaffSessionCutoffs over) {
  return impl_->add_staff_session(key, session, per_account, over);
}

Result<std::optional<StoredStaffSession>> ResponseStore::staff_session(const Sha256Digest& key) {
  return impl_->staff_session(key);
}

Status ResponseStore::touch_staff_session(const Sha256Digest& key, std::int64_t now) {
  return impl_->touch_staff_session(key, now);
}

Status ResponseStore::end_staff_session(const Sha256Digest& key) {
  return impl_->end_staff_session(key);
}

Status ResponseStore::end_staff_sessions(std::int64_t account_id,
                                         const std::optional<KeptSession>& kept) {
  return impl_->end_staff_sessions(account_id, kept);
}

Status ResponseStore::confirm_totp_key(std::int64_t account_id, std::int64_t step,
                                       std::span<const std::uint8_t> key, const KeptSession& kept) {
  return impl_->confirm_totp_key(account_id, step, key, kept);
}

Status ResponseStore::change_password(std::int64_t account_id, std::string_view password_hash,
                                      const KeptSession& kept) {
  return impl_->change_password(account_id, password_hash, kept);
}

Result<std::int64_t> ResponseStore::staff_session_count() {
  return impl_->row_count("staff_sessions");
}

Result<std::int64_t> ResponseStore::charge_buckets(std::span<const BucketCharge> charges,
                                                   std::int64_t now) {
  return impl_->charge_buckets(charges, now);
}

Status ResponseStore::refund_buckets(std::span<const BucketCharge> charges, std::int64_t now) {
  return impl_->refund_buckets(charges, now);
}

Result<std::int64_t> ResponseStore::bucket_count() { return impl_->row_count("sign_in_buckets"); }

Status ResponseStore::add_openid_sign_in(const Sha256Digest& state_key,
                                         const StoredOpenIdSignIn& sign_in, std::size_t max_pending,
                                         std::int64_t started_before) {
  return impl_->add_openid_sign_in(state_key, sign_in, max_pending, started_before);
}

Result<std::optional<StoredOpenIdSignIn>> ResponseStore::take_openid_sign_in(
    const Sha256Digest& state_key, std::int64_t started_before) {
  return impl_->take_openid_sign_in(state_key, started_before);
}

Result<std::int64_t> ResponseStore::openid_sign_in_count() {
  return impl_->row_count("openid_sign_ins");
}

Result<Account> ResponseStore::add_account(const NewAccount& spec, Date today) {
  return impl_->add_account(spec, today);
}

Result<Account> ResponseStore::link_external_account(const ExternalAccount& identity, Date today) {
  return impl_->link_external_account(identity, today);
}
Result<std::vector<Account>> ResponseStore::accounts() { return impl_->accounts(); }
Result<AccountSecrets> ResponseStore::account_secrets(std::string_view username) {
  return impl_->account_secrets(username);
}
Result<Account> ResponseStore::account_by_id(std::int64_t id) { return impl_->account_by_id(id); }
Status ResponseStore::set_account_disabled(std::int64_t id, bool disabled) {
  return impl_->set_account_disabled(id, disabled);
}
Status ResponseStore::set_grants(std::int64_t id, std::span<const Grant> grants) {
  return impl_->set_grants(id, grants);
}
Status ResponseStore::set_reset_code(std::int64_t id, const Sha256Digest& code_hash,
                                     Date expires_on) {
  return impl_->set_reset_code(id, code_hash, expires_on);
}
Result<Account> ResponseStore::redeem_reset_code(const Sha256Digest& code_hash, Date today,
                                                 std::string_view password_hash) {
  return impl_->redeem_reset_code(code_hash, today, password_hash);
}
Status ResponseStore::set_totp_pending_key(std::int64_t id, std::span<const std::uint8_t> key) {
  return impl_->set_totp_pending_key(id, key);
}
Status ResponseStore::remove_totp(std::int64_t id) { return impl_->remove_totp(id); }
Status ResponseStore::accept_totp_step(std::int64_t id, std::int64_t step,
                                       std::span<const std::uint8_t> key, bool pending) {
  return impl_->accept_totp_step(id, step, key, pending);
}
Result<Account> ResponseStore::account_by_reset_code(const Sha256Digest& code_hash, Date today) {
  return impl_->account_by_reset_code(code_hash, today);
}

Result<IssuedInvitations> ResponseStore::create_invitations(const NewInvitationBatch& spec,
                                                            Date today) {
  return impl_->create_invitations(spec, today);
}
Result<std::vector<InvitationBatch>> ResponseStore::invitation_batches(
    std::string_view municipality) {
  return impl_->invitation_batches(municipality);
}

Result<std::vector<std::int64_t>> ResponseStore::unused_invitation_letters(
    std::int64_t batch_id, std::string_view municipality) {
  return impl_->unused_invitation_letters(batch_id, municipality);
}
Result<InvitationTarget> ResponseStore::invitation(std::string_view code) {
  return impl_->invitation(code);
}
Result<FreeTextAnswers> ResponseStore::free_text_answers(std::string_view wave_name,
                                                         std::string_view municipality,
                                                         std::string_view consent_version,
                                                         std::span<const std::string> items) {
  return impl_->free_text_answers(wave_name, municipality, consent_version, items);
}

Result<ResponseProgress> ResponseStore::response_progress(std::string_view wave_name,
                                                          std::string_view municipality) {
  return impl_->response_progress(wave_name, municipality);
}

}  // namespace parorende
