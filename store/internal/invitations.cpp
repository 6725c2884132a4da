// Invitation batches and their one-time codes (store/invitations.h), and
// the response counts staff follow a round by.
#include "common/text.h"
#include "store/internal/store_impl.h"

namespace parorende {

using namespace store_detail;

namespace {

constexpr std::size_t kMaxLabelCharacters = 100;

std::size_t utf8_characters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char byte) {
    return (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
  }));
}

Status check_batch_spec(const NewInvitationBatch& spec) {
  std::vector<Problem> problems;
  if (spec.count < 1 || spec.count > kMaxInvitationsPerBatch) {
    problems.push_back({"count", "out_of_range",
                        "from 1 to " + std::to_string(kMaxInvitationsPerBatch) + " codes"});
  }
  std::size_t label_length = utf8_characters(spec.label);
  if (label_length == 0 || label_length > kMaxLabelCharacters ||
      has_control_character(spec.label, false)) {
    problems.push_back({"label", "invalid_value",
                        "1 to " + std::to_string(kMaxLabelCharacters) +
                            " characters, without control characters"});
  }
  if (problems.empty()) return {};
  return make_error("invalid_argument", "the invitation batch has problems", std::move(problems));
}

}  // namespace

Error store_detail::invitation_used_error() {
  return make_error("invitation_used",
                    "this invitation code has been used: a code opens one response, once");
}

Result<IssuedInvitations> ResponseStore::Impl::create_invitations(const NewInvitationBatch& spec,
                                                                  Date today) {
  if (!writer_) return read_only_error();
  if (auto valid = check_batch_spec(spec); !valid) return valid.take_error();
  if (builtin_municipalities().find(spec.municipality) == nullptr) {
    return make_error("unknown_municipality", "no municipality has code " + spec.municipality);
  }
  auto wave = this->wave(spec.wave_name);
  if (!wave) return wave.take_error();
  if (!wave->covers(spec.municipality)) {
    return make_error(
        "municipality_not_in_wave",
        "the wave " + wave->name + " is not open to municipality '" + spec.municipality + "'");
  }
  if (wave->closes < today) {
    return make_error("wave_closed", "the wave " + wave->name + " closed " + wave->closes.iso() +
                                         "; its invitations would open nothing");
  }

  IssuedInvitations issued;
  std::vector<Sha256Digest> hashes;
  issued.codes.reserve(static_cast<std::size_t>(spec.count));
  hashes.reserve(static_cast<std::size_t>(spec.count));
  for (int i = 0; i < spec.count; ++i) {
    auto code = issue_secret_code(CodeKind::invitation);
    if (!code) return code.take_error();
    issued.codes.push_back(std::move(code->display));
    hashes.push_back(code->hash.digest);
  }
  issued.batch = {0,          wave->name, spec.municipality,          spec.label, today,
                  spec.count, 0,          wave->participation_tracked};
  bool numbered = wave->participation_tracked;
  std::string created_on = today.iso();
  std::int64_t wave_id = wave->id;

  auto written = write([&](WriteContext& context) -> Status {
    Connection& connection = context.connection;
    auto batch = connection.statement(
        "INSERT INTO invitation_batches (wave, municipality, label, created_on, issued)"
        " VALUES (?, ?, ?, ?, ?) RETURNING id");
    if (!batch) return batch.take_error();
    batch->bind(1, wave_id)
        .bind(2, spec.municipality)
        .bind(3, spec.label)
        .bind(4, created_on)
        .bind(5, std::int64_t{spec.count});
    auto inserted = run_returning_id(*batch);
    if (!inserted) return inserted.take_error();
    issued.batch.id = inserted.value();
    // A letter number only where the round tracks participation: in any
    // other round nothing ties a code's row to a line of the staff's list.
    auto code = connection.statement(
        "INSERT INTO invitation_codes (code_hash, batch, letter) VALUES (?, ?, ?)");
    if (!code) return code.take_error();
    for (std::size_t i = 0; i < hashes.size(); ++i) {
      code->reset();
      code->bind_blob(1, hashes[i]).bind(2, issued.batch.id);
      if (numbered) {
        code->bind(3, static_cast<std::int64_t>(i + 1));
      } else {
        code->bind_null(3);
      }
      if (auto inserted = code->run(); !inserted) return inserted;
    }
    return {};
  });
  if (!written) return written.take_error();
  return issued;
}

Result<std::vector<InvitationBatch>> ResponseStore::Impl::invitation_batches(
    std::string_view municipality) {
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  auto select = (*reader)->statement(
      "SELECT b.id, w.name, b.municipality, b.label, b.created_on, b.issued,"
      " (SELECT count(*) FROM invitation_codes c WHERE c.batch = b.id AND c.used = 1),"
      " w.participation_tracked"
      " FROM invitation_batches b JOIN waves w ON w.id = b.wave"
      " WHERE b.municipality = ? ORDER BY b.id DESC");
  if (!select) return select.take_error();
  select->bind(1, municipality);
  std::vector<InvitationBatch> batches;
  while (true) {
    auto row = select->step();
    if (!row) return row.take_error();
    if (!row.value()) break;
    batches.push_back({select->int64(0), std::string(select->text(1)), std::string(select->text(2)),
                       std::string(select->text(3)), column_date(*select, 4).value_or(Date{}),
                       select->int64(5), select->int64(6), select->int64(7) != 0});
  }
  return batches;
}

