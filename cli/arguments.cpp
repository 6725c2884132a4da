#include "cli/arguments.h"

namespace parorende::cli {

Result<Arguments> Arguments::parse(const std::vector<std::string>& words,
                                   const std::set<std::string>& options,
                                   const std::set<std::string>& switches) {
  Arguments arguments;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word.rfind("--", 0) != 0 || word == "--") {
      arguments.positional_.push_back(word);
      continue;
    }
    std::string name = word.substr(2);
    std::optional<std::string> inline_value;
    if (auto equals = name.find('='); equals != std::string::npos) {
      inline_value = name.substr(equals + 1);
      name = name.substr(0, equals);
    }
    if (switches.count(name) != 0 && !inline_value) {
      arguments.switches_.insert(name);
    } else if (options.count(name) != 0) {
      if (inline_value) {
        arguments.options_[name] = *inline_value;
      } else if (i + 1 < words.size()) {
        arguments.options_[name] = words[++i];
      } else {
        return make_error("usage", "option --" + name + " needs a value");
      }
    } else {
      return make_error("usage", "unknown option --" + name);
    }
  }
  return arguments;
}

std::optional<std::string> Arguments::option(const std::string& name) const {
  auto found = options_.find(name);
  if (found == options_.end()) return std::nullopt;
  return found->second;
}

Result<std::string> Arguments::required(const std::string& name) const {
  auto value = option(name);
  if (!value) return make_error("usage", "option --" + name + " is required");
  return *value;
}

}  // namespace parorende::cli
