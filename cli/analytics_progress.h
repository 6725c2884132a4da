// A one-line progress display on stderr for long analytics runs
// (`analyze`, `demo-data`): "parorende analyze: reading responses  42%",
// redrawn in place. Silent when stderr is not a terminal, so logs and
// pipes stay clean.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace parorende::cli {

class TerminalProgress {
 public:
  explicit TerminalProgress(std::string_view command);
  ~TerminalProgress();
  TerminalProgress(const TerminalProgress&) = delete;
  TerminalProgress& operator=(const TerminalProgress&) = delete;

  bool enabled() const { return enabled_; }
  // At most ten redraws a second, and one at every change of stage.
  void update(std::string_view stage, double fraction);
  // Clears the line.
  void finish();

 private:
  std::string command_;
  bool enabled_;
  bool drawn_ = false;
  std::string stage_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace parorende::cli
