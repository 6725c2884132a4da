#include <iostream>

#include "cli/commands.h"
#include "cli/store_access.h"

namespace parorende::cli {
namespace {

constexpr const char* kUsage =
    "usage: parorende wave create --db FILE --questionnaire ID [--version VERSION]\n"
    "                             --name NAME --opens YYYY-MM-DD --closes YYYY-MM-DD\n"
    "                             [--municipalities CODE,...]\n"
    "       parorende wave list --db FILE\n";

std::vector<std::string> split_codes(const std::string& list) {
  std::vector<std::string> codes;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = std::min(list.find(',', start), list.size());
    std::string code = list.substr(start, comma - start);
    if (!code.empty()) codes.push_back(code);
    start = comma + 1;
  }
  return codes;
}

void print_wave(const Wave& wave) {
  std::cout << wave.name << ": " << wave.questionnaire_id << " " << wave.questionnaire_version
            << ", " << wave.opens.iso() << " to " << wave.closes.iso() << ", ";
  if (wave.is_national()) {
    std::cout << "national\n";
    return;
  }
  std::cout << wave.municipalities.size() << " municipalities:";
  for (const std::string& code : wave.municipalities) std::cout << ' ' << code;
  std::cout << '\n';
}

int create_wave(const Words& words) {
  auto arguments = Arguments::parse(
      words, {"db", "questionnaire", "version", "name", "opens", "closes", "municipalities"});
  if (!arguments || !arguments->positional().empty()) {
    if (!arguments) std::cerr << "parorende wave create: " << arguments.error().message << '\n';
    std::cerr << kUsage;
    return 2;
  }
  WaveSpec spec;
  for (const char* name : {"db", "questionnaire", "name", "opens", "closes"}) {
    if (!arguments->option(name)) {
      std::cerr << "parorende wave create: option --" << name << " is required\n" << kUsage;
      return 2;
    }
  }
  auto opens = parse_iso_date(*arguments->option("opens"));
  auto closes = parse_iso_date(*arguments->option("closes"));
  if (!opens || !closes) {
    std::cerr << "parorende wave create: dates are written YYYY-MM-DD\n";
    return 2;
  }
  spec.name = *arguments->option("name");
  spec.questionnaire_id = *arguments->option("questionnaire");
  spec.questionnaire_version = arguments->option("version");
  spec.opens = *opens;
  spec.closes = *closes;
  if (auto list = arguments->option("municipalities")) spec.municipalities = split_codes(*list);

  auto store = open_store("wave create", arguments.value(), false);
  if (!store) return 1;
  auto wave = store->create_wave(spec);
  if (!wave) {
    report_error("wave create", wave.error());
    return 1;
  }
  std::cout << "created ";
  print_wave(wave.value());
  return 0;
}

int list_waves(const Words& words) {
  auto arguments = Arguments::parse(words, {"db"});
  if (!arguments || !arguments->option("db")) {
    std::cerr << kUsage;
    return 2;
  }
  auto store = open_store("wave list", arguments.value(), true);
  if (!store) return 1;
  for (const Wave& wave : store->waves()) print_wave(wave);
  return 0;
}

}  // namespace

int wave_command(const Words& words) {
  if (words.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  Words rest(words.begin() + 1, words.end());
  if (words[0] == "create") return create_wave(rest);
  if (words[0] == "list") return list_waves(rest);
  std::cerr << "parorende wave: unknown action '" << words[0] << "'\n" << kUsage;
  return 2;
}

}  // namespace parorende::cli
