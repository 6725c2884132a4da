// "Municipalities like us": the nearest municipalities by size and
// settlement pattern, from data/municipalities.csv. Each municipality is a
// point (z-score of ln population, z-score of ln population density); the
// distance is Euclidean, ties broken by municipality code. See
// docs/analytics.md.
#pragma once

#include <cstddef>
#include <vector>

#include "reference/municipalities.h"

namespace parorende::analytics {

inline constexpr std::size_t kSimilarMunicipalities = 10;

// For each municipality (index into `municipalities`), the indexes of the
// `count` most similar others, nearest first.
std::vector<std::vector<int>> most_similar_municipalities(
    const std::vector<Municipality>& municipalities, std::size_t count = kSimilarMunicipalities);

}  // namespace parorende::analytics
