// The dashboard's UI strings in bokmål (nb), nynorsk (nn) and English (en),
// the way web/js/i18n.js keeps the survey's. Titles of the areas come from
// the server in the asked language. d('key', {name: value}) fills {name}.
import {language} from '../i18n.js';

const S = {
  'site.name': {nb: 'Resultater for kommunen', nn: 'Resultat for kommunen', en: 'Results for the municipality'},
  'title': {nb: 'Resultater fra pårørendeundersøkelsen', nn: 'Resultat frå pårørandeundersøkinga', en: 'Results of the caregiver survey'},
  'intro': {
    nb: 'Se hvordan pårørende i kommunen svarer, område for område i pårørendeveilederen, sammenlignet med fylket, landet og kommuner som ligner. Høyere skår er bedre (0–100).',
    nn: 'Sjå korleis pårørande i kommunen svarar, område for område i rettleiaren for pårørande, samanlikna med fylket, landet og kommunar som liknar. Høgare skår er betre (0–100).',
    en: 'See how caregivers in the municipality answer, area by area of the caregiver guideline, compared with the county, the nation and similar municipalities. A higher score is better (0–100).'},
  'choose.legend': {nb: 'Velg kommune og runde', nn: 'Vel kommune og runde', en: 'Choose municipality and wave'},
  'choose.municipality': {nb: 'Kommune', nn: 'Kommune', en: 'Municipality'},
  'choose.hint': {nb: 'Skriv navnet eller kommunenummeret, og velg fra listen.', nn: 'Skriv namnet eller kommunenummeret, og vel frå lista.', en: 'Type the name or the municipality number, and choose from the list.'},
  'choose.wave': {nb: 'Runde', nn: 'Runde', en: 'Wave'},
  'choose.submit': {nb: 'Vis resultater', nn: 'Vis resultat', en: 'Show results'},
  'choose.required': {nb: 'Velg en kommune fra listen.', nn: 'Vel ein kommune frå lista.', en: 'Choose a municipality from the list.'},
  'choose.matches': {nb: '{count} kommuner passer. Bruk pil opp og ned for å velge.', nn: '{count} kommunar passar. Bruk pil opp og ned for å velje.', en: '{count} municipalities match. Use the up and down arrows to choose.'},
  'choose.match_one': {nb: '1 kommune passer.', nn: '1 kommune passar.', en: '1 municipality matches.'},
  'choose.none': {nb: 'Ingen kommuner passer.', nn: 'Ingen kommunar passar.', en: 'No municipality matches.'},
  'choose.show_all': {nb: 'Vis alle kommuner', nn: 'Vis alle kommunar', en: 'Show all municipalities'},
  'staff_only': {nb: 'Resultatene fra denne runden er bare for de ansatte i kommunene. Ansatte finner dem på sidene for ansatte.', nn: 'Resultata frå denne runden er berre for dei tilsette i kommunane. Tilsette finn dei på sidene for tilsette.', en: 'The results of this round are for the municipalities\' staff only. Staff find them on the staff pages.'},
  'sign_in': {nb: 'Logg inn på sidene for ansatte først, og åpne resultatene derfra.', nn: 'Logg inn på sidene for tilsette først, og opne resultata derifrå.', en: 'Sign in on the staff pages first, and open the results from there.'},
  'no_waves': {nb: 'Det finnes ingen resultater ennå.', nn: 'Det finst ingen resultat enno.', en: 'There are no results yet.'},
  'unavailable': {nb: 'Resultatene kunne ikke hentes akkurat nå. Prøv igjen senere.', nn: 'Resultata kunne ikkje hentast akkurat no. Prøv igjen seinare.', en: 'The results could not be fetched right now. Try again later.'},
  'not_found': {nb: 'Vi fant ingen resultater for denne kommunen i denne runden.', nn: 'Vi fann ingen resultat for denne kommunen i denne runden.', en: 'We found no results for this municipality in this wave.'},
  'print': {nb: 'Skriv ut rapporten', nn: 'Skriv ut rapporten', en: 'Print the report'},
  'to_survey': {nb: 'Til spørreskjemaene', nn: 'Til spørjeskjemaa', en: 'To the questionnaires'},
  'to_staff': {nb: 'Logg inn for ansatte', nn: 'Logg inn for tilsette', en: 'Staff sign-in'},

  'heading.municipality': {nb: 'Resultater for {municipality}', nn: 'Resultat for {municipality}', en: 'Results for {municipality}'},
  'wave_line': {nb: 'Runde: {wave}', nn: 'Runde: {wave}', en: 'Wave: {wave}'},
  'suppressed': {nb: 'færre enn {k} svar', nn: 'færre enn {k} svar', en: 'fewer than {k} respondents'},
  'suppressed.secondary': {nb: 'skjult for å verne små tall', nn: 'skjult for å verne små tal', en: 'hidden to protect small figures'},
  'suppressed.notice': {
    nb: '{municipality} har færre enn {k} svar i denne runden. For å verne de som har svart, viser vi ikke tall for kommunen. Tallene for fylket og landet står under.',
    nn: '{municipality} har færre enn {k} svar i denne runden. For å verne dei som har svart, viser vi ikkje tal for kommunen. Tala for fylket og landet står under.',
    en: '{municipality} has fewer than {k} respondents in this wave. To protect those who answered, we show no figures for the municipality. The figures for the county and the nation are below.'},
  'footer.privacy': {nb: 'Tall som bygger på få svar vises ikke, for å verne de som har svart. Ingen enkeltsvar eller fritekst vises.', nn: 'Tal som byggjer på få svar blir ikkje viste, for å verne dei som har svart. Ingen enkeltsvar eller fritekst blir viste.', en: 'Figures that rest on few respondents are not shown, to protect those who answered. No single response or free text is shown.'},
  'privacy': {
    nb: 'Tall som bygger på færre enn {k} svar vises ikke, for å verne de som har svart.',
    nn: 'Tal som byggjer på færre enn {k} svar blir ikkje viste, for å verne dei som har svart.',
    en: 'Figures that rest on fewer than {k} respondents are not shown, to protect those who answered.'},

  'counts.title': {nb: 'Antall svar', nn: 'Tal på svar', en: 'Number of respondents'},
  'counts.intro': {nb: 'Runden bygger på {count} fullførte svar i hele landet. Ikke alle svarer på alle områder, så antallet varierer.', nn: 'Runden byggjer på {count} fullførte svar i heile landet. Ikkje alle svarar på alle område, så talet varierer.', en: 'The wave rests on {count} complete responses in the whole country. Not everyone answers every area, so the numbers vary.'},
  'computed': {nb: 'Tallene ble regnet ut {date}.', nn: 'Tala vart rekna ut {date}.', en: 'The figures were computed on {date}.'},
  'counts.caption': {nb: 'Antall fullførte svar i runden', nn: 'Tal på fullførte svar i runden', en: 'Complete responses in the wave'},
  'col.area': {nb: 'Område', nn: 'Område', en: 'Area'},
  'col.unit': {nb: 'Hvem', nn: 'Kven', en: 'Where'},
  'col.score': {nb: 'Skår', nn: 'Skår', en: 'Score'},
  'col.interval': {nb: '95 % konfidensintervall', nn: '95 % konfidensintervall', en: '95% confidence interval'},
  'col.respondents': {nb: 'Svar', nn: 'Svar', en: 'Respondents'},
  'col.municipality': {nb: 'Kommune', nn: 'Kommune', en: 'Municipality'},
  'col.position': {nb: 'Plassering i traktplottet', nn: 'Plassering i traktplottet', en: 'Position in the funnel plot'},
  'col.change': {nb: 'Endring', nn: 'Endring', en: 'Change'},
  'col.verdict': {nb: 'Vurdering', nn: 'Vurdering', en: 'Assessment'},
  'col.category': {nb: 'Kategori', nn: 'Kategori', en: 'Category'},
  'col.share': {nb: 'Andel', nn: 'Del', en: 'Share'},
  'nation': {nb: 'Landet', nn: 'Landet', en: 'The nation'},
  'similar': {nb: 'Lignende kommuner', nn: 'Kommunar som liknar', en: 'Similar municipalities'},

  'areas.title': {nb: 'Områdene i veilederen', nn: 'Områda i rettleiaren', en: 'The areas of the guideline'},
  'areas.intro': {
    nb: 'Punktet er skåren, streken rundt er 95 % konfidensintervall: med stor sannsynlighet ligger den sanne skåren innenfor. Korte streker bygger på mange svar.',
    nn: 'Punktet er skåren, streken rundt er 95 % konfidensintervall: med stor sannsyn ligg den sanne skåren innanfor. Korte strekar byggjer på mange svar.',
    en: 'The dot is the score, the line around it the 95% confidence interval: the true score very likely lies within it. Short lines rest on many respondents.'},
  'areas.chart': {nb: 'Skår for {area}: {municipality}, {county} og landet', nn: 'Skår for {area}: {municipality}, {county} og landet', en: 'Score for {area}: {municipality}, {county} and the nation'},
  'areas.table_caption': {nb: '{area}: skår med 95 % konfidensintervall', nn: '{area}: skår med 95 % konfidensintervall', en: '{area}: score with 95% confidence interval'},
  'show_table': {nb: 'Vis som tabell', nn: 'Vis som tabell', en: 'Show as a table'},
  'desc.unit': {nb: '{unit}: {score} (95 % KI {low} til {high}, {n} svar)', nn: '{unit}: {score} (95 % KI {low} til {high}, {n} svar)', en: '{unit}: {score} (95% CI {low} to {high}, {n} respondents)'},
  'desc.unit_suppressed': {nb: '{unit}: {text}', nn: '{unit}: {text}', en: '{unit}: {text}'},
  'interval': {nb: '{low} til {high}', nn: '{low} til {high}', en: '{low} to {high}'},

  'versus.national': {nb: 'Sammenlignet med landet', nn: 'Samanlikna med landet', en: 'Compared with the nation'},
  'versus.county': {nb: 'Sammenlignet med fylket', nn: 'Samanlikna med fylket', en: 'Compared with the county'},
  'versus.similar': {nb: 'Sammenlignet med lignende kommuner', nn: 'Samanlikna med kommunar som liknar', en: 'Compared with similar municipalities'},
  'verdict.better': {nb: 'Bedre', nn: 'Betre', en: 'Better'},
  'verdict.worse': {nb: 'Dårligere', nn: 'Dårlegare', en: 'Worse'},
  'verdict.no_significant_difference': {nb: 'Ingen sikker forskjell', nn: 'Inga sikker skilnad', en: 'No clear difference'},
  'verdict.not_testable': {nb: 'Kan ikke testes', nn: 'Kan ikkje testast', en: 'Cannot be tested'},
  'verdict.withheld': {nb: 'Vises ikke (for få svar)', nn: 'Blir ikkje vist (for få svar)', en: 'Not shown (too few respondents)'},
  'difference': {nb: '{difference} poeng (95 % KI {low} til {high})', nn: '{difference} poeng (95 % KI {low} til {high})', en: '{difference} points (95% CI {low} to {high})'},

  'funnel.title': {nb: 'Traktplott: alle kommuner', nn: 'Traktplott: alle kommunar', en: 'Funnel plot: all municipalities'},
  'funnel.intro': {
    nb: 'Hver kommune er et punkt: skår mot antall svar. Linjene er kontrollgrenser rundt landsgjennomsnittet (95 % og 99,8 %). Kommuner med få svar spriker mer av tilfeldigheter; et punkt utenfor grensene er trolig ikke tilfeldig. Kommuner med færre enn {k} svar er ikke med.',
    nn: 'Kvar kommune er eit punkt: skår mot tal på svar. Linjene er kontrollgrenser rundt landssnittet (95 % og 99,8 %). Kommunar med få svar sprikjer meir av tilfeldige grunnar; eit punkt utanfor grensene er truleg ikkje tilfeldig. Kommunar med færre enn {k} svar er ikkje med.',
    en: 'Each municipality is a point: score against number of respondents. The lines are control limits around the national mean (95% and 99.8%). Municipalities with few respondents scatter more by chance; a point outside the limits is probably not chance. Municipalities with fewer than {k} respondents are left out.'},
  'funnel.scale': {nb: 'Område i traktplottet', nn: 'Område i traktplottet', en: 'Area in the funnel plot'},
  'funnel.show': {nb: 'Vis området', nn: 'Vis området', en: 'Show the area'},
  'funnel.chart': {nb: 'Traktplott for {area}: skår mot antall svar for {count} kommuner', nn: 'Traktplott for {area}: skår mot tal på svar for {count} kommunar', en: 'Funnel plot for {area}: score against number of respondents for {count} municipalities'},
  'funnel.desc': {
    nb: 'Landsgjennomsnittet er {mean}. {municipality} har {score} med {n} svar: {position}. {above} kommuner ligger over og {below} under 95 %-grensene.',
    nn: 'Landssnittet er {mean}. {municipality} har {score} med {n} svar: {position}. {above} kommunar ligg over og {below} under 95 %-grensene.',
    en: 'The national mean is {mean}. {municipality} has {score} with {n} respondents: {position}. {above} municipalities lie above and {below} below the 95% limits.'},
  'funnel.desc_none': {
    nb: 'Landsgjennomsnittet er {mean}. {above} kommuner ligger over og {below} under 95 %-grensene.',
    nn: 'Landssnittet er {mean}. {above} kommunar ligg over og {below} under 95 %-grensene.',
    en: 'The national mean is {mean}. {above} municipalities lie above and {below} below the 95% limits.'},
  'funnel.table_caption': {nb: '{area}: skår og antall svar per kommune (traktplottet som tabell)', nn: '{area}: skår og tal på svar per kommune (traktplottet som tabell)', en: '{area}: score and respondents per municipality (the funnel plot as a table)'},
  'funnel.x': {nb: 'Antall svar (logaritmisk skala)', nn: 'Tal på svar (logaritmisk skala)', en: 'Number of respondents (logarithmic scale)'},
  'funnel.y': {nb: 'Skår', nn: 'Skår', en: 'Score'},
  'funnel.mean': {nb: 'Landsgjennomsnitt', nn: 'Landssnitt', en: 'National mean'},
  'funnel.limit95': {nb: '95 %-grense', nn: '95 %-grense', en: '95% limit'},
  'funnel.limit998': {nb: '99,8 %-grense', nn: '99,8 %-grense', en: '99.8% limit'},
  'funnel.legend_above': {nb: 'Over 95 %-grensen', nn: 'Over 95 %-grensa', en: 'Above the 95% limit'},
  'funnel.legend_below': {nb: 'Under 95 %-grensen', nn: 'Under 95 %-grensa', en: 'Below the 95% limit'},
  'funnel.legend_within': {nb: 'Innenfor grensene', nn: 'Innanfor grensene', en: 'Within the limits'},
  'funnel.legend_chosen': {nb: 'Valgt kommune', nn: 'Vald kommune', en: 'Chosen municipality'},
  'position.above998': {nb: 'over 99,8 %-grensen', nn: 'over 99,8 %-grensa', en: 'above the 99.8% limit'},
  'position.above95': {nb: 'over 95 %-grensen', nn: 'over 95 %-grensa', en: 'above the 95% limit'},
  'position.within': {nb: 'innenfor grensene', nn: 'innanfor grensene', en: 'within the limits'},
  'position.below95': {nb: 'under 95 %-grensen', nn: 'under 95 %-grensa', en: 'below the 95% limit'},
  'position.below998': {nb: 'under 99,8 %-grensen', nn: 'under 99,8 %-grensa', en: 'below the 99.8% limit'},
  'funnel.suppressed_note': {nb: '{municipality} er ikke med i traktplottet: færre enn {k} svar.', nn: '{municipality} er ikkje med i traktplottet: færre enn {k} svar.', en: '{municipality} is not in the funnel plot: fewer than {k} respondents.'},
  'chosen': {nb: '(valgt)', nn: '(vald)', en: '(chosen)'},

  'similar.title': {nb: 'Kommuner som ligner', nn: 'Kommunar som liknar', en: 'Similar municipalities'},
  'similar.intro': {
    nb: 'De ti kommunene som ligner mest på {municipality} i folketall og hvor spredt folk bor. Sammenligningen er med alle svarene i disse kommunene samlet.',
    nn: 'Dei ti kommunane som liknar mest på {municipality} i folketal og kor spreidd folk bur. Samanlikninga er med alle svara i desse kommunane samla.',
    en: 'The ten municipalities most like {municipality} in population and in how spread out people live. The comparison is with all respondents of these municipalities together.'},
  'similar.caption': {nb: 'Lignende kommuner: {area}', nn: 'Kommunar som liknar: {area}', en: 'Similar municipalities: {area}'},
  'similar.none': {nb: 'Ingen lignende kommuner er oppgitt.', nn: 'Ingen kommunar som liknar er oppgitt.', en: 'No similar municipalities are given.'},

  'change.title': {nb: 'Endring siden forrige runde', nn: 'Endring sidan førre runde', en: 'Change since the last wave'},
  'change.intro': {nb: 'Sammenlignet med runden {wave}. Positive tall betyr at skåren har gått opp (bedre).', nn: 'Samanlikna med runden {wave}. Positive tal tyder at skåren har gått opp (betre).', en: 'Compared with the wave {wave}. Positive numbers mean the score went up (better).'},
  'change.none': {nb: 'Det finnes ingen tidligere runde å sammenligne med.', nn: 'Det finst ingen tidlegare runde å samanlikne med.', en: 'There is no earlier wave to compare with.'},
  'change.caption': {nb: 'Endring i skår siden forrige runde, {municipality}', nn: 'Endring i skår sidan førre runde, {municipality}', en: 'Change in score since the last wave, {municipality}'},
  'change.improved': {nb: 'Bedre', nn: 'Betre', en: 'Improved'},
  'change.declined': {nb: 'Dårligere', nn: 'Dårlegare', en: 'Declined'},

  'burden.title': {nb: 'Belastning', nn: 'Belasting', en: 'Strain'},
  'burden.none': {nb: 'Denne runden har ingen belastningskartlegging.', nn: 'Denne runden har inga belastningskartlegging.', en: 'This wave has no strain screening.'},
  'burden.chart': {nb: '{title}: andel i hver kategori, {municipality} og landet', nn: '{title}: del i kvar kategori, {municipality} og landet', en: '{title}: share in each category, {municipality} and the nation'},
  'burden.caption': {nb: '{title}: andel i hver kategori med 95 % konfidensintervall', nn: '{title}: del i kvar kategori med 95 % konfidensintervall', en: '{title}: share in each category with 95% confidence interval'},
};

export function d(key, vars = {}) {
  const entry = S[key];
  if (!entry) return key;
  const text = entry[language()] ?? entry.nb;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

// For the test that every string exists in every language.
export const DASHBOARD_STRINGS = S;
