// Times `parorende analyze` end to end on a wave in a database file:
// reading the complete responses, every statistic of docs/analytics.md
// (descriptives, Welch comparisons, case-mix, empirical Bayes, similar
// municipalities, psychometrics, burden shares) and writing the CSV report.
// bench/analytics/run.sh runs it on 1,000,000 synthetic responses beside
// bench/analytics/reference.py (pandas), which checks the numbers.
//
//   parorende_analytics_bench --db FILE --wave NAME --out REPORT.csv
#include <sys/resource.h>

#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

#include "analytics/report_csv.h"
#include "analytics/wave_analysis.h"
#include "analytics/wave_data.h"
#include "store/response_store.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU seconds of all threads so far: comparable however busy the machine is.
double process_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

double peak_resident_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: KiB
}

}  // namespace

int main(int argc, char** argv) {
  std::string db;
  std::string wave;
  std::string out;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--db") == 0) db = argv[i + 1];
    if (std::strcmp(argv[i], "--wave") == 0) wave = argv[i + 1];
    if (std::strcmp(argv[i], "--out") == 0) out = argv[i + 1];
  }
  if (db.empty() || wave.empty() || out.empty()) {
    std::cerr << "usage: parorende_analytics_bench --db FILE --wave NAME --out REPORT.csv\n";
    return 2;
  }
  using namespace parorende;
  auto start = Clock::now();
  double cpu_start = process_cpu_seconds();
  auto store = ResponseStore::open({.path = db, .read_only = true, .read_connections = 1});
  if (!store) {
    std::cerr << store.error().describe() << '\n';
    return 1;
  }
  auto data = analytics::load_wave_data(**store, db, wave, builtin_municipalities());
  if (!data) {
    std::cerr << data.error().describe() << '\n';
    return 1;
  }
  double read_seconds = seconds_since(start);
  double read_cpu = process_cpu_seconds() - cpu_start;
  auto analysis_start = Clock::now();
  double analysis_cpu_start = process_cpu_seconds();
  // The statistics on every row, as the pandas reference computes them (the
  // published report fits its models on published municipalities only).
  analytics::AnalysisOptions options;
  options.protect = false;
  analytics::WaveReport report =
      analytics::analyze_wave(data.value(), builtin_municipalities(), options);
  double analysis_seconds = seconds_since(analysis_start);
  double analysis_cpu = process_cpu_seconds() - analysis_cpu_start;
  auto write_start = Clock::now();
  double write_cpu_start = process_cpu_seconds();
  {
    std::ofstream file(out);
    analytics::write_wave_report_csv(file, report);
  }
  double write_seconds = seconds_since(write_start);
  double write_cpu = process_cpu_seconds() - write_cpu_start;
  std::printf("responses        %lld (%lld items, %zu scales, %zu municipalities)\n",
              static_cast<long long>(data->respondents()),
              static_cast<long long>(data->items.cols()), data->scales.size(),
              builtin_municipalities().size());
  std::printf("                 wall      cpu (all threads)\n");
  std::printf("read from db     %6.3f s  %6.3f s\n", read_seconds, read_cpu);
  std::printf("statistics       %6.3f s  %6.3f s\n", analysis_seconds, analysis_cpu);
  std::printf("write report     %6.3f s  %6.3f s\n", write_seconds, write_cpu);
  std::printf("total            %6.3f s  %6.3f s\n", seconds_since(start),
              process_cpu_seconds() - cpu_start);
  std::printf("peak resident    %.0f MiB\n", peak_resident_mib());
  return 0;
}
