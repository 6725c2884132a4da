// Every subcommand of `parorende` and its options, declared once with CLI11:
// the parser, the checks and the --help text come from these declarations.
// Values are checked here with our own parsers (their messages name what is
// wrong), so a subcommand gets its options ready to use (cli/commands.h and
// the headers beside it).
#include "cli/command_line.h"

#include <CLI/CLI.hpp>
#include <boost/asio/ip/address.hpp>
#include <charconv>
#include <functional>
#include <iostream>
#include <limits>
#include <memory>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "cli/analytics_commands.h"
#include "cli/commands.h"
#include "cli/redcap_commands.h"
#include "cli/serve_command.h"
#include "store/store_location.h"

namespace parorende::cli {
namespace {

constexpr int kUsageError = 2;

// ---- Values: each parser answers a Result, whose message CLI11 prints
// after the option's name ("--port: '70000' is not a whole number ...").

// Decimal only: CLI11's own conversion would also read octal ("010" is 8)
// and hexadecimal, and wrap "-1" into an unsigned option.
template <typename Number>
Result<Number> parse_whole_number(std::string_view text, Number min, Number max) {
  Number value{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc() && end == text.data() + text.size() && value >= min && value <= max) {
    return value;
  }
  // The limits of a 64-bit number go without saying; those of a port do not.
  const bool bounded =
      max != std::numeric_limits<Number>::max() || sizeof(Number) < sizeof(std::int64_t);
  std::string expected = "a whole number";
  if (bounded) {
    expected += " from " + std::to_string(min) + " to " + std::to_string(max);
  } else if (min != 0) {
    expected += " of at least " + std::to_string(min);
  }
  return make_error("usage", "'" + std::string(text) + "' is not " + expected);
}

Result<Date> parse_date(std::string_view text) {
  if (auto date = parse_iso_date(text)) return *date;
  return make_error("usage", "'" + std::string(text) + "' is not a date written YYYY-MM-DD");
}

Result<std::string> parse_one_of(std::string_view text,
                                 std::initializer_list<std::string_view> choices) {
  std::string listed;
  for (std::string_view choice : choices) {
    if (text == choice) return std::string(text);
    listed += (listed.empty() ? "" : ", ") + std::string(choice);
  }
  return make_error("usage", "'" + std::string(text) + "' is not one of " + listed);
}

// k of the disclosure control: below the lowest is refused with the reason.
Result<int> parse_min_respondents(std::string_view text) {
  auto value = parse_whole_number<int>(text, 0, 1'000'000);
  if (!value) return value.take_error();
  return analytics::disclosure_threshold(value.value());
}

// PER_SECOND or PER_SECOND:BURST; the burst defaults to ten seconds' worth.
Result<server::RateLimit> parse_rate(std::string_view text) {
  auto number = [](std::string_view part) -> std::optional<double> {
    double value = 0;
    auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (error != std::errc() || end != part.data() + part.size()) return std::nullopt;
    return value;
  };
  const std::size_t colon = text.find(':');
  std::optional<double> per_second = number(text.substr(0, colon));
  std::optional<double> burst;
  if (colon == std::string_view::npos) {
    if (per_second) burst = std::max(1.0, *per_second * 10);
  } else {
    burst = number(text.substr(colon + 1));
  }
  if (!per_second || !burst) {
    return make_error("usage", "'" + std::string(text) + "' is not PER_SECOND or PER_SECOND:BURST");
  }
  // Written so that NaN fails too.
  if (!(*per_second >= 0) || !(*burst >= 1)) {
    return make_error("usage", "the rate must be >= 0 and the burst >= 1");
  }
  return server::RateLimit{*per_second, *burst};
}

Result<StoreOptions::Synchronous> parse_synchronous(std::string_view text) {
  auto mode = parse_one_of(text, {"full", "normal"});
  if (!mode) return mode.take_error();
  return mode.value() == "full" ? StoreOptions::Synchronous::full
                                : StoreOptions::Synchronous::normal;
}

Result<analytics::ExportFormat> parse_format(std::string_view text) {
  if (auto format = analytics::parse_export_format(text)) return *format;
  return make_error("usage", "'" + std::string(text) + "' is not one of csv, json, sav, dta");
}

// ---- Declaring options.

// An option whose text `parse` reads into `target`. CLI11 runs the check
// before the function, so a mistake becomes its usage error with our
// message, and `target` is set only from good text.
template <typename Target, typename Parse>
CLI::Option* add_parsed_option(CLI::App& command, const std::string& name, Target& target,
                               Parse parse, const std::string& description) {
  CLI::Option* option = command.add_option_function<std::string>(
      name, [&target, parse](const std::string& text) { target = parse(text).value(); },
      description);
  option->check(CLI::Validator(
      [parse](std::string& text) {
        auto parsed = parse(text);
        return parsed ? std::string() : parsed.error().message;
      },
      ""));
  return option;
}

template <typename Number>
CLI::Option* add_whole_number(CLI::App& command, const std::string& name, Number& target,
                              std::type_identity_t<Number> min, std::type_identity_t<Number> max,
                              const std::string& description) {
  auto parse = [min, max](std::string_view text) { return parse_whole_number(text, min, max); };
  return add_parsed_option(command, name, target, parse, description)
      ->type_name("N")
      ->default_str(std::to_string(target));
}

CLI::Option* add_min_respondents(CLI::App& command, int& target) {
  return add_parsed_option(command, "--min-respondents", target, parse_min_respondents,
                           "k: figures resting on fewer respondents are withheld; at least " +
                               std::to_string(analytics::kLowestMinRespondents) +
                               " (docs/privacy.md)")
      ->type_name("K")
      ->default_str(std::to_string(target));
}

// The value is checked here, and sqlite:FILE becomes FILE; a PostgreSQL
// URI is passed on as given.
CLI::Option* add_database(CLI::App& command, std::string& target) {
  return command
      .add_option("--db", target,
                  "the response database: an SQLite file (FILE or sqlite:FILE) or a "
                  "PostgreSQL database (postgresql://...)")
      ->required()
      ->type_name("DB")
      ->transform(CLI::Validator(
          [](std::string& text) {
            auto location = parse_store_location(text);
            if (!location) return location.error().message;
            if (location->engine == StoreEngine::sqlite) text = location->target;
            return std::string();
          },
          ""));
}

// A database of one engine: --from FILE (or sqlite:FILE), --to postgresql://...
CLI::Option* add_database_of(CLI::App& command, const std::string& name, StoreEngine engine,
                             std::string& target) {
  bool sqlite = engine == StoreEngine::sqlite;
  return command
      .add_option(name, target,
                  sqlite ? "the SQLite file (FILE or sqlite:FILE)"
                         : "the PostgreSQL database (postgresql://...)")
      ->required()
      ->type_name(sqlite ? "FILE" : "URI")
      ->transform(CLI::Validator(
          [engine, sqlite](std::string& text) {
            auto location = parse_store_location(text);
            if (!location) return location.error().message;
            if (location->engine != engine) {
              return "'" + printable_store_location(text) + "' is not " +
                     (sqlite ? "an SQLite file" : "a PostgreSQL database (postgresql://...)");
            }
            text = location->target;
            return std::string();
          },
          ""));
}

// ---- Subcommands.

// The subcommands declared, each with its work; a group of subcommands
// (wave, offers) has no work of its own.
class Subcommands {
 public:
  // A subcommand of `parent` whose options are parsed into an `Options`,
  // which `work` gets once the whole command line parsed.
  template <typename Options>
  std::pair<CLI::App*, Options*> add(CLI::App& parent, const std::string& name,
                                     const std::string& description, int (*work)(const Options&)) {
    auto options = std::make_shared<Options>();
    CLI::App* command = parent.add_subcommand(name, description);
    declared_.push_back({command, [options, work] { return work(*options); }});
    return {command, options.get()};
  }

