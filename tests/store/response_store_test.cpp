#include "store/response_store.h"
#include "store/internal/schema.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <future>
#include <set>
#include <thread>

#include "store/internal/connection.h"
#include "store/internal/secret_code.h"
#include "store_test_support.h"

namespace parorende {
namespace {

using testing::describe_result;
using testing::kCloses;
using testing::kConsent;
using testing::kOpens;
using testing::kToday;

class ResponseStoreTest : public testing::StoreFixture {
 protected:
  // Reads one integer straight from the file, bypassing the store.
  std::int64_t query(const std::string& sql) {
    auto connection = connect_directly();
    EXPECT_TRUE(connection.ok());
    auto value = connection.value()->query_int(sql);
    EXPECT_TRUE(value.ok()) << describe_result(value);
    return value.ok() ? value.value() : -1;
  }
};

// ---- questionnaires -------------------------------------------------------

TEST_F(ResponseStoreTest, RepublishingTheSameDefinitionSucceeds) {
  auto text = testing::small_survey_text();
  // Key order and whitespace do not make a different definition.
  auto reformatted = boost::json::serialize(boost::json::parse(text));
  EXPECT_TRUE(store_->publish_questionnaire(text).ok());
  EXPECT_TRUE(store_->publish_questionnaire(reformatted).ok());
  EXPECT_EQ(store_->questionnaires().value().size(), 1u);
}

TEST_F(ResponseStoreTest, APublishedVersionIsImmutable) {
  auto text = testing::small_survey_text();
  auto changed = text;
  changed.replace(changed.find("Small survey"), 12, "Other survey");
  auto published = store_->publish_questionnaire(changed);
  ASSERT_FALSE(published.ok());
  EXPECT_EQ(published.error().code, "questionnaire_immutable");
  // The database itself refuses changes too.
  auto connection = connect_directly();
  ASSERT_TRUE(connection.ok());
  auto update = connection.value()->execute("UPDATE questionnaires SET definition = '{}'");
  ASSERT_FALSE(update.ok());
  EXPECT_TRUE(testing::contains(update.error().message, "questionnaire_immutable"));
}

// A version's min_respondents is a floor under k: a later version may
// raise it, never lower it, nor leave it out.
TEST_F(ResponseStoreTest, ALaterVersionCannotLowerTheFloor) {
  auto text = testing::small_survey_text();
  auto version = [&](const std::string& number, const std::string& floor) {
    auto next = text;
    next.replace(next.find("\"1.0.0\""), 7, "\"" + number + "\"");
    if (!floor.empty()) next.insert(next.find('{') + 1, "\"min_respondents\": " + floor + ", ");
    return next;
  };
  ASSERT_TRUE(store_->publish_questionnaire(version("1.1.0", "20")).ok());
  ASSERT_TRUE(store_->publish_questionnaire(version("1.2.0", "25")).ok());
  for (auto [number, floor] : {std::pair{"1.3.0", ""}, std::pair{"1.3.0", "20"}}) {
    auto lowered = store_->publish_questionnaire(version(number, floor));
    ASSERT_FALSE(lowered.ok()) << floor;
    EXPECT_EQ(lowered.error().code, "questionnaire_floor_lowered");
    EXPECT_TRUE(testing::contains(lowered.error().message, "below the 25 of version 1.2.0"))
        << lowered.error().message;
  }
  EXPECT_TRUE(store_->publish_questionnaire(version("1.3.0", "25")).ok());
  EXPECT_EQ(store_->questionnaires().value().size(), 4u);
}

TEST_F(ResponseStoreTest, AnInvalidDefinitionIsNotPublished) {
  auto published = store_->publish_questionnaire(R"({"format": "parorende-questionnaire/1"})");
  ASSERT_FALSE(published.ok());
  EXPECT_EQ(published.error().code, "invalid_definition");
}

TEST_F(ResponseStoreTest, LatestVersionIsTheNumericallyHighest) {
  auto text = testing::small_survey_text();
  for (std::string version : {"1.10.0", "1.9.0"}) {
    auto next = text;
    next.replace(next.find("\"1.0.0\""), 7, "\"" + version + "\"");
    ASSERT_TRUE(store_->publish_questionnaire(next).ok()) << version;
  }
  auto latest = store_->questionnaire("small_survey");
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest.value()->version, "1.10.0");
  auto exact = store_->questionnaire("small_survey", "1.9.0");
  ASSERT_TRUE(exact.ok());
  EXPECT_EQ(exact.value()->version, "1.9.0");
  auto missing = store_->questionnaire("small_survey", "2.0.0");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "questionnaire_not_found");
}

