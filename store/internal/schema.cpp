#include "store/internal/schema.h"

#include <string>
#include <string_view>

#include "store/internal/postgres_schema.h"

namespace parorende {
namespace {

// "PRRN": tells our files from other SQLite databases.
constexpr std::int64_t kApplicationId = 0x5052524E;

constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE municipalities (
  code TEXT PRIMARY KEY CHECK (length(code) = 4),
  name TEXT NOT NULL,
  county_code TEXT NOT NULL,
  county_name TEXT NOT NULL,
  population INTEGER NOT NULL,
  area_km2 REAL NOT NULL,
  written_standard TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE questionnaires (
  id INTEGER PRIMARY KEY,
  questionnaire_id TEXT NOT NULL,
  version TEXT NOT NULL,
  definition TEXT NOT NULL,
  UNIQUE (questionnaire_id, version)
);
CREATE TRIGGER questionnaires_no_update BEFORE UPDATE ON questionnaires
BEGIN SELECT RAISE(ABORT, 'questionnaire_immutable'); END;
CREATE TRIGGER questionnaires_no_delete BEFORE DELETE ON questionnaires
BEGIN SELECT RAISE(ABORT, 'questionnaire_immutable'); END;

CREATE TABLE waves (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  questionnaire INTEGER NOT NULL REFERENCES questionnaires(id),
  opens_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  CHECK (opens_on <= closes_on)
);
CREATE TABLE wave_municipalities (
  wave INTEGER NOT NULL REFERENCES waves(id),
  municipality TEXT NOT NULL REFERENCES municipalities(code),
  PRIMARY KEY (wave, municipality)
) WITHOUT ROWID;

CREATE TABLE responses (
  id INTEGER PRIMARY KEY,
  wave INTEGER NOT NULL REFERENCES waves(id),
  municipality TEXT REFERENCES municipalities(code),
  status TEXT NOT NULL CHECK (status IN ('partial', 'complete')),
  language TEXT NOT NULL,
  consent_version TEXT NOT NULL CHECK (consent_version <> ''),
  started_on TEXT NOT NULL,
  saved_on TEXT NOT NULL,
  completed_on TEXT,
  resume_prefix INTEGER,
  resume_hash BLOB,
  receipt_prefix INTEGER,
  receipt_hash BLOB,
  item_values BLOB NOT NULL
);
CREATE INDEX responses_by_wave ON responses (wave, status);
CREATE INDEX responses_by_resume_code ON responses (resume_prefix)
  WHERE resume_prefix IS NOT NULL;
CREATE INDEX responses_by_receipt_code ON responses (receipt_prefix)
  WHERE receipt_prefix IS NOT NULL;

CREATE TABLE response_answers (
  response INTEGER PRIMARY KEY REFERENCES responses(id) ON DELETE CASCADE,
  answers TEXT NOT NULL
);
)sql";

constexpr std::string_view kVersion2 = R"sql(
CREATE TABLE municipality_offers (
  id INTEGER PRIMARY KEY,
  municipality TEXT NOT NULL REFERENCES municipalities(code),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  contact TEXT,
  url TEXT,
  valid_from TEXT,
  valid_to TEXT
);
CREATE INDEX municipality_offers_by_municipality
  ON municipality_offers (municipality, kind);
)sql";

// The offer catalogue (reference/offer_catalogue.h, docs/offers.md) replaces
// version 2's table, which nothing ever wrote.
constexpr std::string_view kVersion3 = R"sql(
DROP TABLE municipality_offers;
CREATE TABLE municipality_offers (
  id INTEGER PRIMARY KEY,
  municipality TEXT NOT NULL REFERENCES municipalities(code),
  offer_id TEXT NOT NULL CHECK (offer_id <> ''),
  type TEXT NOT NULL,
  target_groups TEXT NOT NULL,
  condition_groups TEXT NOT NULL,
  name_nb TEXT NOT NULL CHECK (name_nb <> ''),
  name_nn TEXT NOT NULL,
  name_en TEXT NOT NULL,
  description_nb TEXT NOT NULL,
  description_nn TEXT NOT NULL,
  description_en TEXT NOT NULL,
  contact_name TEXT NOT NULL,
  phone TEXT NOT NULL,
  email TEXT NOT NULL,
  url TEXT NOT NULL,
  address TEXT NOT NULL,
  demo INTEGER NOT NULL CHECK (demo IN (0, 1)),
  UNIQUE (municipality, offer_id)
);
)sql";

