// Staff sessions, the sign-in throttle's buckets and sign-ins through
// OpenID Providers under way (store/sign_in_state.h).
#include <stdexcept>

#include "store/internal/store_impl.h"

namespace parorende {

using namespace store_detail;

namespace {

constexpr std::string_view kSessionColumns =
    "account_id, epoch, second_factor_done, started_at, last_used_at, provider_id, id_token";

Status run_keyed(Connection& connection, std::string_view sql, const Sha256Digest& key) {
  auto statement = connection.statement(sql);
  if (!statement) return statement.take_error();
  statement->bind_blob(1, key);
  return statement->run();
}

// Deletes up to `count` rows of `table`, the ones first in `order`.
Status delete_first(Connection& connection, std::string_view table, std::string_view key,
                    std::string_view order, std::string_view where, std::int64_t count,
                    const std::function<void(StatementUse&)>& bind) {
  if (count <= 0) return {};
  std::string sql = "DELETE FROM " + std::string(table) + " WHERE " + std::string(key) +
                    " IN (SELECT " + std::string(key) + " FROM " + std::string(table) + " WHERE " +
                    std::string(where) + " ORDER BY " + std::string(order) + " LIMIT ?)";
  auto statement = connection.statement(sql);
  if (!statement) return statement.take_error();
  bind(*statement);
  return statement->run();
}

// The first column of the row `sql` gives (0 when it gives none).
Result<std::int64_t> first_int(Connection& connection, std::string_view sql,
                               const std::function<void(StatementUse&)>& bind) {
  auto statement = connection.statement(sql);
  if (!statement) return statement.take_error();
  bind(*statement);
  auto row = statement->step();
  if (!row) return row.take_error();
  return row.value() ? statement->int64(0) : 0;
}

Status forget_sign_ins_started_before(Connection& connection, std::int64_t started_before) {
  auto forget = connection.statement("DELETE FROM openid_sign_ins WHERE started_at < ?");
  if (!forget) return forget.take_error();
  forget->bind(1, started_before);
  return forget->run();
}

Status forget_full_buckets(Connection& connection, std::int64_t now) {
  auto forget = connection.statement("DELETE FROM sign_in_buckets WHERE full_at <= ?");
  if (!forget) return forget.take_error();
  forget->bind(1, now);
  return forget->run();
}

}  // namespace

namespace store_detail {

// Raises the account's epoch (setting `more_sql` too: ", column = ?3"
// bound by `bind`), deletes its sessions but the kept one and moves that
// one to the new epoch. With a kept session, only while the epoch is the
// one its request was allowed with: "unauthorized" otherwise.
Status end_sessions(Connection& connection, std::int64_t account_id,
                    const std::optional<KeptSession>& kept, std::string_view more_sql,
                    const std::function<void(StatementUse&)>& bind) {
  if (kept && kept->epoch < 0) {
    throw std::logic_error("end_sessions: a session epoch is never negative");
  }
  auto raise = connection.statement(
      "UPDATE accounts SET session_epoch = session_epoch + 1" + std::string(more_sql) +
      " WHERE id = ?1 AND (CAST(?2 AS BIGINT) < 0 OR session_epoch = ?2)");
  if (!raise) return raise.take_error();
  raise->bind(1, account_id).bind(2, kept ? kept->epoch : std::int64_t{-1});
  if (bind) bind(*raise);
  if (auto raised = raise->run(); !raised) return raised;
  if (kept && connection.changes() == 0) {
    return make_error("unauthorized", "sign in again (the account's sessions changed meanwhile)");
  }
  auto remove = connection.statement(
      kept ? "DELETE FROM staff_sessions WHERE account_id = ? AND session_key <> ?"
           : "DELETE FROM staff_sessions WHERE account_id = ?");
  if (!remove) return remove.take_error();
  remove->bind(1, account_id);
  if (kept) remove->bind_blob(2, kept->key);
  if (auto removed = remove->run(); !removed) return removed;
  if (!kept) return {};
  auto move = connection.statement(
      "UPDATE staff_sessions SET epoch = ? WHERE session_key = ? AND account_id = ? AND epoch = ?");
  if (!move) return move.take_error();
  move->bind(1, kept->epoch + 1).bind_blob(2, kept->key).bind(3, account_id).bind(4, kept->epoch);
  return move->run();
}

}  // namespace store_detail

Status ResponseStore::Impl::add_staff_session(const Sha256Digest& key,
                                              const StoredStaffSession& session,
                                              std::size_t per_account, StaffSessionCutoffs over) {
  return write([&](WriteContext& context) -> Status {
    Connection& connection = context.connection;
    auto forget =
        connection.statement("DELETE FROM staff_sessions WHERE last_used_at < ? OR started_at < ?");
    if (!forget) return forget.take_error();
    forget->bind(1, over.idle_before).bind(2, over.started_before);
    if (auto forgotten = forget->run(); !forgotten) return forgotten;
    auto held = first_int(connection, "SELECT count(*) FROM staff_sessions WHERE account_id = ?",
                          [&](StatementUse& select) { select.bind(1, session.account_id); });
    if (!held) return held.take_error();
    std::int64_t excess = held.value() - static_cast<std::int64_t>(per_account) + 1;
    auto oldest = delete_first(
        connection, "staff_sessions", "session_key", "started_at, session_key", "account_id = ?",
        excess, [&](StatementUse& remove) { remove.bind(1, session.account_id).bind(2, excess); });
    if (!oldest) return oldest;
    auto insert =
        connection.statement("INSERT INTO staff_sessions (session_key, " +
                             std::string(kSessionColumns) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert) return insert.take_error();
    insert->bind_blob(1, key)
        .bind(2, session.account_id)
        .bind(3, session.epoch)
        .bind(4, std::int64_t{session.second_factor_done ? 1 : 0})
        .bind(5, session.started_at)
        .bind(6, session.last_used_at)
        .bind(7, session.provider_id)
        .bind(8, session.id_token);
    return insert->run();
  });
}

Result<std::optional<StoredStaffSession>> ResponseStore::Impl::staff_session(
    const Sha256Digest& key) {
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  auto select = (*reader)->statement("SELECT " + std::string(kSessionColumns) +
                                     " FROM staff_sessions WHERE session_key = ?");
  if (!select) return select.take_error();
  select->bind_blob(1, key);
  auto row = select->step();
  if (!row) return row.take_error();
  if (!row.value()) return std::optional<StoredStaffSession>();
  StoredStaffSession session;
  session.account_id = select->int64(0);
  session.epoch = select->int64(1);
  session.second_factor_done = select->int64(2) != 0;
  session.started_at = select->int64(3);
  session.last_used_at = select->int64(4);
  session.provider_id = select->text(5);
  session.id_token = select->text(6);
  return std::optional(std::move(session));
}

Status ResponseStore::Impl::touch_staff_session(const Sha256Digest& key, std::int64_t now) {
  return write([&](WriteContext& context) -> Status {
    auto touch = context.connection.statement(
        "UPDATE staff_sessions SET last_used_at = ? WHERE session_key = ? AND last_used_at < ?");
    if (!touch) return touch.take_error();
    touch->bind(1, now).bind_blob(2, key).bind(3, now);
    return touch->run();
  });
}

Status ResponseStore::Impl::end_staff_session(const Sha256Digest& key) {
  return write([&](WriteContext& context) {
    return run_keyed(context.connection, "DELETE FROM staff_sessions WHERE session_key = ?", key);
  });
}

Status ResponseStore::Impl::end_staff_sessions(std::int64_t account_id,
                                               const std::optional<KeptSession>& kept) {
  return write([&](WriteContext& context) -> Status {
    return end_sessions(context.connection, account_id, kept, "", {});
  });
}

Status ResponseStore::Impl::confirm_totp_key(std::int64_t account_id, std::int64_t step,
                                             std::span<const std::uint8_t> key,
                                             const KeptSession& kept) {
  if (!writer_) return read_only_error();
  if (key.empty()) return make_error("totp_replayed", "no one-time code key");
  return write([&](WriteContext& context) -> Status {
    Connection& connection = context.connection;
    auto confirm = connection.statement(
        "UPDATE accounts SET totp_last_step = ?, totp_key = totp_pending_key,"
        " totp_pending_key = NULL WHERE id = ? AND totp_pending_key = ? AND totp_last_step < ?");
    if (!confirm) return confirm.take_error();
    confirm->bind(1, step).bind(2, account_id).bind_blob(3, key).bind(4, step);
    if (auto ran = confirm->run(); !ran) return ran;
    if (connection.changes() == 0) {
      return make_error("totp_replayed", "this one-time code was used already");
    }
    if (auto ended = end_sessions(connection, account_id, kept, "", {}); !ended) return ended;
    return run_keyed(connection,
                     "UPDATE staff_sessions SET second_factor_done = 1 WHERE session_key = ?",
                     kept.key);
  });
}

Status ResponseStore::Impl::change_password(std::int64_t account_id, std::string_view password_hash,
                                            const KeptSession& kept) {
  if (!writer_) return read_only_error();
  return write([&](WriteContext& context) -> Status {
    return end_sessions(context.connection, account_id, kept,
                        ", password_hash = ?3, reset_hash = NULL, reset_expires_on = NULL",
                        [&](StatementUse& update) { update.bind(3, password_hash); });
  });
}

Result<std::int64_t> ResponseStore::Impl::charge_buckets(std::span<const BucketCharge> charges,
                                                         std::int64_t now) {
  std::int64_t wait = 0;
  auto written = write([&](WriteContext& context) -> Status {
    Connection& connection = context.connection;
    wait = 0;
    if (auto forgotten = forget_full_buckets(connection, now); !forgotten) return forgotten;
    std::vector<std::int64_t> full_at;
    for (const BucketCharge& charge : charges) {
      auto found = first_int(connection, "SELECT full_at FROM sign_in_buckets WHERE bucket_key = ?",
                             [&](StatementUse& select) { select.bind_blob(1, charge.key); });
      if (!found) return found.take_error();
      std::int64_t full = std::max(found.value(), now);
      if (full - now > charge.allowance) {
        wait = full - now - charge.allowance;
        return {};
      }
      full_at.push_back(full);
    }
    auto charge = connection.statement(
        "INSERT INTO sign_in_buckets (bucket_key, full_at) VALUES (?, ?)"
        " ON CONFLICT (bucket_key) DO UPDATE SET full_at = excluded.full_at");
    if (!charge) return charge.take_error();
    for (std::size_t i = 0; i < charges.size(); ++i) {
      charge->reset();
      charge->bind_blob(1, charges[i].key).bind(2, full_at[i] + charges[i].cost);
      if (auto charged = charge->run(); !charged) return charged;
    }
    return {};
  });
  if (!written) return written.error();
  return wait;
}

Status ResponseStore::Impl::refund_buckets(std::span<const BucketCharge> charges,
                                           std::int64_t now) {
  return write([&](WriteContext& context) -> Status {
    Connection& connection = context.connection;
    auto refund = connection.statement(
        "UPDATE sign_in_buckets SET full_at = full_at - ? WHERE bucket_key = ?");
    if (!refund) return refund.take_error();
    for (const BucketCharge& charge : charges) {
      refund->reset();
      refund->bind(1, charge.cost).bind_blob(2, charge.key);
      if (auto refunded = refund->run(); !refunded) return refunded;
    }
    return forget_full_buckets(connection, now);
  });
}

Status ResponseStore::Impl::add_openid_sign_in(const Sha256Digest& state_key,
                                               const StoredOpenIdSignIn& sign_in,
                                               std::size_t max_pending,
                                               std::int64_t started_before) {
  return write([&](WriteContext& context) -> Status {
    Connection& connection = context.connection;
    if (auto forgotten = forget_sign_ins_started_before(connection, started_before); !forgotten) {
      return forgotten;
    }
    auto held = first_int(connection, "SELECT count(*) FROM openid_sign_ins", [](StatementUse&) {});
    if (!held) return held.take_error();
    std::int64_t excess = held.value() - static_cast<std::int64_t>(max_pending) + 1;
    auto oldest =
        delete_first(connection, "openid_sign_ins", "state_key", "started_at, state_key", "1 = 1",
                     excess, [&](StatementUse& remove) { remove.bind(1, excess); });
    if (!oldest) return oldest;
    auto insert = connection.statement(
        "INSERT INTO openid_sign_ins (state_key, provider_id, nonce, code_verifier, language,"
        " binding, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!insert) return insert.take_error();
    insert->bind_blob(1, state_key)
        .bind(2, sign_in.provider_id)
        .bind(3, sign_in.nonce)
        .bind(4, sign_in.code_verifier)
        .bind(5, sign_in.language)
        .bind_blob(6, sign_in.binding)
        .bind(7, sign_in.started_at);
    return insert->run();
  });
}

Result<std::optional<StoredOpenIdSignIn>> ResponseStore::Impl::take_openid_sign_in(
    const Sha256Digest& state_key, std::int64_t started_before) {
  std::optional<StoredOpenIdSignIn> taken;
  auto written = write([&](WriteContext& context) -> Status {
    Connection& connection = context.connection;
    taken.reset();
    if (auto forgotten = forget_sign_ins_started_before(connection, started_before); !forgotten) {
      return forgotten;
    }
    auto select = connection.statement(
        "SELECT provider_id, nonce, code_verifier, language, binding, started_at"
        " FROM openid_sign_ins WHERE state_key = ?");
    if (!select) return select.take_error();
    select->bind_blob(1, state_key);
    auto row = select->step();
    if (!row) return row.take_error();
    if (!row.value()) return {};
    StoredOpenIdSignIn sign_in;
    sign_in.provider_id = select->text(0);
    sign_in.nonce = select->text(1);
    sign_in.code_verifier = select->text(2);
    sign_in.language = select->text(3);
    auto binding = select->blob(4);
    if (binding.size() != sign_in.binding.size()) {
      return make_error("storage_failure", "a sign-in's binding is not a SHA-256 digest");
    }
    std::copy(binding.begin(), binding.end(), sign_in.binding.begin());
    sign_in.started_at = select->int64(5);
    select->reset();
    if (auto removed =
            run_keyed(connection, "DELETE FROM openid_sign_ins WHERE state_key = ?", state_key);
        !removed) {
      return removed;
    }
    if (sign_in.started_at >= started_before) taken = std::move(sign_in);
    return {};
  });
  if (!written) return written.error();
  return taken;
}

Result<std::int64_t> ResponseStore::Impl::row_count(std::string_view table) {
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  return (*reader)->query_int("SELECT count(*) FROM " + std::string(table));
}

}  // namespace parorende
