// Reading the scored lists of a questionnaire definition, its scales and
// burden instruments, once its items are read: which items each list scores,
// which are reverse-keyed, and the burden categories with their cut-offs.
// Internal to questionnaire/; the loader (questionnaire_loader.cpp) calls it
// last.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "questionnaire/internal/definition_fields.h"
#include "questionnaire/questionnaire.h"

namespace parorende::questionnaire_detail {

class ScoredListReader : public DefinitionFields {
 public:
  // `questionnaire` holds the items read; the scales and instruments are
  // appended to it. It must outlive this object.
  explicit ScoredListReader(Questionnaire& questionnaire);

  // Reads `scales` and `burden_instruments` of the definition's top object,
  // reporting problems to problems().
  void read(const boost::json::object& top);

 private:
  void read_scored_items(const boost::json::object& object, const std::string& path,
                         std::vector<std::string>& items, std::vector<std::string>& reverse_items,
                         double& min_answered_share);
  void read_scales(const boost::json::object& top);
  void read_burden_instruments(const boost::json::object& top);
  void read_categories(const boost::json::object& object, const std::string& path,
                       BurdenInstrument& instrument);
  std::vector<std::string> read_offer_types(const boost::json::object& object,
                                            const std::string& path);

  Questionnaire& questionnaire_;
};

}  // namespace parorende::questionnaire_detail
