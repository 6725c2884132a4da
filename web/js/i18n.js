// Every UI string in bokmål (nb), nynorsk (nn) and English (en). Texts of the
// questionnaires themselves come from the server in the chosen language.
// t('key', {name: value}) fills {name} placeholders.

export const LANGUAGES = ['nb', 'nn', 'en'];

const S = {
  'site.name': {nb: 'Spørreskjema for pårørende', nn: 'Spørjeskjema for pårørande', en: 'Questionnaires for caregivers'},
  'skip': {nb: 'Hopp til hovedinnholdet', nn: 'Hopp til hovudinnhaldet', en: 'Skip to main content'},
  'lang.label': {nb: 'Språk', nn: 'Språk', en: 'Language'},
  'lang.changed': {nb: 'Språket er nå bokmål.', nn: 'Språket er no nynorsk.', en: 'The language is now English.'},
  'loading': {nb: 'Laster …', nn: 'Lastar …', en: 'Loading …'},
  'footer.privacy': {
    nb: 'Vi lagrer ikke navnet ditt eller IP-adressen din. Det er ingen tidsfrist på sidene: ta den tiden du trenger.',
    nn: 'Vi lagrar ikkje namnet ditt eller IP-adressa di. Det er ingen tidsfrist på sidene: ta den tida du treng.',
    en: 'We do not store your name or your IP address. There is no time limit on these pages: take the time you need.'},
  'footer.resume': {nb: 'Fortsett med en kode', nn: 'Hald fram med ein kode', en: 'Continue with a code'},
  'footer.delete': {nb: 'Slett svarene dine', nn: 'Slett svara dine', en: 'Delete your answers'},
  'footer.offers': {nb: 'Tilbud for pårørende', nn: 'Tilbod for pårørande', en: 'Offers for caregivers'},
  'footer.home': {nb: 'Til forsiden', nn: 'Til framsida', en: 'To the front page'},
  'nav.label': {nb: 'Andre sider', nn: 'Andre sider', en: 'Other pages'},

  // Start page
  'start.title': {nb: 'Svar på spørsmål om hvordan du har det som pårørende', nn: 'Svar på spørsmål om korleis du har det som pårørande', en: 'Answer questions about how you are doing as a caregiver'},
  'start.intro': {
    nb: 'Hjelper du noen i familien eller en venn som er syk, gammel eller har en funksjonsnedsettelse? Da er du pårørende. Svarene dine hjelper kommunen å gi bedre hjelp til deg og andre i samme situasjon.',
    nn: 'Hjelper du nokon i familien eller ein ven som er sjuk, gammal eller har ei funksjonsnedsetjing? Då er du pårørande. Svara dine hjelper kommunen å gi betre hjelp til deg og andre i same situasjon.',
    en: 'Do you help a family member or friend who is ill, old or has a disability? Then you are a caregiver. Your answers help the municipality give better help to you and others in the same situation.'},
  'start.municipality.label': {nb: 'Hvilken kommune gjelder det?', nn: 'Kva kommune gjeld det?', en: 'Which municipality is it about?'},
  'start.municipality.hint': {
    nb: 'Velg kommunen der personen du hjelper, bor eller får tjenester. Sidene blir vist på nynorsk hvis kommunen bruker nynorsk. Du kan alltid bytte språk øverst på siden.',
    nn: 'Vel kommunen der personen du hjelper, bur eller får tenester. Sidene blir viste på nynorsk om kommunen brukar nynorsk. Du kan alltid byte språk øvst på sida.',
    en: 'Choose the municipality where the person you care for lives or receives services. The pages are shown in Nynorsk if the municipality uses Nynorsk. You can always change the language at the top of the page.'},
  'start.municipality.choose': {nb: 'Velg kommune', nn: 'Vel kommune', en: 'Choose a municipality'},
  'start.municipality.submit': {nb: 'Vis skjemaene', nn: 'Vis skjemaa', en: 'Show the questionnaires'},
  'start.municipality.required': {nb: 'Velg en kommune.', nn: 'Vel ein kommune.', en: 'Choose a municipality.'},
  'start.surveys.title': {nb: 'Skjemaer du kan svare på i {municipality}', nn: 'Skjema du kan svare på i {municipality}', en: 'Questionnaires you can answer in {municipality}'},
  'start.surveys.none': {nb: 'Det er ingen åpne skjemaer for {municipality} akkurat nå.', nn: 'Det er ingen opne skjema for {municipality} akkurat no.', en: 'There are no open questionnaires for {municipality} right now.'},
  'start.surveys.start': {nb: 'Start: {title}', nn: 'Start: {title}', en: 'Start: {title}'},
  'start.surveys.open_until': {nb: 'Åpent til og med {date}.', nn: 'Ope til og med {date}.', en: 'Open until {date}.'},
  'start.other.title': {nb: 'Har du begynt før, eller vil du slette svar?', nn: 'Har du byrja før, eller vil du slette svar?', en: 'Have you started before, or do you want to delete answers?'},
  'start.other.invitation': {nb: 'Svar med kode fra brev', nn: 'Svar med kode frå brev', en: 'Answer with a code from a letter'},
  'start.other.resume': {nb: 'Fortsett der du slapp, med koden du fikk', nn: 'Hald fram der du slapp, med koden du fekk', en: 'Continue where you left off, with the code you got'},
  'start.other.delete': {nb: 'Slett svar du har sendt inn, med kvitteringskoden', nn: 'Slett svar du har sendt inn, med kvitteringskoden', en: 'Delete answers you have sent, with the receipt code'},
  'start.other.offers': {nb: 'Se hvilke tilbud kommunen har for pårørende', nn: 'Sjå kva tilbod kommunen har for pårørande', en: 'See what the municipality offers caregivers'},

  // Survey
  'survey.minutes': {nb: 'Det tar omtrent {minutes} minutter.', nn: 'Det tek om lag {minutes} minutt.', en: 'It takes about {minutes} minutes.'},
  'consent.title': {nb: 'Før du begynner', nn: 'Før du byrjar', en: 'Before you start'},
  'consent.legend': {nb: 'Samtykke', nn: 'Samtykke', en: 'Consent'},
  'consent.checkbox': {nb: 'Jeg har lest dette og vil svare', nn: 'Eg har lese dette og vil svare', en: 'I have read this and want to answer'},
  'consent.required': {nb: 'Kryss av for at du har lest teksten og vil svare.', nn: 'Kryss av for at du har lese teksten og vil svare.', en: 'Tick the box to say you have read the text and want to answer.'},
  'consent.start': {nb: 'Start', nn: 'Start', en: 'Start'},
  'consent.notime': {nb: 'Du kan ta pauser, lagre underveis og fortsette senere.', nn: 'Du kan ta pausar, lagre undervegs og halde fram seinare.', en: 'You can take breaks, save along the way and continue later.'},
  'progress.step': {nb: 'Del {n} av {total}', nn: 'Del {n} av {total}', en: 'Part {n} of {total}'},
  'progress.overview': {nb: 'Alle delene ({total})', nn: 'Alle delane ({total})', en: 'All parts ({total})'},
  'progress.current': {nb: '(du er her)', nn: '(du er her)', en: '(you are here)'},
  'progress.done': {nb: '(besvart)', nn: '(svart på)', en: '(answered)'},
  'progress.added': {nb: 'En ny del er lagt til: {title}. Det er nå {total} deler.', nn: 'Ein ny del er lagd til: {title}. Det er no {total} delar.', en: 'A new part has been added: {title}. There are now {total} parts.'},
  'progress.removed': {nb: 'Delen «{title}» er tatt bort. Det er nå {total} deler.', nn: 'Delen «{title}» er teken bort. Det er no {total} delar.', en: 'The part “{title}” has been removed. There are now {total} parts.'},
  'progress.item_added': {nb: 'Et nytt spørsmål er lagt til under.', nn: 'Eit nytt spørsmål er lagt til under.', en: 'A new question has been added below.'},
  'nav.back': {nb: 'Tilbake', nn: 'Tilbake', en: 'Back'},
  'nav.next': {nb: 'Neste', nn: 'Neste', en: 'Next'},
  'nav.submit': {nb: 'Send inn svarene', nn: 'Send inn svara', en: 'Send your answers'},
  'nav.to_check': {nb: 'Se over svarene', nn: 'Sjå over svara', en: 'Check your answers'},
  'nav.save': {nb: 'Lagre og fortsett senere', nn: 'Lagre og hald fram seinare', en: 'Save and continue later'},
  'nav.sending': {nb: 'Sender …', nn: 'Sender …', en: 'Sending …'},
  'item.optional': {nb: '(valgfritt)', nn: '(valfritt)', en: '(optional)'},
  'item.required': {nb: '(må svares)', nn: '(må svarast på)', en: '(required)'},
  'step.all_optional': {nb: 'Du kan hoppe over spørsmål du ikke vil eller kan svare på.', nn: 'Du kan hoppe over spørsmål du ikkje vil eller kan svare på.', en: 'You can skip questions you do not want to or cannot answer.'},
  'step.all_required': {nb: 'Svar på alle spørsmålene på denne siden.', nn: 'Svar på alle spørsmåla på denne sida.', en: 'Please answer all the questions on this page.'},
  'step.mixed': {nb: 'Spørsmål merket «må svares» må du svare på. De andre kan du hoppe over.', nn: 'Spørsmål merkte «må svarast på» må du svare på. Dei andre kan du hoppe over.', en: 'Questions marked “required” must be answered. You can skip the others.'},
  'yes': {nb: 'Ja', nn: 'Ja', en: 'Yes'},
  'no': {nb: 'Nei', nn: 'Nei', en: 'No'},
  'text.max': {nb: 'Du kan skrive opptil {max} tegn.', nn: 'Du kan skrive opptil {max} teikn.', en: 'You can write up to {max} characters.'},
  'text.max_private': {nb: 'Du kan skrive opptil {max} tegn. Ikke skriv navn eller andre opplysninger som viser hvem du er.', nn: 'Du kan skrive opptil {max} teikn. Ikkje skriv namn eller andre opplysningar som viser kven du er.', en: 'You can write up to {max} characters. Do not write names or other details that show who you are.'},
  'item.clear': {nb: 'Fjern svaret', nn: 'Fjern svaret', en: 'Clear the answer'},
  'item.cleared': {nb: 'Svaret er fjernet.', nn: 'Svaret er fjerna.', en: 'The answer has been cleared.'},
  'number.range': {nb: 'Skriv et tall fra {min} til {max}.', nn: 'Skriv eit tal frå {min} til {max}.', en: 'Write a number from {min} to {max}.'},
  'multi.hint': {nb: 'Du kan velge flere.', nn: 'Du kan velje fleire.', en: 'You can choose more than one.'},

  // Validation (the server's messages win when it answers 422)
  'err.summary': {nb: 'Det er noe du må rette', nn: 'Det er noko du må rette', en: 'There is something you need to fix'},
  'err.prefix': {nb: 'Feil:', nn: 'Feil:', en: 'Error:'},
  'err.required_choice': {nb: 'Velg ett av svarene.', nn: 'Vel eitt av svara.', en: 'Choose one of the answers.'},
  'err.required_choices': {nb: 'Velg minst ett svar.', nn: 'Vel minst eitt svar.', en: 'Choose at least one answer.'},
  'err.required_municipality': {nb: 'Velg en kommune fra listen.', nn: 'Vel ein kommune frå lista.', en: 'Choose a municipality from the list.'},
  'err.required_number': {nb: 'Skriv et tall.', nn: 'Skriv eit tal.', en: 'Write a number.'},
  'err.required_date': {nb: 'Velg eller skriv en dato.', nn: 'Vel eller skriv ein dato.', en: 'Choose or write a date.'},
  'err.required_text': {nb: 'Skriv svaret ditt i feltet.', nn: 'Skriv svaret ditt i feltet.', en: 'Write your answer in the box.'},
  'err.integer': {nb: 'Skriv et helt tall, for eksempel 12.', nn: 'Skriv eit heilt tal, til dømes 12.', en: 'Write a whole number, for example 12.'},
  'err.decimal': {nb: 'Skriv et tall, for eksempel 2,5.', nn: 'Skriv eit tal, til dømes 2,5.', en: 'Write a number, for example 2.5.'},
  'err.min': {nb: 'Svaret må være minst {min}.', nn: 'Svaret må vere minst {min}.', en: 'The answer must be at least {min}.'},
  'err.max': {nb: 'Svaret kan være høyst {max}.', nn: 'Svaret kan vere høgst {max}.', en: 'The answer must be at most {max}.'},
  'err.too_long': {nb: 'Svaret kan være høyst {max} tegn langt.', nn: 'Svaret kan vere høgst {max} teikn langt.', en: 'The answer can be at most {max} characters long.'},
  'err.date': {nb: 'Skriv en gyldig dato.', nn: 'Skriv ein gyldig dato.', en: 'Write a valid date.'},
  'err.min_choices': {nb: 'Velg minst {min}.', nn: 'Vel minst {min}.', en: 'Choose at least {min}.'},
  'err.max_choices': {nb: 'Velg høyst {max}.', nn: 'Vel høgst {max}.', en: 'Choose at most {max}.'},
  'err.network': {nb: 'Vi fikk ikke kontakt med tjenesten. Svarene dine er ikke borte: prøv igjen om litt.', nn: 'Vi fekk ikkje kontakt med tenesta. Svara dine er ikkje borte: prøv igjen om litt.', en: 'We could not reach the service. Your answers are not lost: please try again in a moment.'},
  'err.rate_limited': {nb: 'Det har vært for mange forsøk på kort tid. Vent et minutt og prøv igjen.', nn: 'Det har vore for mange forsøk på kort tid. Vent eitt minutt og prøv igjen.', en: 'There have been too many attempts in a short time. Wait a minute and try again.'},
  'err.wave_closed': {nb: 'Dette skjemaet er stengt, så svar kan ikke lenger sendes inn eller lagres.', nn: 'Dette skjemaet er stengt, så svar kan ikkje lenger sendast inn eller lagrast.', en: 'This questionnaire is closed, so answers can no longer be sent or saved.'},
  'err.unavailable': {nb: 'Tjenesten er ikke tilgjengelig akkurat nå. Svarene dine er ikke borte: prøv igjen om litt.', nn: 'Tenesta er ikkje tilgjengeleg akkurat no. Svara dine er ikkje borte: prøv igjen om litt.', en: 'The service is not available right now. Your answers are not lost: please try again in a moment.'},
  'err.preview': {nb: 'Dette er en forhåndsvisning. Svarene blir ikke sendt.', nn: 'Dette er ei førehandsvising. Svara blir ikkje sende.', en: 'This is a preview. The answers are not sent.'},
  'preview.notice': {nb: 'Forhåndsvisning: slik ser pårørende spørreskjemaet. Ingenting blir sendt eller lagret.', nn: 'Førehandsvising: slik ser pårørande spørjeskjemaet. Ingenting blir sendt eller lagra.', en: 'Preview: this is how caregivers see the questionnaire. Nothing is sent or stored.'},
  'err.generic': {nb: 'Noe gikk galt hos oss. Prøv igjen om litt.', nn: 'Noko gjekk gale hos oss. Prøv igjen om litt.', en: 'Something went wrong on our side. Please try again in a moment.'},
  'err.wave_missing': {nb: 'Vi fant ikke dette skjemaet. Det kan være stengt.', nn: 'Vi fann ikkje dette skjemaet. Det kan vere stengt.', en: 'We could not find this questionnaire. It may be closed.'},
  'err.elsewhere': {nb: 'Dette spørsmålet er i delen «{title}».', nn: 'Dette spørsmålet er i delen «{title}».', en: 'This question is in the part “{title}”.'},

  // Check your answers, and after sending
  'check.title': {nb: 'Se over svarene før du sender', nn: 'Sjå over svara før du sender', en: 'Check your answers before sending'},
  'check.intro': {nb: 'Her er alle svarene dine. Vil du endre et svar, trykk på «Endre» ved siden av det.', nn: 'Her er alle svara dine. Vil du endre eit svar, trykk på «Endre» ved sida av det.', en: 'Here are all your answers. To change an answer, press “Change” next to it.'},
  'check.unanswered': {nb: 'Ikke besvart', nn: 'Ikkje svart på', en: 'Not answered'},
  'check.change': {nb: 'Endre', nn: 'Endre', en: 'Change'},
  'check.answer': {nb: 'Svar', nn: 'Svar', en: 'Answer'},
  'check.back_to_check': {nb: 'Tilbake til oversikten', nn: 'Tilbake til oversikta', en: 'Back to your answers'},
  'check.send_title': {nb: 'Send inn svarene', nn: 'Send inn svara', en: 'Send your answers'},
  'check.send_text': {nb: 'Når du sender inn, lagres svarene anonymt. Du får en kvitteringskode som du kan bruke hvis du vil slette svarene senere.', nn: 'Når du sender inn, blir svara lagra anonymt. Du får ein kvitteringskode som du kan bruke om du vil slette svara seinare.', en: 'When you send them, your answers are stored anonymously. You get a receipt code you can use if you want to delete them later.'},
  'check.screening_title': {nb: 'Vil du lagre svarene?', nn: 'Vil du lagre svara?', en: 'Do you want to store your answers?'},
  'check.screening_text': {
    nb: 'Du ser resultatet ditt uansett. Velger du å lagre, blir svarene lagret anonymt og teller med når kommunen ser på hvordan pårørende har det. Du får en kvitteringskode som du kan slette dem med. Velger du bare å se resultatet, blir ingenting lagret hos oss, og svarene forsvinner når du lukker fanen.',
    nn: 'Du ser resultatet ditt uansett. Vel du å lagre, blir svara lagra anonymt og tel med når kommunen ser på korleis pårørande har det. Du får ein kvitteringskode som du kan slette dei med. Vel du berre å sjå resultatet, blir ingenting lagra hos oss, og svara forsvinn når du lukkar fanen.',
    en: 'You see your result either way. If you choose to store them, your answers are stored anonymously and included when the municipality looks at how caregivers are doing. You get a receipt code to delete them with. If you only look at the result, nothing is stored with us, and the answers are gone when you close the tab.'},
  'check.screening_saved_text': {
    nb: 'Du har lagret svarene underveis, så de er allerede lagret anonymt hos oss. Når du sender inn, ser du resultatet og får en kvitteringskode som du kan slette dem med.',
    nn: 'Du har lagra svara undervegs, så dei er alt lagra anonymt hos oss. Når du sender inn, ser du resultatet og får ein kvitteringskode som du kan slette dei med.',
    en: 'You saved your answers along the way, so they are already stored anonymously with us. When you send them, you see the result and get a receipt code to delete them with.'},
  'check.store': {nb: 'Lagre svarene og se resultatet', nn: 'Lagre svara og sjå resultatet', en: 'Store my answers and see the result'},
  'check.result_only': {nb: 'Bare se resultatet, ikke lagre noe', nn: 'Berre sjå resultatet, ikkje lagre noko', en: 'Only see the result, store nothing'},
  'sent.title': {nb: 'Svarene dine er sendt inn', nn: 'Svara dine er sende inn', en: 'Your answers have been sent'},
  'sent.text': {nb: 'Du har allerede sendt inn dette skjemaet. Svarene kan ikke endres, men du kan slette dem med kvitteringskoden.', nn: 'Du har alt sendt inn dette skjemaet. Svara kan ikkje endrast, men du kan slette dei med kvitteringskoden.', en: 'You have already sent this questionnaire. The answers cannot be changed, but you can delete them with the receipt code.'},
  'sent.not_stored_title': {nb: 'Du har sett resultatet ditt', nn: 'Du har sett resultatet ditt', en: 'You have seen your result'},
  'sent.not_stored_text': {nb: 'Svarene ble ikke lagret. Vil du svare på nytt, begynner du med et tomt skjema.', nn: 'Svara vart ikkje lagra. Vil du svare på nytt, byrjar du med eit tomt skjema.', en: 'Your answers were not stored. If you answer again, you start with a blank form.'},
  'sent.to_result': {nb: 'Se resultatet ditt igjen', nn: 'Sjå resultatet ditt igjen', en: 'See your result again'},
  'sent.to_receipt': {nb: 'Se kvitteringen og svarene dine', nn: 'Sjå kvitteringa og svara dine', en: 'See your receipt and your answers'},
  'sent.again': {nb: 'Svar på nytt', nn: 'Svar på nytt', en: 'Answer again'},
  'answers.title': {nb: 'Svarene dine', nn: 'Svara dine', en: 'Your answers'},
  'answers.intro': {
    nb: 'Bare du ser denne kopien. Den blir borte fra nettleseren når du lukker fanen. Skriv den ut eller lagre den som PDF hvis du vil ta vare på den.',
    nn: 'Berre du ser denne kopien. Han blir borte frå nettlesaren når du lukkar fanen. Skriv han ut eller lagre han som PDF om du vil ta vare på han.',
    en: 'Only you see this copy. It is gone from the browser when you close the tab. Print it or save it as a PDF if you want to keep it.'},
  'answers.print': {nb: 'Skriv ut eller lagre som PDF', nn: 'Skriv ut eller lagre som PDF', en: 'Print or save as PDF'},

  // Save and resume
  'saved.title': {nb: 'Svarene dine er lagret', nn: 'Svara dine er lagra', en: 'Your answers are saved'},
  'saved.code': {nb: 'Koden din for å fortsette', nn: 'Koden din for å halde fram', en: 'Your code to continue'},
  'saved.keep': {
    nb: 'Skriv ned koden eller ta vare på lenken under. Med den kan du fortsette senere, også fra en annen telefon eller datamaskin. Vi kan ikke finne koden for deg hvis du mister den, fordi vi ikke vet hvem du er.',
    nn: 'Skriv ned koden eller ta vare på lenkja under. Med ho kan du halde fram seinare, òg frå ein annan telefon eller datamaskin. Vi kan ikkje finne koden for deg om du mistar han, fordi vi ikkje veit kven du er.',
    en: 'Write down the code or keep the link below. With it you can continue later, also from another phone or computer. We cannot find the code for you if you lose it, because we do not know who you are.'},
  'saved.link': {nb: 'Lenke for å fortsette', nn: 'Lenkje for å halde fram', en: 'Link to continue'},
  'saved.until': {nb: 'Du kan fortsette så lenge skjemaet er åpent, til og med {date}.', nn: 'Du kan halde fram så lenge skjemaet er ope, til og med {date}.', en: 'You can continue as long as the questionnaire is open, until {date}.'},
  'saved.private': {nb: 'Den som har koden, kan se svarene dine. Del den bare med noen du stoler på.', nn: 'Den som har koden, kan sjå svara dine. Del han berre med nokon du stolar på.', en: 'Anyone with the code can see your answers. Only share it with someone you trust.'},
  'saved.continue': {nb: 'Fortsett å svare nå', nn: 'Hald fram med å svare no', en: 'Continue answering now'},
  'resume.title': {nb: 'Fortsett der du slapp', nn: 'Hald fram der du slapp', en: 'Continue where you left off'},
  'resume.label': {nb: 'Koden du fikk da du lagret', nn: 'Koden du fekk då du lagra', en: 'The code you got when you saved'},
  'resume.hint': {nb: 'Koden har 28 tegn, for eksempel ABCD-EFGH-… Store eller små bokstaver og bindestreker spiller ingen rolle.', nn: 'Koden har 28 teikn, til dømes ABCD-EFGH-… Store eller små bokstavar og bindestrekar spelar inga rolle.', en: 'The code has 28 characters, for example ABCD-EFGH-… Capital or small letters and dashes do not matter.'},
  'resume.submit': {nb: 'Fortsett', nn: 'Hald fram', en: 'Continue'},
  'resume.required': {nb: 'Skriv inn koden.', nn: 'Skriv inn koden.', en: 'Enter the code.'},
  'resume.not_found': {nb: 'Vi fant ingen lagrede svar med denne koden. Sjekk at du har skrevet den riktig.', nn: 'Vi fann ingen lagra svar med denne koden. Sjekk at du har skrive han rett.', en: 'We found no saved answers with this code. Check that you have typed it correctly.'},
  'resume.invalid': {nb: 'Dette ser ikke ut som en kode. Sjekk at du har skrevet den riktig.', nn: 'Dette ser ikkje ut som ein kode. Sjekk at du har skrive han rett.', en: 'This does not look like a code. Check that you have typed it correctly.'},
  'contact.title': {nb: 'Snakk med noen i {municipality} kommune', nn: 'Snakk med nokon i {municipality} kommune', en: 'Talk to someone in {municipality} municipality'},
  'contact.intro': {nb: 'Pårørendekontakten kan hjelpe deg å finne det som passer for deg. Du trenger ingen henvisning.', nn: 'Pårørandekontakten kan hjelpe deg å finne det som passar for deg. Du treng inga tilvising.', en: 'The caregiver contact can help you find what suits you. You need no referral.'},
  'contact.missing': {
    nb: '{municipality} kommune har ennå ikke lagt inn kontaktinformasjon til pårørendekontakten her. Ring sentralbordet i kommunen og spør etter pårørendekontakten, eller se på nettsiden til kommunen.',
    nn: '{municipality} kommune har enno ikkje lagt inn kontaktinformasjon til pårørandekontakten her. Ring sentralbordet i kommunen og spør etter pårørandekontakten, eller sjå på nettsida til kommunen.',
    en: '{municipality} municipality has not yet added contact details for its caregiver contact here. Call the municipality’s switchboard and ask for the caregiver contact, or look at the municipality’s website.'},
  'contact.gp': {nb: 'Du kan også snakke med fastlegen din, både om situasjonen og om din egen helse.', nn: 'Du kan òg snakke med fastlegen din, både om situasjonen og om helsa di.', en: 'You can also talk to your GP, both about your situation and about your own health.'},
  'contact.name': {nb: 'Pårørendekontakt', nn: 'Pårørandekontakt', en: 'Caregiver contact'},
  'contact.phone': {nb: 'Telefon', nn: 'Telefon', en: 'Phone'},
  'contact.email': {nb: 'E-post', nn: 'E-post', en: 'E-mail'},
  'contact.switchboard': {nb: 'Sentralbord', nn: 'Sentralbord', en: 'Switchboard'},
  'contact.web_site': {nb: 'Nettside', nn: 'Nettside', en: 'Web site'},
  'invitation.title': {nb: 'Svar med kode fra brev', nn: 'Svar med kode frå brev', en: 'Answer with a code from a letter'},
  'invitation.intro': {nb: 'Har du fått et brev eller en tekstmelding fra kommunen med en kode, skriv den inn her. Koden åpner skjemaet for kommunen din. Svarene dine kobles ikke til koden.', nn: 'Har du fått eit brev eller ei tekstmelding frå kommunen med ein kode, skriv han inn her. Koden opnar skjemaet for kommunen din. Svara dine blir ikkje kopla til koden.', en: 'If the municipality sent you a letter or a text message with a code, enter it here. The code opens the questionnaire for your municipality. Your answers are not linked to the code.'},
  'invitation.label': {nb: 'Koden fra brevet', nn: 'Koden frå brevet', en: 'The code from the letter'},
  'invitation.submit': {nb: 'Start', nn: 'Start', en: 'Start'},
  'invitation.required': {nb: 'Skriv inn koden.', nn: 'Skriv inn koden.', en: 'Enter the code.'},
  'invitation.used': {nb: 'Koden fra brevet er allerede brukt. En kode kan bare brukes én gang.', nn: 'Koden frå brevet er alt brukt. Ein kode kan berre brukast éin gong.', en: 'The code from the letter has already been used. A code works only once.'},
  'invitation.send_without': {nb: 'Du kan sende svarene likevel, uten koden: trykk på knappen igjen.', nn: 'Du kan sende svara likevel, utan koden: trykk på knappen igjen.', en: 'You can still send your answers, without the code: press the button again.'},
  'invitation.not_found': {nb: 'Vi fant ingen invitasjon med denne koden. Sjekk at du har skrevet den slik den står i brevet.', nn: 'Vi fann ingen invitasjon med denne koden. Sjekk at du har skrive han slik han står i brevet.', en: 'We found no invitation with this code. Check that you have typed it as it is in the letter.'},
  'invitation.invalid': {nb: 'Dette ser ikke ut som en kode. Koden i brevet har 28 tegn.', nn: 'Dette ser ikkje ut som ein kode. Koden i brevet har 28 teikn.', en: 'This does not look like a code. The code in the letter has 28 characters.'},
  'invitation.mismatch': {nb: 'Denne koden hører til et annet skjema eller en annen kommune. Start fra lenken i brevet.', nn: 'Denne koden høyrer til eit anna skjema eller ein annan kommune. Start frå lenkja i brevet.', en: 'This code belongs to another questionnaire or municipality. Start from the link in the letter.'},
  'resume.welcome': {nb: 'Velkommen tilbake. Svarene du lagret, er fylt inn.', nn: 'Velkomen tilbake. Svara du lagra, er fylte inn.', en: 'Welcome back. The answers you saved are filled in.'},

  // Receipt and delete
  'code.copy': {nb: 'Kopier koden', nn: 'Kopier koden', en: 'Copy the code'},
  'code.copied': {nb: 'Koden er kopiert.', nn: 'Koden er kopiert.', en: 'The code has been copied.'},
  'code.print': {nb: 'Skriv ut siden', nn: 'Skriv ut sida', en: 'Print this page'},
  'receipt.title': {nb: 'Takk! Svarene dine er sendt inn', nn: 'Takk! Svara dine er sende inn', en: 'Thank you! Your answers have been sent'},
  'receipt.thanks': {nb: 'Takk for at du tok deg tid. Svarene dine hjelper kommunen å bli bedre for pårørende.', nn: 'Takk for at du tok deg tid. Svara dine hjelper kommunen å bli betre for pårørande.', en: 'Thank you for taking the time. Your answers help the municipality do better for caregivers.'},
  'receipt.code': {nb: 'Kvitteringskoden din', nn: 'Kvitteringskoden din', en: 'Your receipt code'},
  'receipt.delete_title': {nb: 'Slik sletter du svarene dine', nn: 'Slik slettar du svara dine', en: 'How to delete your answers'},
  'receipt.delete_how': {
    nb: 'Ombestemmer du deg, kan du slette svarene dine når du vil. Skriv ned kvitteringskoden: uten den kan ingen finne svarene dine igjen, heller ikke vi. Gå til siden «Slett svarene dine» og skriv inn koden.',
    nn: 'Ombestemmer du deg, kan du slette svara dine når du vil. Skriv ned kvitteringskoden: utan han kan ingen finne svara dine att, heller ikkje vi. Gå til sida «Slett svara dine» og skriv inn koden.',
    en: 'If you change your mind, you can delete your answers whenever you like. Write down the receipt code: without it nobody can find your answers again, not even us. Go to the page “Delete your answers” and enter the code.'},
  'receipt.delete_link': {nb: 'Gå til «Slett svarene dine»', nn: 'Gå til «Slett svara dine»', en: 'Go to “Delete your answers”'},
  'receipt.missing': {nb: 'Her er det ingen kvittering å vise. Kvitteringen vises bare én gang, rett etter at du har sendt inn.', nn: 'Her er det inga kvittering å vise. Kvitteringa blir vist berre éin gong, rett etter at du har sendt inn.', en: 'There is no receipt to show here. The receipt is shown only once, right after you send your answers.'},
  'delete.title': {nb: 'Slett svarene dine', nn: 'Slett svara dine', en: 'Delete your answers'},
  'delete.intro': {nb: 'Skriv inn kvitteringskoden du fikk da du sendte inn. Svarene blir slettet for godt og kan ikke hentes tilbake.', nn: 'Skriv inn kvitteringskoden du fekk då du sende inn. Svara blir sletta for godt og kan ikkje hentast tilbake.', en: 'Enter the receipt code you got when you sent your answers. The answers are deleted for good and cannot be brought back.'},
  'delete.label': {nb: 'Kvitteringskode', nn: 'Kvitteringskode', en: 'Receipt code'},
  'delete.confirm': {nb: 'Jeg vil slette svarene mine for godt', nn: 'Eg vil slette svara mine for godt', en: 'I want to delete my answers for good'},
  'delete.confirm_required': {nb: 'Kryss av for at du vil slette svarene for godt.', nn: 'Kryss av for at du vil slette svara for godt.', en: 'Tick the box to say you want to delete the answers for good.'},
  'delete.submit': {nb: 'Slett svarene', nn: 'Slett svara', en: 'Delete the answers'},
  'delete.required': {nb: 'Skriv inn kvitteringskoden.', nn: 'Skriv inn kvitteringskoden.', en: 'Enter the receipt code.'},
  'delete.not_found': {nb: 'Vi fant ingen svar med denne koden. Kanskje de allerede er slettet, eller koden er skrevet feil.', nn: 'Vi fann ingen svar med denne koden. Kanskje dei alt er sletta, eller koden er skriven feil.', en: 'We found no answers with this code. Perhaps they have already been deleted, or the code is mistyped.'},
  'delete.done_title': {nb: 'Svarene dine er slettet', nn: 'Svara dine er sletta', en: 'Your answers have been deleted'},
  'delete.done': {nb: 'Svarene er slettet for godt. Kvitteringskoden virker ikke lenger.', nn: 'Svara er sletta for godt. Kvitteringskoden verkar ikkje lenger.', en: 'The answers are deleted for good. The receipt code no longer works.'},

  // Screening result and offers
  'result.title': {nb: 'Resultatet ditt', nn: 'Resultatet ditt', en: 'Your result'},
  'result.sum': {nb: 'Summen av svarene dine er {sum} av {max}.', nn: 'Summen av svara dine er {sum} av {max}.', en: 'The total of your answers is {sum} out of {max}.'},
  'result.meaning': {nb: 'Hva betyr det?', nn: 'Kva betyr det?', en: 'What does it mean?'},
  'result.follow_up': {nb: 'Hva skjer nå?', nn: 'Kva skjer no?', en: 'What happens now?'},
  'result.not_scored': {nb: 'Vi kunne ikke regne ut et resultat, fordi for mange spørsmål er ubesvart. Snakk gjerne med pårørendekontakten i kommunen.', nn: 'Vi kunne ikkje rekne ut eit resultat, fordi for mange spørsmål er utan svar. Snakk gjerne med pårørandekontakten i kommunen.', en: 'We could not work out a result, because too many questions are unanswered. Feel free to talk to the caregiver contact in the municipality.'},
  'result.not_alone': {nb: 'Du er ikke alene. Det er helt vanlig å trenge hjelp som pårørende, og det er lov å be om den.', nn: 'Du er ikkje åleine. Det er heilt vanleg å trenge hjelp som pårørande, og det er lov å be om henne.', en: 'You are not alone. It is quite normal to need help as a caregiver, and it is fine to ask for it.'},
  'result.stored': {
    nb: 'Svarene dine er lagret anonymt. Ingen i kommunen kan se hvem du er, så ingen tar kontakt med deg på grunn av svarene. Vil du ha hjelp, må du selv ta kontakt.',
    nn: 'Svara dine er lagra anonymt. Ingen i kommunen kan sjå kven du er, så ingen tek kontakt med deg på grunn av svara. Vil du ha hjelp, må du sjølv ta kontakt.',
    en: 'Your answers are stored anonymously. No one in the municipality can see who you are, so no one will contact you because of them. If you want help, you need to get in touch yourself.'},
  'result.not_stored': {
    nb: 'Svarene dine er ikke lagret. Resultatet vises bare her, og er borte når du lukker fanen. Ingen i kommunen vet om det, så vil du ha hjelp, må du selv ta kontakt.',
    nn: 'Svara dine er ikkje lagra. Resultatet blir berre vist her, og er borte når du lukkar fanen. Ingen i kommunen veit om det, så vil du ha hjelp, må du sjølv ta kontakt.',
    en: 'Your answers are not stored. The result is shown only here, and is gone when you close the tab. No one in the municipality knows about it, so if you want help, you need to get in touch yourself.'},
  'result.unavailable_not_stored': {nb: 'Resultatet kunne ikke vises akkurat nå. Prøv igjen om litt.', nn: 'Resultatet kunne ikkje visast akkurat no. Prøv igjen om litt.', en: 'The result could not be shown right now. Please try again in a moment.'},
  'help.title': {nb: 'Trenger du hjelp nå?', nn: 'Treng du hjelp no?', en: 'Do you need help now?'},
  'help.intro': {nb: 'Du kan ringe disse numrene hele døgnet.', nn: 'Du kan ringje desse numra heile døgnet.', en: 'You can call these numbers at any time of day or night.'},
  'help.emergency': {nb: 'Medisinsk nødtelefon, når det haster og livet kan være i fare', nn: 'Medisinsk naudtelefon, når det hastar og livet kan vere i fare', en: 'Medical emergency number, when it is urgent and a life may be in danger'},
  'help.out_of_hours': {nb: 'Legevakt, når du trenger lege og det ikke kan vente til fastlegen', nn: 'Legevakt, når du treng lege og det ikkje kan vente til fastlegen', en: 'Out-of-hours doctor (legevakt), when you need a doctor and it cannot wait for your GP'},
  'help.mental_helse': {nb: 'Mental Helses hjelpetelefon, for å snakke med noen når det er tungt', nn: 'Hjelpetelefonen til Mental Helse, for å snakke med nokon når det er tungt', en: 'The Mental Helse helpline, to talk to someone when things are hard'},
  'help.young': {nb: 'Alarmtelefonen for barn og unge, for deg som er under 18 år', nn: 'Alarmtelefonen for barn og unge, for deg som er under 18 år', en: 'Alarmtelefonen, the helpline for children and young people under 18'},
  'result.unavailable': {nb: 'Resultatet kunne ikke vises akkurat nå, men svarene dine er sendt inn.', nn: 'Resultatet kunne ikkje visast akkurat no, men svara dine er sende inn.', en: 'The result could not be shown right now, but your answers have been sent.'},
  'offers.title': {nb: 'Tilbud i {municipality} som kan passe for deg', nn: 'Tilbod i {municipality} som kan passe for deg', en: 'Offers in {municipality} that may suit you'},
  'offers.title_all': {nb: 'Tilbud for pårørende i {municipality}', nn: 'Tilbod for pårørande i {municipality}', en: 'Offers for caregivers in {municipality}'},
  'offers.none': {nb: 'Vi fant ingen tilbud av denne typen i kommunen. Ta kontakt med kommunen, så hjelper de deg videre.', nn: 'Vi fann ingen tilbod av denne typen i kommunen. Ta kontakt med kommunen, så hjelper dei deg vidare.', en: 'We found no offers of this kind in the municipality. Contact the municipality and they will help you further.'},
  'offers.unavailable': {nb: 'Oversikten over tilbud i kommunen er ikke tilgjengelig ennå. Ta kontakt med kommunen eller fastlegen din, så hjelper de deg videre.', nn: 'Oversikta over tilbod i kommunen er ikkje tilgjengeleg enno. Ta kontakt med kommunen eller fastlegen din, så hjelper dei deg vidare.', en: 'The overview of offers in the municipality is not available yet. Contact the municipality or your GP and they will help you further.'},
  'offers.count': {nb: '{count} tilbud', nn: '{count} tilbod', en: '{count} offers'},
  'offers.count_one': {nb: '1 tilbud', nn: '1 tilbod', en: '1 offer'},
  'offers.type': {nb: 'Type tilbud', nn: 'Type tilbod', en: 'Kind of offer'},
  'offers.for': {nb: 'For', nn: 'For', en: 'For'},
  'offers.conditions': {nb: 'Gjelder', nn: 'Gjeld', en: 'Applies to'},
  'offers.all_conditions': {nb: 'Alle, uansett sykdom eller diagnose', nn: 'Alle, same kva sjukdom eller diagnose', en: 'Everyone, whatever the illness or diagnosis'},
  'offers.contact': {nb: 'Kontakt', nn: 'Kontakt', en: 'Contact'},
  'offers.phone': {nb: 'Telefon', nn: 'Telefon', en: 'Phone'},
  'offers.email': {nb: 'E-post', nn: 'E-post', en: 'Email'},
  'offers.web': {nb: 'Nettside', nn: 'Nettside', en: 'Web page'},
  'offers.address': {nb: 'Adresse', nn: 'Adresse', en: 'Address'},
  'offers.demo': {nb: 'Demo', nn: 'Demo', en: 'Demo'},
  'offers.demo_text': {nb: 'Eksempeldata: dette tilbudet er laget for å vise hvordan siden virker, og finnes ikke nødvendigvis.', nn: 'Eksempeldata: dette tilbodet er laga for å vise korleis sida verkar, og finst ikkje nødvendigvis.', en: 'Example data: this offer was made up to show how the page works, and may not exist.'},
  'offers.demo_notice': {nb: 'Noen av tilbudene under er eksempeldata (merket «Demo»). De viser hvordan siden virker, og er ikke ekte tilbud.', nn: 'Nokre av tilboda under er eksempeldata (merkte «Demo»). Dei viser korleis sida verkar, og er ikkje ekte tilbod.', en: 'Some of the offers below are example data (marked “Demo”). They show how the page works and are not real offers.'},
  'offers.results': {nb: 'Tilbud som passer søket', nn: 'Tilbod som passar søket', en: 'Offers that match the search'},
  'offers.filter': {nb: 'Finn tilbud', nn: 'Finn tilbod', en: 'Find offers'},
  'offers.any': {nb: 'Alle', nn: 'Alle', en: 'All'},
  'offers.target_group': {nb: 'Hvem er tilbudet for?', nn: 'Kven er tilbodet for?', en: 'Who is the offer for?'},
  'offers.condition_group': {nb: 'Hva gjelder det?', nn: 'Kva gjeld det?', en: 'What is it about?'},
  'offers.q': {nb: 'Søk etter ord', nn: 'Søk etter ord', en: 'Search for words'},
  'offers.show': {nb: 'Vis tilbud', nn: 'Vis tilbod', en: 'Show offers'},
  'offers.choose_municipality': {nb: 'Velg en kommune på forsiden først.', nn: 'Vel ein kommune på framsida først.', en: 'Choose a municipality on the front page first.'},

  'page.not_found': {nb: 'Vi fant ikke siden', nn: 'Vi fann ikkje sida', en: 'Page not found'},
  'page.not_found_text': {nb: 'Lenken kan være feil eller gammel.', nn: 'Lenkja kan vere feil eller gammal.', en: 'The link may be wrong or out of date.'},
};