// What each complete response contributes to the published results
// (docs/privacy.md, "Results that change only in safe steps"): the block it
// is published in (a municipality's code as a number, 0 for the national
// pool, NULL when in no table), the tables (scales, then burden
// instruments: bit t) it is published in now, and those it ever was.
constexpr std::string_view kVersion4 = R"sql(
ALTER TABLE responses ADD COLUMN published_block INTEGER;
ALTER TABLE responses ADD COLUMN published_tables INTEGER NOT NULL DEFAULT 0;
ALTER TABLE responses ADD COLUMN ever_published_tables INTEGER NOT NULL DEFAULT 0;
CREATE INDEX responses_by_published_block ON responses (wave, published_block)
  WHERE published_block IS NOT NULL;
CREATE TABLE published_waves (
  wave INTEGER PRIMARY KEY REFERENCES waves(id),
  min_respondents INTEGER NOT NULL CHECK (min_respondents >= 1),
  background TEXT
);
)sql";

// The audit log (store/audit.h): entries numbered from 1 without gaps,
// each hashed over the previous one, and the head (how many were written,
// the last hash) updated in the same transaction. The triggers keep the
// application's own connections from changing history; someone with the
// file and sqlite3 can drop them, and the chain then shows what changed.
constexpr std::string_view kVersion5 = R"sql(
CREATE TABLE audit_log (
  number INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE audit_head (
  only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
  entries INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (only_row, entries, hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

// Version 6: staff accounts (store/accounts.h). Secrets are kept only as
// what proves them: libsodium's argon2id string for a password, the SHA-256
// of a one-time reset code; the TOTP key has to be kept as it is (both
// sides compute codes from it). Sessions are not stored: they live in the
// server's memory and end with it.
constexpr std::string_view kVersion6 = R"sql(
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL DEFAULT '',
  totp_key BLOB,
  totp_pending_key BLOB,
  totp_last_step INTEGER NOT NULL DEFAULT 0,
  reset_hash BLOB,
  reset_expires_on TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  session_epoch INTEGER NOT NULL DEFAULT 0,
  created_on TEXT NOT NULL
);
CREATE UNIQUE INDEX accounts_reset_hash ON accounts (reset_hash) WHERE reset_hash IS NOT NULL;
CREATE TABLE account_grants (
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  role TEXT NOT NULL CHECK (role IN ('national_admin', 'municipality_staff', 'researcher')),
  scope TEXT NOT NULL,
  expires_on TEXT,
  PRIMARY KEY (account_id, role, scope)
);
)sql";

// Version 7: accounts that sign in through an OpenID Provider, linked by
// the provider's issuer and its subject (the sub claim): stable where a
// name or e-mail address may change or be given to someone else.
constexpr std::string_view kVersion7 = R"sql(
CREATE TABLE account_identities (
  issuer TEXT NOT NULL,
  subject TEXT NOT NULL,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  PRIMARY KEY (issuer, subject)
);
)sql";

// Version 8: one-time invitation codes, issued in batches per wave and
// municipality. A code is stored only as its hash, and a response row never
// refers to the code that opened it (docs/privacy.md, "Invitations"):
// `used` is the one thing a code's row learns.
constexpr std::string_view kVersion8 = R"sql(
CREATE TABLE invitation_batches (
  id INTEGER PRIMARY KEY,
  wave INTEGER NOT NULL REFERENCES waves (id),
  municipality TEXT NOT NULL REFERENCES municipalities (code),
  label TEXT NOT NULL,
  created_on TEXT NOT NULL,
  issued INTEGER NOT NULL CHECK (issued > 0)
);
CREATE INDEX invitation_batches_by_municipality ON invitation_batches (municipality);
CREATE TABLE invitation_codes (
  code_hash BLOB PRIMARY KEY CHECK (length(code_hash) = 32),
  batch INTEGER NOT NULL REFERENCES invitation_batches (id),
  used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
) WITHOUT ROWID;
CREATE INDEX invitation_codes_by_batch ON invitation_codes (batch, used);
)sql";

