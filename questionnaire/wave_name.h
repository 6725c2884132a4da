// A round's plain name, for people: what it asks, when, and where when it
// is not national — "Pårørendeundersøkelsen, mars–april 2026",
// "Pårørendeundersøkelsen – Gjøvik, 2026". A wave's `name` is an
// identifier for addresses and commands ("2026-var"); this is what pages
// show instead.
//
//   std::string shown = wave_plain_name(wave, questionnaire, "nn");
#pragma once

#include <string>
#include <string_view>

#include "questionnaire/questionnaire.h"
#include "questionnaire/wave.h"

namespace parorende {

// The questionnaire's title in `language` (with its fallbacks), the
// municipalities of a local round (by name; "3 kommuner" beyond two), and
// the period: "mars 2026", "mars–april 2026", "2026" for a whole calendar
// year, "desember 2025–januar 2026" across a new year. Languages nb, nn,
// en; another reads as nb.
std::string wave_plain_name(const Wave& wave, const Questionnaire& questionnaire,
                            std::string_view language);

}  // namespace parorende