// Offer vocabulary (reference/offer_types.cpp): ids -> labels.
const TERMS = {
  target_group: {
    children_young: {nb: 'Barn og unge', nn: 'Barn og unge', en: 'Children and young people'},
    adults: {nb: 'Voksne', nn: 'Vaksne', en: 'Adults'},
    bereaved: {nb: 'Etterlatte', nn: 'Etterlatne', en: 'The bereaved'},
  },
  condition_group: {
    dementia: {nb: 'Demens', nn: 'Demens', en: 'Dementia'},
    cancer: {nb: 'Kreft', nn: 'Kreft', en: 'Cancer'},
    mental_health_substance: {nb: 'Psykisk sykdom eller rus', nn: 'Psykisk sjukdom eller rus', en: 'Mental illness or substance use'},
    developmental_disability: {nb: 'Utviklingshemming', nn: 'Utviklingshemming', en: 'Developmental disability'},
    physical_illness_disability: {nb: 'Annen fysisk sykdom eller funksjonsnedsettelse', nn: 'Anna fysisk sjukdom eller funksjonsnedsetjing', en: 'Other physical illness or disability'},
    frail_elderly: {nb: 'Skrøpelig alderdom', nn: 'Skrøpeleg alderdom', en: 'Frail old age'},
    other: {nb: 'Annet', nn: 'Anna', en: 'Other'},
  },
  type: {
    information: {nb: 'Informasjon', nn: 'Informasjon', en: 'Information'},
    conversation_guidance: {nb: 'Samtale og veiledning', nn: 'Samtale og rettleiing', en: 'Conversation and guidance'},
    course: {nb: 'Pårørendeskole og kurs', nn: 'Pårørandeskule og kurs', en: 'Caregiver school and courses'},
    peer_group: {nb: 'Likepersoner og møteplasser', nn: 'Likepersonar og møteplassar', en: 'Peer groups and meeting places'},
    respite: {nb: 'Avlastning', nn: 'Avlasting', en: 'Respite'},
    practical_help: {nb: 'Praktisk hjelp', nn: 'Praktisk hjelp', en: 'Practical help'},
    financial_support: {nb: 'Økonomisk støtte', nn: 'Økonomisk støtte', en: 'Financial support'},
    children_as_caregivers: {nb: 'Barn som pårørende', nn: 'Barn som pårørande', en: 'Children as caregivers'},
    bereaved: {nb: 'Etterlatte', nn: 'Etterlatne', en: 'The bereaved'},
  },
};

// The condition_group item's codes 1..7, in order.
export const CONDITION_GROUP_IDS = ['dementia', 'cancer', 'mental_health_substance',
  'developmental_disability', 'physical_illness_disability', 'frail_elderly', 'other'];

let current = 'nb';

export function language() { return current; }
export function setCurrentLanguage(lang) { current = LANGUAGES.includes(lang) ? lang : 'nb'; }

export function t(key, vars = {}) {
  const entry = S[key];
  if (!entry) return key;
  const text = entry[current] ?? entry.nb;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

export function term(kind, id) {
  const entry = TERMS[kind]?.[id];
  return entry ? entry[current] ?? entry.nb : id;
}

export function termIds(kind) { return Object.keys(TERMS[kind] ?? {}); }

// For the test that every string exists in every language.
export const STRINGS = S;
export const TERM_LABELS = TERMS;

// 2026-03-31 -> "31. mars 2026" / "31 March 2026"
export function formatDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!match) return iso ?? '';
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  const locale = current === 'en' ? 'en-GB' : current === 'nn' ? 'nn-NO' : 'nb-NO';
  try {
    return date.toLocaleDateString(locale, {day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC'});
  } catch {
    return iso;
  }
}