// ---- waves ----------------------------------------------------------------

TEST_F(ResponseStoreTest, WavesAreReadBack) {
  auto west = store_->wave("west");
  ASSERT_TRUE(west.ok());
  EXPECT_EQ(west->questionnaire_version, "1.0.0");
  EXPECT_EQ(west->municipalities, (std::vector<std::string>{"4601", "5001"}));
  EXPECT_TRUE(west->covers("4601"));
  EXPECT_FALSE(west->covers("0301"));
  EXPECT_TRUE(west->is_open(kToday));
  EXPECT_FALSE(west->is_open(Date{2026, 5, 1}));
  EXPECT_EQ(store_->waves().value().size(), 2u);
  EXPECT_EQ(store_->wave("autumn").error().code, "wave_not_found");

  // A second store on the same file sees the same waves.
  store_.reset();
  auto reopened = testing::open_store_at(path_);
  auto spring = reopened->wave("spring");
  ASSERT_TRUE(spring.ok());
  EXPECT_TRUE(spring->is_national());
  EXPECT_EQ(spring->opens, kOpens);
  EXPECT_EQ(spring->closes, kCloses);
}

TEST_F(ResponseStoreTest, WaveRulesAreChecked) {
  EXPECT_EQ(store_->create_wave({"spring", "small_survey", {}, kOpens, kCloses, {}}).error().code,
            "wave_exists");
  auto backwards = store_->create_wave({"late", "small_survey", {}, kCloses, kOpens, {}});
  EXPECT_EQ(backwards.error().code, "invalid_wave");
  auto unknown = store_->create_wave({"x", "small_survey", {}, kOpens, kCloses, {"9999"}});
  ASSERT_EQ(unknown.error().code, "invalid_wave");
  EXPECT_EQ(unknown.error().problems.at(0).where, "9999");
  EXPECT_EQ(store_->create_wave({"y", "nothing", {}, kOpens, kCloses, {}}).error().code,
            "questionnaire_not_found");
}

TEST_F(ResponseStoreTest, ARoundPublishesFiguresOnlyWhenItsConsentSaidSo) {
  // small_survey's consent says nothing of publishing: staff only.
  auto spring = store_->wave("spring");
  ASSERT_TRUE(spring.ok());
  EXPECT_FALSE(spring->results_public);
  WaveSpec told_nothing{"public", "small_survey", {}, kOpens, kCloses, {}};
  told_nothing.results_public = true;
  EXPECT_EQ(store_->create_wave(told_nothing).error().code, "results_not_consented");

  auto definition = boost::json::parse(testing::small_survey_text()).as_object();
  definition["version"] = "1.1.0";
  definition["consent"].as_object()["version"] = "2026-2";
  definition["consent"].as_object()["publishes_results"] = true;
  ASSERT_TRUE(store_->publish_questionnaire(boost::json::serialize(definition)).ok());
  auto told = store_->create_wave({"told", "small_survey", "1.1.0", kOpens, kCloses, {}});
  ASSERT_TRUE(told.ok()) << describe_result(told);
  EXPECT_TRUE(told->results_public) << "as the consent says";
  WaveSpec kept{"kept", "small_survey", "1.1.0", kOpens, kCloses, {}};
  kept.results_public = false;
  ASSERT_TRUE(store_->create_wave(kept).ok());

  // As read back from the file by another store.
  store_.reset();
  auto reopened = testing::open_store_at(path_);
  EXPECT_TRUE(reopened->wave("told")->results_public);
  EXPECT_FALSE(reopened->wave("kept")->results_public);
  EXPECT_FALSE(reopened->wave("spring")->results_public);
}

TEST_F(ResponseStoreTest, AMunicipalityJoinsANationalRoundOnce) {
  auto first = store_->join_wave("spring", "3407");
  ASSERT_TRUE(first.ok()) << describe_result(first);
  EXPECT_TRUE(*first);
  auto again = store_->join_wave("spring", "3407");
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  EXPECT_EQ(store_->join_wave("west", "4601").error().code, "round_not_national");
  EXPECT_EQ(store_->join_wave("autumn", "3407").error().code, "wave_not_found");
  EXPECT_EQ(store_->join_wave("spring", "9999").error().code, "unknown_municipality");
  EXPECT_EQ(*store_->joined_waves("3407"), std::vector<std::string>{"spring"});
  EXPECT_TRUE(store_->joined_waves("5038")->empty());
}

