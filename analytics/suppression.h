// Why a published cell shows no figures (docs/privacy.md): too few
// respondents of its own (primary), or withheld so that a primary one
// cannot be recovered by subtracting published cells from a total
// (secondary).
#pragma once

#include <cstdint>
#include <string_view>

namespace parorende::analytics {

enum class Suppression : std::uint8_t { none, primary, secondary };

// "primary", "secondary"; "" for none.
std::string_view suppression_name(Suppression suppression);

}  // namespace parorende::analytics