  // The work of the subcommand on the command line; null when it named
  // only a group, or nothing.
  const std::function<int()>* chosen() const {
    for (const Declared& declared : declared_) {
      if (declared.command->parsed()) return &declared.work;
    }
    return nullptr;
  }

 private:
  struct Declared {
    const CLI::App* command;
    std::function<int()> work;
  };
  std::vector<Declared> declared_;
};

void declare_questionnaire_commands(CLI::App& app, Subcommands& subcommands) {
  {
    auto [command, options] =
        subcommands.add(app, "validate", "check questionnaire definitions", validate_command);
    command->add_option("FILE", options->files, "definition files (JSON)")->required();
  }
  {
    auto [command, options] = subcommands.add(app, "score", "score one response", score_command);
    command->add_option("--questionnaire", options->questionnaire, "the definition")
        ->required()
        ->type_name("FILE");
    command->add_option("--response", options->response, "the response document")
        ->required()
        ->type_name("FILE");
    command->add_flag("--partial", options->partial,
                      "an unfinished response: required items may be missing");
  }
}

void declare_redcap_commands(CLI::App& app, Subcommands& subcommands) {
  {
    auto [command, options] = subcommands.add(
        app, "export-redcap", "a questionnaire as a REDCap data dictionary (docs/redcap.md)",
        export_redcap_command);
    command
        ->add_option("--questionnaire", options->questionnaire,
                     "a definition file, or an id looked up as DIR/ID.json")
        ->required()
        ->type_name("ID_OR_FILE");
    command
        ->add_option("--lang", options->language,
                     "the one language of the labels (default: the questionnaire's)")
        ->type_name("TAG");
    command
        ->add_option("--out", options->out, "where the dictionary goes (default: standard output)")
        ->type_name("FILE");
    command
        ->add_option("--questionnaires-dir", options->questionnaires_dir, "where ids are looked up")
        ->type_name("DIR")
        ->capture_default_str();
  }
  {
    auto [command, options] = subcommands.add(
        app, "import-redcap", "a definition from a REDCap data dictionary (docs/redcap.md)",
        import_redcap_command);
    command
        ->add_option("FILE", options->file,
                     "the data dictionary (.csv), or an instrument ZIP from REDCap (.zip)")
        ->required();
    command
        ->add_option("--id", options->import.id,
                     "the questionnaire id (default: the first row's Form Name)")
        ->type_name("ID");
    command->add_option("--version", options->import.version, "the questionnaire version")
        ->type_name("V")
        ->capture_default_str();
    command->add_option("--lang", options->import.language, "the one language of every text")
        ->type_name("TAG")
        ->capture_default_str();
    command->add_flag(
        "--no-record-id", options->import.no_record_id,
        "the first field is a question too (an instrument.csv from REDCap's Shared Library)");
    command
        ->add_option("--out", options->out, "where the definition goes (default: standard output)")
        ->type_name("FILE");
  }
}

void declare_store_commands(CLI::App& app, Subcommands& subcommands) {
  {
    auto [command, options] =
        subcommands.add(app, "init-db", "create or migrate a response database", init_db_command);
    add_database(*command, options->db);
  }
  {
    auto [command, options] =
        subcommands.add(app, "publish", "publish questionnaire versions", publish_command);
    add_database(*command, options->db);
    command->add_option("QUESTIONNAIRE.json", options->files, "definition files")->required();
  }
  {
    CLI::App* wave =
        app.add_subcommand("wave", "create or list survey waves")->require_subcommand(0, 1);
    auto [create, options] = subcommands.add(
        *wave, "create", "create a wave of a published questionnaire", wave_create_command);
    WaveSpec& spec = options->spec;
    add_database(*create, options->db);
    create->add_option("--questionnaire", spec.questionnaire_id, "the questionnaire's id")
        ->required()
        ->type_name("ID");
    create->add_option("--version", spec.questionnaire_version, "its version (default: the latest)")
        ->type_name("VERSION");
    create->add_option("--name", spec.name, "the wave's name")->required()->type_name("NAME");
    add_parsed_option(*create, "--opens", spec.opens, parse_date, "the first day answers are taken")
        ->required()
        ->type_name("YYYY-MM-DD");
    add_parsed_option(*create, "--closes", spec.closes, parse_date,
                      "the last day answers are taken")
        ->required()
        ->type_name("YYYY-MM-DD");
    create
        ->add_option("--municipalities", spec.municipalities,
                     "the municipalities asked (default: national)")
        ->delimiter(',')
        ->type_name("CODE,...");
    create->add_flag("--share-comments", spec.comments_shared,
                     "show caregivers' comments, masked, to their municipality's staff (only "
                     "when the questionnaire's consent says so)");
    create->add_flag("--track-participation", spec.participation_tracked,
                     "show staff which numbered invitation letters were not answered, for "
                     "reminders (only when the questionnaire's consent says so)");
    create
        ->add_option_function<std::string>(
            "--results",
            [&spec](const std::string& audience) { spec.results_public = audience == "public"; },
            "who reads the round's figures: public (only when the questionnaire's consent says "
            "so) or staff (default: as the consent says)")
        ->check(CLI::IsMember({"public", "staff"}))
        ->type_name("public|staff");
    auto [list, list_options] = subcommands.add(*wave, "list", "list the waves", wave_list_command);
    add_database(*list, list_options->db);
  }
  {
    auto [command, options] = subcommands.add(
        app, "import-responses", "import responses, one JSON document a line (docs/storage.md)",
        import_responses_command);
    add_database(*command, options->db);
    command->add_option("--wave", options->wave, "the wave they answer")
        ->required()
        ->type_name("NAME");
    command->add_flag("--all-or-nothing", options->all_or_nothing,
                      "import nothing if any line is bad");
    command->add_option("FILE.jsonl", options->file, "the responses")->required();
  }
  {
    auto [command, options] =
        subcommands.add(app, "stats", "counts of responses per wave", stats_command);
    add_database(*command, options->db);
  }
  {
    auto [command, options] = subcommands.add(
        app, "backup", "a consistent copy, safe while the server runs", backup_command);
    add_database(*command, options->db);
    command->add_option("OUT.db", options->out, "the copy")->required();
  }
  {
    auto [command, options] = subcommands.add(
        app, "migrate-store",
        "copy a whole SQLite store into an empty PostgreSQL database, and compare every table",
        migrate_store_command);
    add_database_of(*command, "--from", StoreEngine::sqlite, options->from);
    add_database_of(*command, "--to", StoreEngine::postgresql, options->to);
  }
  {
    CLI::App* offers =
        app.add_subcommand("offers", "the municipalities' offer catalogues (docs/offers.md)")
            ->require_subcommand(0, 1);
    auto [command, options] = subcommands.add(
        *offers, "import", "replace the offer catalogues of the municipalities in FILE.csv",
        offers_import_command);
    add_database(*command, options->db);
    command->add_option("FILE.csv", options->file, "the offers")->required();
  }
}

void declare_user_commands(CLI::App& app, Subcommands& subcommands) {
  CLI::App* user =
      app.add_subcommand("user", "staff accounts (docs/security.md)")->require_subcommand(0, 1);
  auto add_username = [](CLI::App& command, std::string& target) {
    command.add_option("--username", target, "the account's username")
        ->required()
        ->type_name("NAME");
  };
  {
    auto [command, options] =
        subcommands.add(*user, "add", "add an account; prints a one-time code to set its password",
                        user_add_command);
    add_database(*command, options->db);
    add_username(*command, options->username);
    command->add_option("--name", options->display_name, "the name shown to others")
        ->required()
        ->type_name("TEXT");
    command
        ->add_option("--grant", options->grants,
                     "a role: national_admin, municipality_staff:CODE or "
                     "researcher:WAVE:YYYY-MM-DD (repeat for more)")
        ->type_name("ROLE[:SCOPE[:UNTIL]]");
    command
        ->add_option("--password-file", options->password_file,
                     "set the password from the file's first line instead (scripts, demo)")
        ->type_name("FILE");
  }
  {
    auto [command, options] =
        subcommands.add(*user, "list", "every account and its roles", user_list_command);
    add_database(*command, options->db);
  }
  using UserWork = int (*)(const UserOptions&);
  for (auto [name, description, work] :
       {std::tuple<const char*, const char*, UserWork>{
            "disable", "disable an account and end its sessions", user_disable_command},
        std::tuple<const char*, const char*, UserWork>{"enable", "enable a disabled account",
                                                       user_enable_command}}) {
    auto [command, options] = subcommands.add(*user, name, description, work);
    add_database(*command, options->db);
    add_username(*command, options->username);
  }
  {
    auto [command, options] = subcommands.add(
        *user, "reset", "print a one-time code that sets a new password", user_reset_command);
    add_database(*command, options->db);
    add_username(*command, options->username);
    command->add_flag("--remove-totp", options->remove_totp,
                      "also remove the second factor (a lost phone); it is enrolled again at the "
                      "next sign-in");
  }
}

void declare_audit_commands(CLI::App& app, Subcommands& subcommands) {
  CLI::App* audit =
      app.add_subcommand("audit", "the audit log (docs/security.md)")->require_subcommand(0, 1);
  {
    auto [command, options] = subcommands.add(
        *audit, "verify", "check the audit log's hash chain; name the first broken entry",
        audit_verify_command);
    add_database(*command, options->db);
  }
  {
    auto [command, options] =
        subcommands.add(*audit, "export", "the audit log as JSON Lines", audit_export_command);
    add_database(*command, options->db);
    command->add_option("--out", options->out, "the file to write (default: standard output)")
        ->type_name("FILE");
    add_whole_number<std::int64_t>(*command, "--after", options->after, 0,
                                   std::numeric_limits<std::int64_t>::max(),
                                   "only entries after this number");
    command->add_option("--actor", options->actor, "only this actor (shell:anna)")
        ->type_name("ACTOR");
    command->add_option("--action", options->action, "only this action (wave.create)")
        ->type_name("ACTION");
  }
}

void declare_analytics_commands(CLI::App& app, Subcommands& subcommands) {
  {
    auto [command, options] = subcommands.add(
        app, "analyze",
        "statistics of a wave: what the results API publishes (docs/analytics.md, docs/privacy.md)",
        analyze_command);
    add_database(*command, options->db);
    command->add_option("--wave", options->wave, "the wave")->required()->type_name("NAME");
    auto report_format = [](std::string_view text) { return parse_one_of(text, {"json", "csv"}); };
    add_parsed_option(*command, "--format", options->format, report_format, "the report's format")
        ->type_name("json|csv")
        ->default_str(options->format);
    command
        ->add_option("--compare-to", options->compare_to, "an earlier wave: adds the change since")
        ->type_name("EARLIER_WAVE");
    add_min_respondents(*command, options->min_respondents);
    command->add_flag("--unprotected", options->unprotected,
                      "every figure of every cell, nothing withheld: for the data owner only");
  }
  {
    auto [command, options] = subcommands.add(
        app, "demo-data", "a synthetic national wave with known true scores (docs/analytics.md)",
        demo_data_command);
    add_database(*command, options->db);
    command->add_option("--wave", options->wave, "the wave to create")
        ->required()
        ->type_name("NAME");
    add_whole_number(*command, "--responses", options->responses, 1,
                     std::numeric_limits<std::int64_t>::max(), "how many")
        ->required();
    add_whole_number(*command, "--seed", options->seed, 0,
                     std::numeric_limits<std::uint64_t>::max(),
                     "the random seed: the same seed, the same wave")
        ->required();
    command
        ->add_option("--questionnaire", options->questionnaire,
                     "the definition (default: the shipped parorendeundersokelse, compiled in)")
        ->type_name("FILE");
    command
        ->add_option(
            "--truth", options->truth,
            "where the true municipality scores go, CSV (default: FILE.NAME.truth.csv beside "
            "the database)")
        ->type_name("FILE");
    // Without dates the wave runs this year and the next, so the demo server
    // takes answers too; a wave that has closed is an earlier round to
    // compare with.
    CLI::Option* opens = add_parsed_option(*command, "--opens", options->opens, parse_date,
                                           "the wave's first day (default: January 1 this year)")
                             ->type_name("YYYY-MM-DD");
    CLI::Option* closes = add_parsed_option(*command, "--closes", options->closes, parse_date,
                                            "the wave's last day (default: December 31 next year)")
                              ->type_name("YYYY-MM-DD");
    opens->needs(closes);
    closes->needs(opens);
  }
  {
    auto [command, options] = subcommands.add(
        app, "export", "a wave's published tables and codebook as files (docs/export.md)",
        export_command);
    add_database(*command, options->db);
    command->add_option("--wave", options->wave, "the wave")->required()->type_name("NAME");
    add_parsed_option(*command, "--format", options->format, parse_format, "the files' format")
        ->required()
        ->type_name("csv|json|sav|dta");
    command->add_option("--out", options->out, "the folder the files go to")
        ->required()
        ->type_name("DIR");
    add_min_respondents(*command, options->min_respondents);
  }
}

void declare_serve_command(CLI::App& app, Subcommands& subcommands) {
  auto [command, options] = subcommands.add(
      app, "serve", "the HTTP API and the survey pages, until SIGINT or SIGTERM (docs/api.md)",
      serve_command);
  server::ServerOptions& server = options->server;
  add_database(*command, options->db)
      ->description("the response database (created and migrated when missing)");
  add_whole_number(*command, "--port", server.port, 0, 65535,
                   "where to listen; 0 picks a free port");
  command->add_option("--address", server.address, "the address to listen on")
      ->type_name("ADDRESS")
      ->capture_default_str();
  add_whole_number(*command, "--threads", server.threads, 0, 256, "I/O threads; 0: one per core");
  command->add_option("--web", options->web, "folder of the survey pages")
      ->type_name("DIR")
      ->capture_default_str();
  command
      ->add_option("--access-log", options->access_log,
                   "JSON access log: a file, - (standard output) or off")
      ->type_name("FILE|-|off")
      ->capture_default_str();
  add_whole_number(*command, "--body-limit", server.body_limit, 0, std::size_t{64} << 20,
                   "largest request body in bytes")
      ->type_name("BYTES");
  add_whole_number(*command, "--max-connections", server.max_connections, 0, 1'000'000,
                   "open connections at most");
  add_whole_number(*command, "--max-connections-per-client", server.max_connections_per_client, 0,
                   1'000'000, "open connections from one address (IPv6: one /64) at most");
  add_whole_number(*command, "--store-workers", server.store_workers, 0, 4096,
                   "threads that wait for the store's group commit");
  add_parsed_option(*command, "--write-limit", server.write_limit, parse_rate,
                    "per client: saves and submissions per second, burst; 0 turns it off")
      ->type_name("PER_SECOND[:BURST]")
      ->default_str("2:60");
  add_parsed_option(*command, "--attempt-limit", server.code_attempt_limit, parse_rate,
                    "per client: resume and erasure attempts per second, burst; 0 turns it off")
      ->type_name("PER_SECOND[:BURST]")
      ->default_str("0.2:20");
  add_parsed_option(*command, "--compute-limit", server.computation_limit, parse_rate,
                    "per client: exports and screening scores per second, burst; 0 turns it off")
      ->type_name("PER_SECOND[:BURST]")
      ->default_str("2:30");
  add_parsed_option(*command, "--synchronous", options->synchronous, parse_synchronous,
                    "full: an acknowledged response survives power loss (docs/storage.md)")
      ->type_name("full|normal")
      ->default_str("full");
  add_min_respondents(*command, server.min_respondents);
  command
      ->add_option("--trusted-proxy", options->trusted_proxies,
                   "a reverse proxy whose X-Forwarded-For names the client (repeat for more; "
                   "docs/deploy.md)")
      ->type_name("ADDRESS")
      ->check(CLI::Validator(
          [](std::string& text) {
            boost::system::error_code error;
            boost::asio::ip::make_address(text, error);
            return error ? "'" + text + "' is not an IP address" : std::string();
          },
          ""));
  command
      ->add_option("--public-url", options->public_url,
                   "the address people use, e.g. https://parorende.kommune.no; https turns on "
                   "Strict-Transport-Security")
      ->type_name("URL")
      ->check(CLI::Validator(
          [](std::string& text) {
            bool web = text.starts_with("https://") || text.starts_with("http://");
            return web ? std::string() : "'" + text + "' does not start with https:// or http://";
          },
          ""));
  command
      ->add_option("--oidc-config", options->oidc_config,
                   "the OpenID Providers staff sign in through (JSON; docs/security.md); needs "
                   "--public-url")
      ->type_name("FILE");
  command
      ->add_option(
          "--metrics-token-file", options->metrics_token_file,
          "a file whose first line (16 characters or more) is the token GET /metrics asks for "
          "(default: /metrics is off)")
      ->type_name("FILE");
}

// ---- Mistakes.

// "parorende wave create": the subcommands the command line got to.
std::string command_path(const CLI::App& app) {
  std::string path = app.get_name();
  for (const CLI::App* at = &app; !at->get_subcommands().empty();) {
    at = at->get_subcommands().front();
    path += " " + at->get_name();
  }
  return path;
}

// The words CLI11 did not expect: an option if there is one, else the first.
std::string describe_unexpected(const CLI::App& app) {
  const std::vector<std::string> words = app.remaining(true);
  for (const std::string& word : words) {
    if (word.size() > 1 && word[0] == '-')
      return "unknown option " + word.substr(0, word.find('='));
  }
  const CLI::App* innermost = &app;
  while (!innermost->get_subcommands().empty()) innermost = innermost->get_subcommands().front();
  const bool is_group = !innermost->get_subcommands([](const CLI::App*) { return true; }).empty();
  const std::string first = words.empty() ? "" : words.front();
  return (is_group ? "unknown subcommand '" : "unexpected argument '") + first + "'";
}

// One line naming the mistake, one pointing to the usage. A word CLI11 did
// not expect goes first, whatever it threw: "--questionaire" (a typo) is
// the mistake, not the missing "--questionnaire".
std::string describe_mistake(const CLI::App* app, const CLI::Error& error) {
  std::string message =
      app->remaining(true).empty() ? std::string(error.what()) : describe_unexpected(*app);
  const std::string path = command_path(*app);
  return path + ": " + message + "\nRun '" + path + " --help' for usage.\n";
}

}  // namespace

int run_command_line(int argc, const char* const* argv) {
  CLI::App app("parorende: caregiver surveys, from the questionnaire to the published figures.",
               "parorende");
  app.failure_message(describe_mistake);
  app.require_subcommand(0, 1);
  app.get_formatter()->column_width(36);
  Subcommands subcommands;
  declare_questionnaire_commands(app, subcommands);
  declare_redcap_commands(app, subcommands);
  declare_store_commands(app, subcommands);
  declare_audit_commands(app, subcommands);
  declare_user_commands(app, subcommands);
  declare_analytics_commands(app, subcommands);
  declare_serve_command(app, subcommands);

  // `parorende help` is `parorende --help`.
  if (argc == 2 && std::string_view(argv[1]) == "help") {
    std::cout << app.help();
    return 0;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& mistake) {
    // --help arrives here too, as CLI11's "error" with exit code 0.
    return app.exit(mistake) == 0 ? 0 : kUsageError;
  }
  const std::function<int()>* work = subcommands.chosen();
  if (work == nullptr) {
    // No subcommand, or a group without one of its own (`parorende wave`).
    std::cerr << app.help();
    return kUsageError;
  }
  return (*work)();
}

}  // namespace parorende::cli