// ---- submit, resume, update -----------------------------------------------

TEST_F(ResponseStoreTest, CompleteSubmissionGetsAReceiptCode) {
  auto receipt = store_->submit("spring", complete_response(), kConsent, kToday);
  ASSERT_TRUE(receipt.ok()) << describe_result(receipt);
  EXPECT_GT(receipt->response_id, 0);
  EXPECT_EQ(receipt->completeness, Completeness::complete);
  EXPECT_TRUE(receipt->resume_code.empty());
  EXPECT_TRUE(normalize_secret_code(receipt->receipt_code).has_value());
  EXPECT_EQ(query("SELECT count(*) FROM responses WHERE status = 'complete'"), 1);
  // Only hashes are stored, and dates are whole days.
  EXPECT_EQ(query("SELECT count(*) FROM responses WHERE completed_on = '2026-03-10'"
                  " AND started_on = '2026-03-10' AND length(receipt_hash) = 32"
                  " AND resume_hash IS NULL"),
            1);
}

TEST_F(ResponseStoreTest, AnAsyncSubmissionIsAnsweredAsASubmitIs) {
  std::promise<Result<SubmitReceipt>> answered;
  store_->submit_async(
      "spring", complete_response(), kConsent, kToday,
      [&](Result<SubmitReceipt> receipt) { answered.set_value(std::move(receipt)); });
  auto receipt = answered.get_future().get();
  ASSERT_TRUE(receipt.ok()) << describe_result(receipt);
  EXPECT_GT(receipt->response_id, 0);
  EXPECT_TRUE(normalize_secret_code(receipt->receipt_code).has_value());
  EXPECT_EQ(query("SELECT count(*) FROM responses WHERE status = 'complete'"), 1);

  std::promise<Result<SubmitReceipt>> refused;
  store_->submit_async(
      "spring", complete_response(), kConsent, Date{2026, 5, 1},
      [&](Result<SubmitReceipt> receipt) { refused.set_value(std::move(receipt)); });
  EXPECT_EQ(refused.get_future().get().error().code, "wave_closed");
}

TEST_F(ResponseStoreTest, ThePlainCodeIsNowhereInTheFile) {
  auto receipt = store_->submit("spring", complete_response(), kConsent, kToday);
  ASSERT_TRUE(receipt.ok());
  store_.reset();  // checkpoints the WAL into the file
  std::string contents = testing::read_file(path_);
  std::string canonical = *normalize_secret_code(receipt->receipt_code);
  EXPECT_EQ(contents.find(canonical), std::string::npos);
  EXPECT_EQ(contents.find(receipt->receipt_code), std::string::npos);
}

TEST_F(ResponseStoreTest, PartialResponsesResumeWithTheirAnswers) {
  auto saved = store_->submit("spring", partial_response(), kConsent, kToday);
  ASSERT_TRUE(saved.ok()) << describe_result(saved);
  EXPECT_TRUE(saved->receipt_code.empty());
  ASSERT_FALSE(saved->resume_code.empty());

  // Typing tolerance: lower case, spaces instead of dashes.
  std::string typed = saved->resume_code;
  for (char& c : typed) c = c == '-' ? ' ' : static_cast<char>(std::tolower(c));
  auto resumed = store_->resume(typed, Date{2026, 3, 20});
  ASSERT_TRUE(resumed.ok()) << describe_result(resumed);
  EXPECT_EQ(resumed->response_id, saved->response_id);
  EXPECT_EQ(resumed->wave.name, "spring");
  EXPECT_EQ(resumed->consent_version, kConsent);
  EXPECT_EQ(resumed->started_on, kToday);
  EXPECT_EQ(resumed->response.municipality, "0301");
  EXPECT_EQ(resumed->response.answers, partial_response().answers);
  EXPECT_EQ(resumed->questionnaire->id, "small_survey");
}

TEST_F(ResponseStoreTest, WrongMalformedAndClosedResumesAreClearErrors) {
  auto saved = store_->submit("spring", partial_response(), kConsent, kToday);
  ASSERT_TRUE(saved.ok());
  auto other = generate_secret_code();
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(store_->resume(other.value(), kToday).error().code, "code_not_found");
  EXPECT_EQ(store_->resume("1234", kToday).error().code, "invalid_code");
  EXPECT_EQ(store_->resume(saved->resume_code, Date{2026, 5, 1}).error().code, "wave_closed");
}