// Version 9: how caregivers reach their municipality, kept by its staff
// and shown with the screening result, on letters and on posters.
constexpr std::string_view kVersion9 = R"sql(
CREATE TABLE municipality_contacts (
  municipality TEXT PRIMARY KEY REFERENCES municipalities (code),
  contact_name TEXT NOT NULL,
  phone TEXT NOT NULL,
  email TEXT NOT NULL,
  switchboard TEXT NOT NULL,
  web_site TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// Version 10: whether a round shows its caregivers' free-text answers,
// masked, to the municipality's staff. Only a questionnaire version whose
// consent says so allows it (docs/privacy.md, "Comments"); 0 for every
// round made before.
constexpr std::string_view kVersion10 = R"sql(
ALTER TABLE waves ADD COLUMN comments_shared INTEGER NOT NULL DEFAULT 0
  CHECK (comments_shared IN (0, 1));
)sql";

// Version 11: whether anyone may read a round's figures, or only staff
// (docs/privacy.md, "Who reads a round's results"). Every round made
// before was public, so it stays so. Whether a round tracks participation,
// and then each code's letter number in its batch (NULL in every other
// round: docs/privacy.md, "Invitations"). And the municipalities that
// joined a national round: its staff pages offer them its open link and
// invitations.
constexpr std::string_view kVersion11 = R"sql(
ALTER TABLE waves ADD COLUMN results_public INTEGER NOT NULL DEFAULT 1
  CHECK (results_public IN (0, 1));
ALTER TABLE waves ADD COLUMN participation_tracked INTEGER NOT NULL DEFAULT 0
  CHECK (participation_tracked IN (0, 1));
ALTER TABLE invitation_codes ADD COLUMN letter INTEGER CHECK (letter > 0);
CREATE TABLE wave_participants (
  wave INTEGER NOT NULL REFERENCES waves(id),
  municipality TEXT NOT NULL REFERENCES municipalities(code),
  PRIMARY KEY (wave, municipality)
) WITHOUT ROWID;
)sql";

