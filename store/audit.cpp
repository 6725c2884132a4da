#include "store/audit.h"

#include "common/crypto.h"

namespace parorende {
namespace {

void append_field(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

}  // namespace

std::string_view audit_outcome_name(AuditOutcome outcome) {
  switch (outcome) {
    case AuditOutcome::success: return "success";
    case AuditOutcome::refused: return "refused";
    case AuditOutcome::failed: return "failed";
  }
  return "failed";
}

std::optional<AuditOutcome> parse_audit_outcome(std::string_view name) {
  for (AuditOutcome outcome :
       {AuditOutcome::success, AuditOutcome::refused, AuditOutcome::failed}) {
    if (audit_outcome_name(outcome) == name) return outcome;
  }
  return std::nullopt;
}

std::string audit_entry_hash(const AuditEntry& entry) {
  std::string content = "parorende-audit-1\n";
  append_field(content, entry.previous_hash);
  append_field(content, std::to_string(entry.number));
  append_field(content, entry.at);
  append_field(content, entry.event.actor);
  append_field(content, entry.event.action);
  append_field(content, entry.event.object);
  append_field(content, audit_outcome_name(entry.event.outcome));
  append_field(content, entry.event.detail);
  return to_hex(sha256(content));
}

AuditVerification verify_audit_chain(std::span<const AuditEntry> entries, const AuditHead& head) {
  AuditVerification result;
  std::string previous{kAuditGenesisHash};
  std::int64_t expected_number = 1;
  auto broken = [&](std::int64_t number, std::string problem) {
    result.first_broken = number;
    result.problem = std::move(problem);
    return result;
  };
  for (const AuditEntry& entry : entries) {
    result.entries += 1;
    if (entry.number != expected_number) {
      return broken(expected_number, "entry " + std::to_string(expected_number) +
                                         " is missing (the next one stored is " +
                                         std::to_string(entry.number) + ")");
    }
    if (entry.previous_hash != previous) {
      return broken(entry.number, "entry " + std::to_string(entry.number) +
                                      " does not follow entry " + std::to_string(entry.number - 1) +
                                      " (an entry was changed, removed or moved)");
    }
    if (audit_entry_hash(entry) != entry.hash) {
      return broken(entry.number,
                    "entry " + std::to_string(entry.number) + " was changed after it was written");
    }
    previous = entry.hash;
    expected_number += 1;
  }
  std::int64_t stored = expected_number - 1;
  if (stored < head.entries) {
    std::string missing = stored + 1 == head.entries
                              ? "entry " + std::to_string(head.entries) + " was written and is"
                              : "entries " + std::to_string(stored + 1) + " to " +
                                    std::to_string(head.entries) + " were written and are";
    return broken(stored + 1, missing + " missing");
  }
  if (stored > head.entries || previous != head.hash) {
    return broken(stored, "the log's recorded end (entry " + std::to_string(head.entries) +
                              ") does not match its last entry " + std::to_string(stored));
  }
  return result;
}

boost::json::object audit_entry_json(const AuditEntry& entry) {
  return {{"number", entry.number},
          {"at", entry.at},
          {"actor", entry.event.actor},
          {"action", entry.event.action},
          {"object", entry.event.object},
          {"outcome", audit_outcome_name(entry.event.outcome)},
          {"detail", entry.event.detail},
          {"previous_hash", entry.previous_hash},
          {"hash", entry.hash}};
}

}  // namespace parorende