TEST_F(ResponseStoreTest, UpdateKeepsTheResumeCodeUntilComplete) {
  auto saved = store_->submit("spring", partial_response(), kConsent, kToday);
  ASSERT_TRUE(saved.ok());
  auto more = response(R"({"heard": 3, "hours": 5})", Completeness::partial);
  auto again = store_->update(saved->resume_code, more, Date{2026, 3, 11});
  ASSERT_TRUE(again.ok()) << describe_result(again);
  EXPECT_EQ(again->resume_code, saved->resume_code);
  auto resumed = store_->resume(saved->resume_code, Date{2026, 3, 12});
  ASSERT_TRUE(resumed.ok());
  EXPECT_EQ(resumed->response.answers, more.answers);

  auto done = store_->update(saved->resume_code, complete_response(), Date{2026, 3, 12});
  ASSERT_TRUE(done.ok()) << describe_result(done);
  EXPECT_EQ(done->response_id, saved->response_id);
  EXPECT_FALSE(done->receipt_code.empty());
  EXPECT_EQ(store_->resume(saved->resume_code, kToday).error().code, "code_not_found");
  EXPECT_EQ(store_->update(saved->resume_code, more, kToday).error().code, "code_not_found");
  EXPECT_EQ(query("SELECT count(*) FROM responses WHERE status = 'complete'"
                  " AND started_on = '2026-03-10' AND completed_on = '2026-03-12'"),
            1);
}

TEST_F(ResponseStoreTest, UpdateAfterTheWaveClosedIsRefused) {
  auto saved = store_->submit("spring", partial_response(), kConsent, kToday);
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(store_->update(saved->resume_code, complete_response(), Date{2026, 5, 1}).error().code,
            "wave_closed");
}

TEST_F(ResponseStoreTest, WaveDatesAndMunicipalitiesAreEnforced) {
  EXPECT_EQ(store_->submit("spring", complete_response(), kConsent, Date{2026, 2, 28}).error().code,
            "wave_not_open_yet");
  EXPECT_EQ(store_->submit("spring", complete_response(), kConsent, Date{2026, 5, 1}).error().code,
            "wave_closed");
  EXPECT_TRUE(store_->submit("spring", complete_response(), kConsent, kCloses).ok());
  EXPECT_EQ(store_->submit("west", complete_response("0301"), kConsent, kToday).error().code,
            "municipality_not_in_wave");
  EXPECT_EQ(store_->submit("west", complete_response(""), kConsent, kToday).error().code,
            "municipality_not_in_wave");
  EXPECT_TRUE(store_->submit("west", complete_response("4601"), kConsent, kToday).ok());
  EXPECT_EQ(store_->submit("autumn", complete_response(), kConsent, kToday).error().code,
            "wave_not_found");
}

TEST_F(ResponseStoreTest, ConsentIsRequiredAndMustMatchTheQuestionnaire) {
  EXPECT_EQ(store_->submit("spring", complete_response(), "", kToday).error().code,
            "consent_missing");
  EXPECT_EQ(store_->submit("spring", partial_response(), "", kToday).error().code,
            "consent_missing");
  EXPECT_EQ(store_->submit("spring", complete_response(), "2025-1", kToday).error().code,
            "consent_mismatch");
  EXPECT_EQ(query("SELECT count(*) FROM responses"), 0);
  auto ok = store_->submit("spring", complete_response(), kConsent, kToday);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(query("SELECT count(*) FROM responses WHERE consent_version = '2026-1'"), 1);
}

TEST_F(ResponseStoreTest, AResponseToAnotherQuestionnaireIsRefused) {
  Response foreign = complete_response();
  foreign.questionnaire_version = "0.9.0";
  EXPECT_EQ(store_->submit("spring", foreign, kConsent, kToday).error().code,
            "questionnaire_mismatch");
}

// ---- erasure --------------------------------------------------------------

