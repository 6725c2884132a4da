// The audit log: who did what to which object, when, and with what outcome,
// for every change made by staff or from the shell and every read of data
// that is not public. Append-only, and tamper-evident: each entry carries a
// SHA-256 over the previous entry's hash and its own content, so a row
// changed, removed or moved afterwards breaks the chain at that entry
// (docs/security.md, "Audit log"). Caregivers' answers, codes and passwords
// never enter it.
//
//   store.record_audit({"shell:anna", "wave.create", "wave:2026", AuditOutcome::success});
//   auto check = store.verify_audit();
//   if (check.ok() && check->first_broken) ... names the entry
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace parorende {

enum class AuditOutcome { success, refused, failed };

std::string_view audit_outcome_name(AuditOutcome outcome);
std::optional<AuditOutcome> parse_audit_outcome(std::string_view name);

// What happened, as the caller tells it. Free text is bounded and may not
// hold control characters (record_audit refuses it with "invalid_argument").
struct AuditEvent {
  std::string actor;   // "shell:anna", later "account:17"
  std::string action;  // "wave.create", "offers.import", "export.read"
  std::string object;  // "wave:2026", "municipality:3407"
  AuditOutcome outcome = AuditOutcome::success;
  std::string detail;  // short, optional: "12 offers", a refusal's code
};

// An entry as stored: the event, its number (1, 2, 3, ... without gaps),
// the UTC second it was written, and the chain.
struct AuditEntry {
  std::int64_t number = 0;
  std::string at;  // "2026-12-02T12:40:05Z"
  AuditEvent event;
  std::string previous_hash;  // 64 hex digits; the first entry's are zeros
  std::string hash;
};

// The hash an entry must carry: SHA-256 over the previous hash and every
// field, each field length-prefixed so that no two entries encode alike.
std::string audit_entry_hash(const AuditEntry& entry);

// An entry as JSON (one line of `parorende audit export`, one element of
// GET /api/v1/admin/audit): every field, hashes included.
boost::json::object audit_entry_json(const AuditEntry& entry);

// The hash before the first entry.
inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Which entries an export or a listing wants. Entries come in order of
// number, from `after` on, at most `limit` of them (0: all).
struct AuditQuery {
  std::int64_t after = 0;
  std::size_t limit = 0;
  std::string actor;   // exact; empty: any
  std::string action;  // exact; empty: any
};

struct AuditVerification {
  std::int64_t entries = 0;  // entries read
  // The first entry that does not verify, and why; none when all do.
  std::optional<std::int64_t> first_broken;
  std::string problem;
};

// What the store keeps beside the rows, in the same transaction as each
// append: how many entries were written and the last one's hash, so that
// removing the newest entries is found too.
struct AuditHead {
  std::int64_t entries = 0;
  std::string hash{kAuditGenesisHash};
};

// Walks `entries` (in stored order) against `head`. Pure: the store reads
// the rows, this decides.
AuditVerification verify_audit_chain(std::span<const AuditEntry> entries, const AuditHead& head);

}  // namespace parorende
