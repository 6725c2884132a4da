// A definition with every item type, condition form and scale, for the
// REDCap export and round-trip tests.
#pragma once

namespace parorende::testing {

inline constexpr const char* kEveryItemType = R"json({
  "format": "parorende-questionnaire/1",
  "id": "all_types",
  "version": "1.0.0",
  "languages": ["nb", "en"],
  "title": {"nb": "Alle typer", "en": "All types"},
  "sections": [
    {"id": "about", "title": {"nb": "Om deg", "en": "About you"}, "items": [
      {"id": "home", "type": "municipality", "required": true,
       "text": {"nb": "Kommune", "en": "Municipality"}},
      {"id": "relation", "type": "single_choice",
       "text": {"nb": "Hvem gir du omsorg til?", "en": "Whom do you care for?"},
       "help": {"nb": "Velg én.", "en": "Choose one."},
       "options": [
         {"code": 1, "label": {"nb": "Ektefelle", "en": "Spouse"}},
         {"code": 2, "label": {"nb": "Forelder", "en": "Parent"}},
         {"code": 3, "label": {"nb": "Barn", "en": "Child"}}],
       "dont_know": {"code": 9, "label": {"nb": "Vet ikke", "en": "Don't know"}}},
      {"id": "agree", "type": "single_choice", "visible_if": "relation in [2, 3]",
       "text": {"nb": "Hvor enig er du, fra 0 til 10?", "en": "How much do you agree, 0 to 10?"},
       "options": [
         {"code": 0, "label": {"nb": "0", "en": "0"}}, {"code": 1, "label": {"nb": "1", "en": "1"}},
         {"code": 2, "label": {"nb": "2", "en": "2"}}, {"code": 3, "label": {"nb": "3", "en": "3"}},
         {"code": 4, "label": {"nb": "4", "en": "4"}}, {"code": 5, "label": {"nb": "5", "en": "5"}},
         {"code": 6, "label": {"nb": "6", "en": "6"}}, {"code": 7, "label": {"nb": "7", "en": "7"}},
         {"code": 8, "label": {"nb": "8", "en": "8"}}, {"code": 9, "label": {"nb": "9", "en": "9"}},
         {"code": 10, "label": {"nb": "10", "en": "10"}}]},
      {"id": "help_used", "type": "multiple_choice", "min_choices": 1, "max_choices": 2,
       "text": {"nb": "Hva har du brukt?", "en": "What have you used?"},
       "options": [
         {"code": 1, "label": {"nb": "Samtale", "en": "Conversation"}},
         {"code": 2, "label": {"nb": "Kurs", "en": "Course"}},
         {"code": 3, "label": {"nb": "Avlastning", "en": "Respite"}}]},
      {"id": "children", "type": "yes_no", "visible_if": "not selected(help_used, 3)",
       "text": {"nb": "Bor det barn i familien?", "en": "Are there children in the family?"}},
      {"id": "hours", "type": "integer", "min": 0, "max": 168,
       "visible_if": "children and relation != 1",
       "text": {"nb": "Timer per uke", "en": "Hours a week"},
       "constraints": [{"expression": "hours >= 0",
                        "message": {"nb": "Ikke negativt", "en": "Not negative"}}]},
      {"id": "distance_km", "type": "decimal", "min": 0.5, "max": 2000,
       "visible_if": "not (hours < 10)",
       "text": {"nb": "Avstand i km", "en": "Distance in km"}},
      {"id": "started", "type": "date", "min": "1950-01-01", "max": "2030-12-31",
       "text": {"nb": "Når begynte du?", "en": "When did you start?"}},
      {"id": "name_it", "type": "text", "max_length": 200, "visible_if": "selected(help_used, 3)",
       "text": {"nb": "Hva slags avlastning?", "en": "What kind of respite?"}}
    ]},
    {"id": "family", "title": {"nb": "Familie", "en": "Family"},
     "description": {"nb": "Om familien din.", "en": "About your family."},
     "visible_if": "children = true",
     "items": [
      {"id": "comment", "type": "text", "multiline": true, "visible_if": "started > '2000-01-01'",
       "text": {"nb": "Kommentar", "en": "Comment"}}
    ]}
  ],
  "scales": [
    {"id": "support", "title": {"nb": "Støtte", "en": "Support"}, "items": ["agree"],
     "min_answered": 0.5}
  ]
})json";

}  // namespace parorende::testing