TEST_F(ResponseStoreTest, EraseRemovesTheRowsForReal) {
  auto kept = store_->submit("spring", complete_response(), kConsent, kToday);
  auto erased = store_->submit("spring", complete_response(), kConsent, kToday);
  ASSERT_TRUE(kept.ok() && erased.ok());
  EXPECT_EQ(store_->erase(erased->receipt_code).ok(), true);
  EXPECT_EQ(query("SELECT count(*) FROM responses"), 1);
  EXPECT_EQ(query("SELECT count(*) FROM response_answers"), 1);
  EXPECT_EQ(
      query("SELECT count(*) FROM responses WHERE id = " + std::to_string(erased->response_id)), 0);
  EXPECT_EQ(store_->erase(erased->receipt_code).error().code, "code_not_found");
  EXPECT_EQ(store_->erase("not a code").error().code, "invalid_code");
}

TEST_F(ResponseStoreTest, AResumeCodeCannotErase) {
  auto saved = store_->submit("spring", partial_response(), kConsent, kToday);
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(store_->erase(saved->resume_code).error().code, "code_not_found");
  EXPECT_EQ(query("SELECT count(*) FROM responses"), 1);
}

TEST_F(ResponseStoreTest, ErasedAnswersAreOverwrittenInTheFile) {
  auto answers = response(R"({"home": "0301", "informed": 4,
                              "comment": "UNIQUE-MARKER-TEXT-4711"})");
  auto receipt = store_->submit("spring", answers, kConsent, kToday);
  ASSERT_TRUE(receipt.ok());
  ASSERT_TRUE(store_->erase(receipt->receipt_code).ok());
  store_.reset();
  EXPECT_EQ(testing::read_file(path_).find("UNIQUE-MARKER-TEXT-4711"), std::string::npos);
  EXPECT_EQ(testing::read_file(path_ + "-wal").find("UNIQUE-MARKER-TEXT-4711"), std::string::npos);
}

TEST_F(ResponseStoreTest, CodesIssuedBeforeBucketsStillWork) {
  auto saved = store_->submit("spring", partial_response(), kConsent, kToday);
  auto completed = store_->submit("spring", complete_response(), kConsent, kToday);
  ASSERT_TRUE(saved.ok() && completed.ok());
  // Rows as a version without code buckets wrote them: the whole prefix is
  // digest.
  auto legacy_prefix = [](CodeKind kind, const std::string& code) {
    return std::to_string(
        hash_secret_code(kind, *normalize_secret_code(code)).legacy_lookup_prefix);
  };
  {
    auto connection = connect_directly();
    ASSERT_TRUE(connection.ok());
    ASSERT_TRUE(connection.value()
                    ->execute("UPDATE responses SET resume_prefix = " +
                              legacy_prefix(CodeKind::resume, saved->resume_code) +
                              " WHERE id = " + std::to_string(saved->response_id))
                    .ok());
    ASSERT_TRUE(connection.value()
                    ->execute("UPDATE responses SET receipt_prefix = " +
                              legacy_prefix(CodeKind::receipt, completed->receipt_code) +
                              " WHERE id = " + std::to_string(completed->response_id))
                    .ok());
  }
  EXPECT_EQ(query("SELECT count(*) FROM responses WHERE resume_prefix = " +
                  legacy_prefix(CodeKind::resume, saved->resume_code)),
            1);

  auto resumed = store_->resume(saved->resume_code, kToday);
  ASSERT_TRUE(resumed.ok()) << describe_result(resumed);
  EXPECT_EQ(resumed->response_id, saved->response_id);
  auto finished = store_->update(saved->resume_code, complete_response(), kToday);
  ASSERT_TRUE(finished.ok()) << describe_result(finished);
  ASSERT_TRUE(store_->erase(completed->receipt_code).ok());
  EXPECT_EQ(
      query("SELECT count(*) FROM responses WHERE id = " + std::to_string(completed->response_id)),
      0);
}

// ---- concurrency ----------------------------------------------------------

