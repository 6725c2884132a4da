// Shared helpers for the unit tests: parsing JSON literals, loading
// definitions, looking up problems in an Error, temporary files and running
// the `parorende` binary.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "questionnaire/questionnaire.h"
#include "questionnaire/questionnaire_loader.h"

namespace parorende::testing {

inline const std::string kSourceDir = PARORENDE_SOURCE_DIR;

// Parses a JSON literal written in a test; a typo in the test fails loudly.
inline boost::json::value json_of(std::string_view text) { return boost::json::parse(text); }

// Every problem, one per line, for failure messages.
inline std::string describe_problems(const Error& error) {
  std::string text = error.code + ": " + error.message;
  for (const Problem& problem : error.problems) {
    text += "\n  [" + problem.where + "] " + problem.code + ": " + problem.message;
  }
  return text;
}

template <typename T>
std::string describe_result(const Result<T>& result) {
  return result.ok() ? std::string("ok") : describe_problems(result.error());
}

// Loads definition text that the test expects to be valid.
inline Questionnaire load_ok(std::string_view text) {
  auto loaded = load_questionnaire_text(text);
  if (!loaded) {
    ADD_FAILURE() << "definition did not load:\n" << describe_problems(loaded.error());
    return Questionnaire{};
  }
  return std::move(loaded).value();
}

// The problems at `where` with `code` (both exact).
inline std::vector<Problem> problems_at(const Error& error, std::string_view where,
                                        std::string_view code) {
  std::vector<Problem> found;
  for (const Problem& problem : error.problems) {
    if (problem.where == where && problem.code == code) found.push_back(problem);
  }
  return found;
}

// The one problem at `where` with `code`; fails the test unless exactly one.
inline Problem problem_at(const Error& error, std::string_view where, std::string_view code) {
  auto found = problems_at(error, where, code);
  EXPECT_EQ(found.size(), 1u) << "expected exactly one problem [" << where << "] " << code
                              << " in\n"
                              << describe_problems(error);
  return found.empty() ? Problem{} : found.front();
}

inline bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// A fresh directory under the system temp dir, removed with its contents.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "parorende-test-XXXXXX").string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (mkdtemp(buffer.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed");
    }
    path_ = buffer.data();
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `contents` (bytes as given) to `name` in the directory.
  std::string write(const std::string& name, std::string_view contents) const {
    std::filesystem::path file = path_ / name;
    std::ofstream out(file, std::ios::binary);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    if (!out) throw std::runtime_error("cannot write " + file.string());
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// The bodies of every ```json fenced block in a Markdown text, in order.
inline std::vector<std::string> json_code_blocks(std::string_view markdown) {
  std::vector<std::string> blocks;
  std::size_t position = 0;
  bool in_json = false;
  std::string current;
  while (position < markdown.size()) {
    std::size_t end = markdown.find('\n', position);
    if (end == std::string_view::npos) end = markdown.size();
    std::string_view line = markdown.substr(position, end - position);
    position = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!in_json) {
      if (line == "```json") {
        in_json = true;
        current.clear();
      }
    } else if (line == "```") {
      blocks.push_back(current);
      in_json = false;
    } else {
      current.append(line);
      current += '\n';
    }
  }
  return blocks;
}

// The definition examples of docs/questionnaire-format.md.
inline std::vector<std::string> format_doc_examples() {
  return json_code_blocks(read_file(kSourceDir + "/docs/questionnaire-format.md"));
}

struct CommandResult {
  int exit_code = -1;  // -1 unless the process exited normally
  std::string out;
  std::string err;
};

// Runs `arguments` (no shell) and captures stdout, stderr and the exit code.
// `directory`: the child's working directory (empty: this one's).
inline CommandResult run_command(const std::vector<std::string>& arguments,
                                 const std::filesystem::path& directory = {}) {
  TempDir capture;
  std::string out_path = (capture.path() / "stdout").string();
  std::string err_path = (capture.path() / "stderr").string();
  CommandResult result;
  pid_t child = fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    if (!freopen(out_path.c_str(), "w", stdout) || !freopen(err_path.c_str(), "w", stderr)) {
      _exit(127);
    }
    if (!directory.empty() && chdir(directory.c_str()) != 0) _exit(127);
    std::vector<char*> argv;
    for (const std::string& argument : arguments) {
      argv.push_back(const_cast<char*>(argument.c_str()));
    }
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error("waitpid failed");
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  result.out = read_file(out_path);
  result.err = read_file(err_path);
  return result;
}

// Only the integration tests start the `parorende` binary (tests/CMakeLists.txt).
#ifdef PARORENDE_BINARY
inline CommandResult run_parorende(std::vector<std::string> arguments,
                                   const std::filesystem::path& directory = {}) {
  arguments.insert(arguments.begin(), PARORENDE_BINARY);
  return run_command(arguments, directory);
}
#endif

}  // namespace parorende::testing
