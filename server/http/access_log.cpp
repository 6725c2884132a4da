#include "server/http/access_log.h"

#include <charconv>
#include <ctime>

namespace parorende::server {
namespace {

void append_iso_time(std::string& out, std::chrono::system_clock::time_point time) {
  auto since_epoch = time.time_since_epoch();
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds);
  std::time_t whole = static_cast<std::time_t>(seconds.count());
  std::tm utc{};
  gmtime_r(&whole, &utc);
  char text[64];
  std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  out.append(text, length);
  out += '.';
  int ms = static_cast<int>(millis.count());
  out += static_cast<char>('0' + ms / 100);
  out += static_cast<char>('0' + ms / 10 % 10);
  out += static_cast<char>('0' + ms % 10);
  out += 'Z';
}

template <typename Number>
void append_number(std::string& out, Number value) {
  char digits[32];
  auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, end);
}

// Methods and route patterns are ours, but escape anyway: a log line must
// stay one valid JSON object.
void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += "\\u00";
      out += "0123456789abcdef"[(c >> 4) & 0xf];
      out += "0123456789abcdef"[c & 0xf];
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace

std::string format_access_log_line(const AccessLogEntry& entry) {
  std::string line;
  line.reserve(192);
  line += "{\"time\":\"";
  append_iso_time(line, entry.time);
  line += "\",\"method\":";
  append_json_string(line, entry.method);
  line += ",\"route\":";
  append_json_string(line, entry.route);
  line += ",\"status\":";
  append_number(line, entry.status);
  line += ",\"duration_ms\":";
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(entry.duration).count();
  append_number(line, micros / 1000);
  line += '.';
  std::int64_t fraction = micros % 1000;
  line += static_cast<char>('0' + fraction / 100);
  line += static_cast<char>('0' + fraction / 10 % 10);
  line += static_cast<char>('0' + fraction % 10);
  line += ",\"request_bytes\":";
  append_number(line, entry.request_bytes);
  line += ",\"response_bytes\":";
  append_number(line, entry.response_bytes);
  line += "}\n";
  return line;
}

AccessLog::AccessLog(std::FILE* sink) : sink_(sink) {
  if (sink_ != nullptr) writer_ = std::thread([this] { run(); });
}

AccessLog::~AccessLog() {
  if (sink_ == nullptr) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  writer_.join();
}

void AccessLog::write(const AccessLogEntry& entry) {
  if (sink_ == nullptr) return;
  std::string line = format_access_log_line(entry);
  std::lock_guard lock(mutex_);
  if (pending_.size() + line.size() > kMaxPending) {
    ++dropped_;
    return;
  }
  pending_ += line;
}

std::uint64_t AccessLog::dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

void AccessLog::run() {
  std::string batch;
  std::unique_lock lock(mutex_);
  for (;;) {
    // Batching a few milliseconds of lines into one write keeps the log
    // cheap at tens of thousands of requests a second.
    wake_.wait_for(lock, std::chrono::milliseconds(100), [&] { return stopping_; });
    batch.swap(pending_);
    bool stop = stopping_;
    lock.unlock();
    if (!batch.empty()) {
      std::fwrite(batch.data(), 1, batch.size(), sink_);
      std::fflush(sink_);
      batch.clear();
    }
    lock.lock();
    if (stop && pending_.empty()) return;
  }
}

}  // namespace parorende::server