TEST_F(ResponseStoreTest, SixteenConcurrentSubmittersLoseAndDuplicateNothing) {
  constexpr int kThreads = 16;
  constexpr int kPerThread = 40;
  std::vector<std::vector<std::int64_t>> ids(kThreads);
  std::vector<std::vector<std::string>> codes(kThreads);
  std::atomic<int> failures{0};
  const Response answers = complete_response();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto receipt = store_->submit("spring", answers, kConsent, kToday);
        if (!receipt) {
          ++failures;
          continue;
        }
        ids[t].push_back(receipt->response_id);
        codes[t].push_back(receipt->receipt_code);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  std::set<std::int64_t> unique_ids;
  std::set<std::string> unique_codes;
  for (int t = 0; t < kThreads; ++t) {
    unique_ids.insert(ids[t].begin(), ids[t].end());
    unique_codes.insert(codes[t].begin(), codes[t].end());
  }
  EXPECT_EQ(unique_ids.size(), std::size_t{kThreads * kPerThread});
  EXPECT_EQ(unique_codes.size(), std::size_t{kThreads * kPerThread});
  EXPECT_EQ(query("SELECT count(*) FROM responses"), kThreads * kPerThread);
  EXPECT_EQ(query("SELECT count(*) FROM response_answers"), kThreads * kPerThread);

  auto matrix = store_->complete_responses("spring");
  ASSERT_TRUE(matrix.ok());
  EXPECT_EQ(std::set<std::int64_t>(matrix->response_ids.begin(), matrix->response_ids.end()),
            unique_ids);
  auto metrics = store_->metrics();
  EXPECT_GE(metrics.writes_succeeded, std::uint64_t{kThreads * kPerThread});
  EXPECT_EQ(metrics.queue_depth, 0u);
  EXPECT_EQ(metrics.batch_size_buckets.back().count, metrics.batches_committed);
}

// ---- analytics read path, stats, backup -----------------------------------

TEST_F(ResponseStoreTest, CompleteResponsesLoadAsAMatrix) {
  auto first = store_->submit("spring", complete_response(), kConsent, kToday);
  auto sparse = store_->submit(
      "spring", response(R"({"home": "4601", "informed": 1})", Completeness::complete, "4601"),
      kConsent, kToday);
  ASSERT_TRUE(store_->submit("spring", partial_response(), kConsent, kToday).ok());
  ASSERT_TRUE(first.ok() && sparse.ok());

  auto matrix = store_->complete_responses("spring");
  ASSERT_TRUE(matrix.ok()) << describe_result(matrix);
  ASSERT_EQ(matrix->rows(), 2u);
  EXPECT_EQ(matrix->response_ids,
            (std::vector<std::int64_t>{first->response_id, sparse->response_id}));
  EXPECT_EQ(matrix->municipalities, (std::vector<std::uint16_t>{301, 4601}));
  std::vector<std::string> names;
  for (const auto& column : matrix->columns) names.push_back(column.name);
  EXPECT_EQ(names, (std::vector<std::string>{"home", "informed", "heard", "children", "help_used:1",
                                             "help_used:2", "help_used:3", "hours", "started"}));
  std::vector<double> expected = {301, 4, 9, 1, 1, 0, 1, 12, 18399};  // 2020-05-17
  for (std::size_t c = 0; c < expected.size(); ++c) EXPECT_EQ(matrix->at(0, c), expected[c]) << c;
  EXPECT_EQ(matrix->at(1, 0), 4601);
  EXPECT_EQ(matrix->at(1, 1), 1);
  for (std::size_t c = 2; c < expected.size(); ++c) EXPECT_TRUE(std::isnan(matrix->at(1, c))) << c;

  auto west = store_->complete_responses("west");
  ASSERT_TRUE(west.ok());
  EXPECT_EQ(west->rows(), 0u);
}

TEST_F(ResponseStoreTest, StatsCountResponsesPerWave) {
  ASSERT_TRUE(store_->submit("spring", complete_response(), kConsent, kToday).ok());
  ASSERT_TRUE(store_->submit("spring", partial_response(), kConsent, kToday).ok());
  ASSERT_TRUE(store_->submit("west", complete_response("5001"), kConsent, kToday).ok());
  auto stats = store_->stats();
  ASSERT_TRUE(stats.ok()) << describe_result(stats);
  EXPECT_EQ(stats->schema_version, latest_schema_version());
  EXPECT_EQ(stats->questionnaire_versions, 1);
  EXPECT_EQ(stats->municipalities, static_cast<std::int64_t>(builtin_municipalities().size()));
  ASSERT_EQ(stats->waves.size(), 2u);
  EXPECT_EQ(stats->waves[0].wave_name, "spring");
  EXPECT_EQ(stats->waves[0].complete, 1);
  EXPECT_EQ(stats->waves[0].partial, 1);
  EXPECT_EQ(stats->waves[1].complete, 1);
  EXPECT_GT(stats->database_bytes, 0);
}

