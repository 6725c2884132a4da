// The child of the crash test (tests/store/store_crash_test.cpp): submits
// complete responses through the store until it is killed, printing
// "ID SEQUENCE" for each one as soon as submit() has acknowledged it.
//
//   parorende_crash_submitter DB DEFINITION.json THREADS
//
// The answers of SEQUENCE are crash_answers(SEQUENCE), so the parent can
// check every acknowledged response is present and complete.
#include <unistd.h>

#include <atomic>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "common/json_input.h"
#include "crash_answers.h"
#include "questionnaire/response_validation.h"
#include "store/response_store.h"

namespace {

using namespace parorende;

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "crash_submitter: %s\n", what.c_str());
  std::exit(1);
}

// One write(2) per line: a line is in the pipe whole or not at all.
void acknowledge(std::int64_t id, std::int64_t sequence) {
  std::string line = std::to_string(id) + ' ' + std::to_string(sequence) + '\n';
  if (write(STDOUT_FILENO, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) fail("usage: parorende_crash_submitter DB DEFINITION.json THREADS");
  StoreOptions options;
  options.path = argv[1];
  auto store = ResponseStore::open(options);
  if (!store) fail(store.error().describe());
  auto definition = read_text_file(argv[2]);
  if (!definition) fail(definition.error().describe());
  if (auto published = store.value()->publish_questionnaire(definition.value()); !published) {
    fail(published.error().describe());
  }
  auto wave = store.value()->create_wave({crash_test::kWave,
                                          crash_test::kQuestionnaire,
                                          {},
                                          crash_test::kToday,
                                          crash_test::kToday,
                                          {}});
  if (!wave && wave.error().code != "wave_exists") fail(wave.error().describe());
  auto questionnaire = store.value()->questionnaire(crash_test::kQuestionnaire);
  if (!questionnaire) fail(questionnaire.error().describe());

  std::atomic<std::int64_t> next_sequence{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < std::atoi(argv[3]); ++t) {
    threads.emplace_back([&] {
      while (true) {
        std::int64_t sequence = next_sequence++;
        auto response =
            validate_response(*questionnaire.value(), crash_test::response_document(sequence));
        if (!response) fail(response.error().describe());
        auto receipt = store.value()->submit(crash_test::kWave, response.value(),
                                             crash_test::kConsent, crash_test::kToday);
        if (!receipt) fail(receipt.error().describe());
        acknowledge(receipt->response_id, sequence);
      }
    });
  }
  for (auto& thread : threads) thread.join();
}
