#include "cli/analytics_progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace parorende::cli {

TerminalProgress::TerminalProgress(std::string_view command)
    : command_(command), enabled_(isatty(STDERR_FILENO) == 1) {}

TerminalProgress::~TerminalProgress() { finish(); }

void TerminalProgress::update(std::string_view stage, double fraction) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  bool new_stage = stage != stage_;
  if (!new_stage && now - last_draw_ < std::chrono::milliseconds(100)) return;
  stage_ = std::string(stage);
  last_draw_ = now;
  int percent = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 100 + 0.5);
  // \r and clear-to-end-of-line: redraw in place.
  std::fprintf(stderr, "\rparorende %s: %s %3d%%\x1b[K", command_.c_str(), stage_.c_str(), percent);
  std::fflush(stderr);
  drawn_ = true;
}

void TerminalProgress::finish() {
  if (!drawn_) return;
  std::fprintf(stderr, "\r\x1b[K");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace parorende::cli
