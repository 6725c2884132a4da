// Progress of a long analysis, for a terminal display: `stage` names the
// step ("reading responses", "scale support"), `fraction` is done/total of
// that step in [0, 1]. An empty function reports nothing.
#pragma once

#include <functional>
#include <string_view>

namespace parorende::analytics {

using Progress = std::function<void(std::string_view stage, double fraction)>;

}  // namespace parorende::analytics