// Version 12: what signed-in staff and sign-ins under way leave behind, so
// that every server over one database sees it (docs/security.md,
// "Sessions"). A session is kept under the SHA-256 of its id; a sign-in
// through an OpenID Provider under the SHA-256 of its state. The buckets
// of the sign-in throttle are kept as the moment each is full again. Times
// are Unix seconds.
constexpr std::string_view kVersion12 = R"sql(
CREATE TABLE staff_sessions (
  session_key BLOB PRIMARY KEY CHECK (length(session_key) = 32),
  account_id INTEGER NOT NULL,
  epoch INTEGER NOT NULL,
  second_factor_done INTEGER NOT NULL CHECK (second_factor_done IN (0, 1)),
  started_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL,
  provider_id TEXT NOT NULL,
  id_token TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX staff_sessions_by_account ON staff_sessions (account_id, started_at);
CREATE TABLE sign_in_buckets (
  bucket_key BLOB PRIMARY KEY CHECK (length(bucket_key) = 32),
  full_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sign_in_buckets_by_time ON sign_in_buckets (full_at);
CREATE TABLE openid_sign_ins (
  state_key BLOB PRIMARY KEY CHECK (length(state_key) = 32),
  provider_id TEXT NOT NULL,
  nonce TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  language TEXT NOT NULL,
  binding BLOB NOT NULL CHECK (length(binding) = 32),
  started_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX openid_sign_ins_by_time ON openid_sign_ins (started_at);
)sql";

Status migrate_to_1(Connection& connection) {
  if (auto created = connection.execute(kVersion1); !created) return created;
  return load_municipalities(connection);
}

Status migrate_to_2(Connection& connection) { return connection.execute(kVersion2); }

Status migrate_to_3(Connection& connection) { return connection.execute(kVersion3); }

Status migrate_to_4(Connection& connection) { return connection.execute(kVersion4); }

Status migrate_to_5(Connection& connection) { return connection.execute(kVersion5); }

Status migrate_to_6(Connection& connection) { return connection.execute(kVersion6); }

Status migrate_to_7(Connection& connection) { return connection.execute(kVersion7); }

Status migrate_to_8(Connection& connection) { return connection.execute(kVersion8); }

Status migrate_to_9(Connection& connection) { return connection.execute(kVersion9); }

Status migrate_to_10(Connection& connection) { return connection.execute(kVersion10); }

Status migrate_to_11(Connection& connection) { return connection.execute(kVersion11); }

Status migrate_to_12(Connection& connection) { return connection.execute(kVersion12); }

// kMigrations[n] takes a database from version n to n + 1. Append only.
using Migration = Status (*)(Connection&);
constexpr Migration kMigrations[] = {migrate_to_1, migrate_to_2,  migrate_to_3,  migrate_to_4,
                                     migrate_to_5, migrate_to_6,  migrate_to_7,  migrate_to_8,
                                     migrate_to_9, migrate_to_10, migrate_to_11, migrate_to_12};

Result<bool> is_empty(Connection& connection) {
  auto objects = connection.query_int("SELECT count(*) FROM sqlite_schema");
  if (!objects) return objects.take_error();
  return objects.value() == 0;
}

Status apply_migrations(Connection& connection, int target_version) {
  auto version = schema_version(connection);
  if (!version) return version.take_error();
  if (version.value() > latest_schema_version()) {
    return make_error("schema_too_new",
                      "the database has schema version " + std::to_string(version.value()) +
                          ", written by a newer parorende; this one knows up to " +
                          std::to_string(latest_schema_version()));
  }
  if (version.value() == 0) {
    if (auto marked =
            connection.execute("PRAGMA application_id = " + std::to_string(kApplicationId));
        !marked) {
      return marked;
    }
  }
  for (int next = version.value(); next < target_version; ++next) {
    if (auto migrated = kMigrations[next](connection); !migrated) return migrated;
  }
  if (version.value() < target_version) {
    return connection.execute("PRAGMA user_version = " + std::to_string(target_version));
  }
  return {};
}

}  // namespace

int latest_schema_version() { return static_cast<int>(std::size(kMigrations)); }

Result<int> schema_version(Connection& connection) {
  if (PostgresConnection* postgres = connection.postgres()) {
    return postgres_schema_version(*postgres);
  }
  auto application = connection.query_int("PRAGMA application_id");
  if (!application) return application.take_error();
  auto version = connection.query_int("PRAGMA user_version");
  if (!version) return version.take_error();
  if (application.value() != kApplicationId) {
    auto empty = is_empty(connection);
    if (!empty) return empty.take_error();
    if (!empty.value() || version.value() != 0) {
      return make_error("not_a_parorende_database",
                        "the file is an SQLite database of another application");
    }
    return 0;
  }
  return static_cast<int>(version.value());
}

Status migrate(Connection& connection, int target_version) {
  if (target_version < 0 || target_version > latest_schema_version()) {
    return make_error("invalid_argument", "no schema version " + std::to_string(target_version));
  }
  if (PostgresConnection* postgres = connection.postgres()) {
    if (target_version != latest_schema_version()) {
      return make_error("invalid_argument", "a PostgreSQL database migrates to the latest version");
    }
    return migrate_postgres(*postgres);
  }
  // IMMEDIATE: two processes opening a new file at once must not both migrate.
  if (auto begun = connection.execute("BEGIN IMMEDIATE"); !begun) return begun;
  auto migrated = apply_migrations(connection, target_version);
  if (!migrated) {
    (void)connection.execute("ROLLBACK");
    return migrated;
  }
  return connection.execute("COMMIT");
}

}  // namespace parorende