Result<std::vector<std::int64_t>> ResponseStore::Impl::unused_invitation_letters(
    std::int64_t batch_id, std::string_view municipality) {
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  auto batch = (*reader)->statement(
      "SELECT w.participation_tracked FROM invitation_batches b JOIN waves w ON w.id = b.wave"
      " WHERE b.id = ? AND b.municipality = ?");
  if (!batch) return batch.take_error();
  batch->bind(1, batch_id).bind(2, municipality);
  auto found = batch->step();
  if (!found) return found.take_error();
  if (!found.value()) {
    return make_error("invitation_batch_not_found",
                      "the municipality has no invitation batch " + std::to_string(batch_id));
  }
  if (batch->int64(0) == 0) {
    return make_error("participation_not_tracked",
                      "the batch's round does not track participation: its caregivers were not "
                      "told that their municipality would see whether their letter was answered");
  }
  auto unused = (*reader)->statement(
      "SELECT letter FROM invitation_codes WHERE batch = ? AND used = 0 AND letter IS NOT NULL"
      " ORDER BY letter");
  if (!unused) return unused.take_error();
  unused->bind(1, batch_id);
  std::vector<std::int64_t> letters;
  while (true) {
    auto row = unused->step();
    if (!row) return row.take_error();
    if (!row.value()) break;
    letters.push_back(unused->int64(0));
  }
  return letters;
}

Result<ResponseStore::Impl::FoundInvitation> ResponseStore::Impl::find_invitation(
    std::string_view code) {
  auto hash = hash_typed_code(CodeKind::invitation, code);
  if (!hash) return hash.take_error();
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  auto select = (*reader)->statement(
      "SELECT b.wave, b.municipality, c.used FROM invitation_codes c"
      " JOIN invitation_batches b ON b.id = c.batch WHERE c.code_hash = ?");
  if (!select) return select.take_error();
  select->bind_blob(1, hash->digest);
  auto row = select->step();
  if (!row) return row.take_error();
  if (!row.value()) {
    return make_error("invitation_not_found",
                      "no invitation has this code; check it against the letter");
  }
  return FoundInvitation{hash->digest, select->int64(0), std::string(select->text(1)),
                         select->int64(2) != 0};
}

Result<InvitationTarget> ResponseStore::Impl::invitation(std::string_view code) {
  auto found = find_invitation(code);
  if (!found) return found.take_error();
  auto wave = wave_by_id(found->wave_id);
  if (!wave) return wave.take_error();
  return InvitationTarget{wave->name, found->municipality};
}

Result<ResponseProgress> ResponseStore::Impl::response_progress(std::string_view wave_name,
                                                                std::string_view municipality) {
  auto wave = this->wave(wave_name);
  if (!wave) return wave.take_error();
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  ResponseProgress progress;
  auto counts = (*reader)->statement(
      "SELECT status, completed_on, count(*) FROM responses WHERE wave = ? AND municipality = ?"
      " GROUP BY status, completed_on ORDER BY completed_on");
  if (!counts) return counts.take_error();
  counts->bind(1, wave->id).bind(2, municipality);
  while (true) {
    auto row = counts->step();
    if (!row) return row.take_error();
    if (!row.value()) break;
    std::int64_t count = counts->int64(2);
    if (counts->text(0) == kStatusPartial) {
      progress.partial += count;
      continue;
    }
    progress.complete += count;
    auto day = column_date(*counts, 1);
    if (!day) return make_error("storage_failure", "a complete response has no completion day");
    progress.completed_per_day.push_back({*day, count});
  }
  auto issued = (*reader)->statement(
      "SELECT coalesce(sum(issued), 0) FROM invitation_batches WHERE wave = ? AND municipality = "
      "?");
  if (!issued) return issued.take_error();
  issued->bind(1, wave->id).bind(2, municipality);
  auto row = issued->step();
  if (!row) return row.take_error();
  if (row.value()) progress.invitations_issued = issued->int64(0);
  return progress;
}

Status store_detail::use_invitation(Connection& connection, const Sha256Digest& code_hash) {
  auto use =
      connection.statement("UPDATE invitation_codes SET used = 1 WHERE code_hash = ? AND used = 0");
  if (!use) return use.take_error();
  use->bind_blob(1, code_hash);
  if (auto updated = use->run(); !updated) return updated;
  // Another submission with the same code committed first.
  if (connection.changes() != 1) return invitation_used_error();
  return {};
}

}  // namespace parorende
