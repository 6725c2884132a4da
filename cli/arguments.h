// Command-line arguments of one subcommand: `--name value` options, bare
// `--flag` switches and positional arguments.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/result.h"

namespace parorende::cli {

class Arguments {
 public:
  // `options` take a value; `switches` do not. Anything else starting with
  // "--" is an error naming it.
  static Result<Arguments> parse(const std::vector<std::string>& words,
                                 const std::set<std::string>& options,
                                 const std::set<std::string>& switches = {});

  std::optional<std::string> option(const std::string& name) const;
  Result<std::string> required(const std::string& name) const;
  bool has_switch(const std::string& name) const { return switches_.count(name) != 0; }
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::string> options_;
  std::set<std::string> switches_;
  std::vector<std::string> positional_;
};

}  // namespace parorende::cli