TEST_F(ResponseStoreTest, BackupIsAConsistentCopyTakenWhileWriting) {
  if (database_) {
    // PostgreSQL's own tools back it up (docs/deploy.md).
    auto refused = store_->backup((directory_.path() / "copy.db").string());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "backup_unsupported");
    return;
  }
  std::atomic<bool> stop{false};
  std::atomic<int> submitted{0};
  std::thread writer([&] {
    while (!stop) {
      ASSERT_TRUE(store_->submit("spring", complete_response(), kConsent, kToday).ok());
      ++submitted;
    }
  });
  while (submitted < 20) std::this_thread::yield();
  std::string copy = (directory_.path() / "copy.db").string();
  auto backed_up = store_->backup(copy);
  stop = true;
  writer.join();
  ASSERT_TRUE(backed_up.ok()) << describe_result(backed_up);
  EXPECT_EQ(store_->backup(copy).error().code, "output_exists");

  StoreOptions options;
  options.path = copy;
  options.read_only = true;
  auto restored = ResponseStore::open(options);
  ASSERT_TRUE(restored.ok()) << describe_result(restored);
  auto matrix = restored.value()->complete_responses("spring");
  ASSERT_TRUE(matrix.ok());
  EXPECT_GE(matrix->rows(), 20u);
  auto connection = Connection::open(copy, SQLITE_OPEN_READONLY);
  ASSERT_TRUE(connection.ok());
  auto answers = connection.value()->query_int("SELECT count(*) FROM response_answers");
  EXPECT_EQ(answers.value(), static_cast<std::int64_t>(matrix->rows()));
}

TEST_F(ResponseStoreTest, AReadOnlyStoreRefusesWrites) {
  StoreOptions options;
  options.path = path_;
  options.read_only = true;
  auto reader = ResponseStore::open(options);
  ASSERT_TRUE(reader.ok()) << describe_result(reader);
  EXPECT_EQ(reader.value()->submit("spring", complete_response(), kConsent, kToday).error().code,
            "store_read_only");
  EXPECT_EQ(reader.value()->publish_questionnaire(testing::small_survey_text()).error().code,
            "store_read_only");
  EXPECT_TRUE(reader.value()->wave("spring").ok());
}

TEST(ResponseStoreOpenTest, AMissingFileIsAnErrorWhenReadOnly) {
  testing::TempDir directory;
  StoreOptions options;
  options.path = (directory.path() / "missing.db").string();
  options.read_only = true;
  auto store = ResponseStore::open(options);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, "storage_failure");
}

// tests/data/store/codes-before-libsodium.db was written through the HTTP
// API by the build before SHA-256 came from libsodium (commit 74277d8): two
// partial responses with resume codes and two complete ones with receipt
// codes. Their stored hashes must keep working.
TEST(StoredCodes, CodesIssuedBeforeLibsodiumStillResumeAndErase) {
  testing::TempDir directory;
  std::filesystem::path path = directory.path() / "codes.db";
  std::filesystem::copy_file(
      std::string(PARORENDE_SOURCE_DIR) + "/tests/data/store/codes-before-libsodium.db", path);
  auto store = testing::open_store_at(path.string(), StoreOptions::Synchronous::normal);
  ASSERT_TRUE(store);
  const Date today{2026, 12, 2};
  for (const char* resume_code :
       {"VRPA-F21Y-T2YM-3D3R-2W4B-X53B-J63X", "vrz3 s003 w4wy texd b16b 9jp5 hy3t"}) {
    auto resumed = store->resume(resume_code, today);
    ASSERT_TRUE(resumed.ok()) << resume_code << ": " << resumed.error().describe();
    EXPECT_EQ(resumed->response.municipality, "0301");
  }
  for (const char* receipt_code :
       {"VRJN-CET0-AP4E-S57E-D52E-4MRA-H85D", "VRNZ-GR2Q-M0TV-VSTM-WC2W-CZEP-JQS9"}) {
    ASSERT_TRUE(store->erase(receipt_code).ok()) << receipt_code;
    Status again = store->erase(receipt_code);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "code_not_found");
  }
  auto wrong = store->resume("VRPA-F21Y-T2YM-3D3R-2W4B-X53B-J63Y", today);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, "code_not_found");
  auto stats = store->stats();
  ASSERT_TRUE(stats.ok());
  ASSERT_EQ(stats->waves.size(), 1u);
  EXPECT_EQ(stats->waves[0].complete, 0);
  EXPECT_EQ(stats->waves[0].partial, 2);
}

}  // namespace
}  // namespace parorende
