// The audit log's rows (store/audit.h).
#include <ctime>
#include <limits>

#include "common/text.h"
#include "store/internal/store_impl.h"

namespace parorende {

using namespace store_detail;

namespace {

constexpr std::size_t kMaxAuditFieldBytes = 1000;

std::string utc_second_now() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return {text, length};
}

Status check_audit_field(std::string_view name, std::string_view value, bool required) {
  if (required && value.empty()) {
    return make_error("invalid_argument", "an audit entry needs " + std::string(name),
                      {{std::string(name), "missing", "required"}});
  }
  if (value.size() > kMaxAuditFieldBytes || has_control_character(value, false)) {
    return make_error("invalid_argument",
                      "an audit entry's " + std::string(name) +
                          " is over 1000 bytes or holds a control character",
                      {{std::string(name), "invalid_value", "at most 1000 bytes, no control"}});
  }
  return {};
}

// `to_append`: in the writer's transaction. On PostgreSQL several servers'
// writers append at once: the head's row lock makes each wait for the one
// before, so the chain stays one chain.
Result<AuditHead> read_head(Connection& connection, bool to_append) {
  auto select = connection.statement(
      to_append && connection.engine() == StoreEngine::postgresql
          ? "SELECT entries, hash FROM audit_head WHERE only_row = 1 FOR UPDATE"
          : "SELECT entries, hash FROM audit_head WHERE only_row = 1");
  if (!select) return select.take_error();
  auto row = select->step();
  if (!row) return row.take_error();
  if (!row.value()) return make_error("storage_failure", "the audit log's head row is missing");
  return AuditHead{select->int64(0), std::string(select->text(1))};
}

}  // namespace

Status ResponseStore::Impl::record_audit(const AuditEvent& event) {
  if (!writer_) return read_only_error();
  for (auto [name, value, required] :
       {std::tuple{"actor", std::string_view(event.actor), true},
        std::tuple{"action", std::string_view(event.action), true},
        std::tuple{"object", std::string_view(event.object), true},
        std::tuple{"detail", std::string_view(event.detail), false}}) {
    if (auto checked = check_audit_field(name, value, required); !checked) return checked;
  }
  return write([&](WriteContext& context) -> Status {
    auto head = read_head(context.connection, true);
    if (!head) return head.take_error();
    AuditEntry entry;
    entry.number = head->entries + 1;
    entry.at = utc_second_now();
    entry.event = event;
    entry.previous_hash = head->hash;
    entry.hash = audit_entry_hash(entry);
    auto insert = context.connection.statement(
        "INSERT INTO audit_log (number, at, actor, action, object, outcome, detail,"
        " previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert) return insert.take_error();
    insert->bind(1, entry.number)
        .bind(2, entry.at)
        .bind(3, entry.event.actor)
        .bind(4, entry.event.action)
        .bind(5, entry.event.object)
        .bind(6, audit_outcome_name(entry.event.outcome))
        .bind(7, entry.event.detail)
        .bind(8, entry.previous_hash)
        .bind(9, entry.hash);
    if (auto inserted = insert->run(); !inserted) return inserted;
    auto update = context.connection.statement(
        "UPDATE audit_head SET entries = ?, hash = ? WHERE only_row = 1");
    if (!update) return update.take_error();
    update->bind(1, entry.number).bind(2, entry.hash);
    return update->run();
  });
}

namespace {

// Reads entries in order of number. An outcome that is not one of ours
// (written by hand) is read as "failed" and said in the detail, which also
// makes the entry fail verification.
Result<std::vector<AuditEntry>> read_entries(Connection& connection, const AuditQuery& query) {
  auto select = connection.statement(
      "SELECT number, at, actor, action, object, outcome, detail, previous_hash, hash"
      " FROM audit_log WHERE number > ? AND (? = '' OR actor = ?) AND (? = '' OR action = ?)"
      " ORDER BY number LIMIT ?");
  if (!select) return select.take_error();
  select->bind(1, query.after)
      .bind(2, std::string_view(query.actor))
      .bind(3, std::string_view(query.actor))
      .bind(4, std::string_view(query.action))
      .bind(5, std::string_view(query.action))
      .bind(6, query.limit == 0 ? std::numeric_limits<std::int64_t>::max()
                                : static_cast<std::int64_t>(query.limit));
  std::vector<AuditEntry> entries;
  while (true) {
    auto row = select->step();
    if (!row) return row.take_error();
    if (!row.value()) break;
    AuditEntry entry;
    entry.number = select->int64(0);
    entry.at = select->text(1);
    entry.event.actor = select->text(2);
    entry.event.action = select->text(3);
    entry.event.object = select->text(4);
    std::string_view outcome = select->text(5);
    entry.event.outcome = parse_audit_outcome(outcome).value_or(AuditOutcome::failed);
    entry.event.detail = select->text(6);
    if (audit_outcome_name(entry.event.outcome) != outcome) {
      entry.event.detail = "(stored outcome \"" + std::string(outcome) + "\" is not one of ours) " +
                           entry.event.detail;
    }
    entry.previous_hash = select->text(7);
    entry.hash = select->text(8);
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace

Result<std::vector<AuditEntry>> ResponseStore::Impl::audit_entries(const AuditQuery& query) {
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  return read_entries(**reader, query);
}

Result<AuditVerification> ResponseStore::Impl::verify_audit() {
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  Connection& connection = **reader;
  if (auto begun = connection.execute("BEGIN"); !begun) return begun.take_error();
  Result<AuditVerification> result = [&]() -> Result<AuditVerification> {
    auto head = read_head(connection, false);
    if (!head) return head.take_error();
    auto entries = read_entries(connection, {});
    if (!entries) return entries.take_error();
    return verify_audit_chain(entries.value(), head.value());
  }();
  (void)connection.execute("COMMIT");
  return result;
}

}  // namespace parorende
