// The staff pages' UI strings in bokmål (nb), nynorsk (nn) and English (en),
// the way web/js/i18n.js keeps the survey's. s('key', {name: value}) fills
// {name} placeholders.
import {language} from '../i18n.js';

const S = {
  'site.name': {nb: 'For ansatte i kommunen', nn: 'For tilsette i kommunen', en: 'For municipality staff'},
  'to_survey': {nb: 'Til spørreskjemaene', nn: 'Til spørjeskjemaa', en: 'To the questionnaires'},
  'unavailable': {nb: 'Tjenesten svarer ikke akkurat nå. Prøv igjen om litt.', nn: 'Tenesta svarar ikkje akkurat no. Prøv igjen om litt.', en: 'The service is not answering right now. Try again in a moment.'},

  'signin.title': {nb: 'Logg inn', nn: 'Logg inn', en: 'Sign in'},
  'signin.intro': {nb: 'For ansatte i kommunen og forskere som har fått en konto.', nn: 'For tilsette i kommunen og forskarar som har fått ein konto.', en: 'For municipality staff and researchers who have been given an account.'},
  'signin.username': {nb: 'Brukernavn', nn: 'Brukarnamn', en: 'Username'},
  'signin.password': {nb: 'Passord', nn: 'Passord', en: 'Password'},
  'signin.code': {nb: 'Engangskode fra appen', nn: 'Eingongskode frå appen', en: 'One-time code from the app'},
  'signin.code.hint': {nb: 'Seks sifre fra autentiseringsappen på telefonen din.', nn: 'Seks siffer frå autentiseringsappen på telefonen din.', en: 'Six digits from the authenticator app on your phone.'},
  'signin.submit': {nb: 'Logg inn', nn: 'Logg inn', en: 'Sign in'},
  'signin.required.username': {nb: 'Skriv brukernavnet ditt.', nn: 'Skriv brukarnamnet ditt.', en: 'Enter your username.'},
  'signin.required.password': {nb: 'Skriv passordet ditt.', nn: 'Skriv passordet ditt.', en: 'Enter your password.'},
  'signin.required.code': {nb: 'Skriv engangskoden fra appen.', nn: 'Skriv eingongskoden frå appen.', en: 'Enter the one-time code from the app.'},
  'signin.failed': {nb: 'Brukernavnet, passordet eller engangskoden er feil.', nn: 'Brukarnamnet, passordet eller eingongskoden er feil.', en: 'The username, password or one-time code is wrong.'},
  'signin.throttled': {nb: 'For mange forsøk. Vent {minutes} minutt(er) og prøv igjen.', nn: 'For mange forsøk. Vent {minutes} minutt(ar) og prøv igjen.', en: 'Too many attempts. Wait {minutes} minute(s) and try again.'},
  'signin.code_needed': {nb: 'Passordet er riktig. Skriv nå engangskoden fra appen.', nn: 'Passordet er rett. Skriv no eingongskoden frå appen.', en: 'The password is right. Now enter the one-time code from the app.'},

  'signin.providers': {nb: 'Logg inn med kommunens innlogging', nn: 'Logg inn med innlogginga til kommunen', en: 'Sign in with your organisation'},
  'signin.provider': {nb: 'Logg inn med {name}', nn: 'Logg inn med {name}', en: 'Sign in with {name}'},
  'signin.local': {nb: 'Eller logg inn med brukernavn og passord', nn: 'Eller logg inn med brukarnamn og passord', en: 'Or sign in with a username and password'},
  'signin.provider_failed': {nb: 'Innloggingen gjennom kommunen ble ikke godtatt. Prøv igjen, eller kontakt administratoren.', nn: 'Innlogginga gjennom kommunen vart ikkje godteken. Prøv igjen, eller kontakt administratoren.', en: 'The sign-in through your organisation was not accepted. Try again, or contact the administrator.'},
  'signin.no_role': {nb: 'Du er logget inn hos kommunen, men har ingen rolle her. Kontakt administratoren.', nn: 'Du er logga inn hos kommunen, men har inga rolle her. Kontakt administratoren.', en: 'You are signed in at your organisation, but have no role here. Contact the administrator.'},
  'signin.second_factor_missing': {nb: 'Du må logge inn med tofaktorpålogging hos kommunen for å komme inn her.', nn: 'Du må logge inn med tofaktorpålogging hos kommunen for å kome inn her.', en: 'You need to sign in with two-factor authentication at your organisation to get in here.'},
  'signin.provider_unavailable': {nb: 'Innloggingstjenesten svarer ikke akkurat nå. Prøv igjen om litt.', nn: 'Innloggingstenesta svarar ikkje akkurat no. Prøv igjen om litt.', en: 'The sign-in service is not answering right now. Try again in a moment.'},
  'signin.reset': {nb: 'Har du fått en kode for å sette passord?', nn: 'Har du fått ein kode for å setje passord?', en: 'Have you been given a code to set your password?'},
  'reset.title': {nb: 'Sett passord', nn: 'Set passord', en: 'Set your password'},
  'reset.code': {nb: 'Koden fra administratoren', nn: 'Koden frå administratoren', en: 'The code from the administrator'},
  'reset.code.hint': {nb: 'Koden gjelder én gang og i sju dager.', nn: 'Koden gjeld éin gong og i sju dagar.', en: 'The code works once, for seven days.'},
  'reset.required': {nb: 'Skriv koden du fikk.', nn: 'Skriv koden du fekk.', en: 'Enter the code you were given.'},
  'reset.invalid': {nb: 'Koden er feil, brukt eller for gammel. Be administratoren om en ny.', nn: 'Koden er feil, brukt eller for gammal. Be administratoren om ein ny.', en: 'The code is wrong, used or too old. Ask the administrator for a new one.'},
  'reset.submit': {nb: 'Sett passord', nn: 'Set passord', en: 'Set password'},
  'reset.done': {nb: 'Passordet er satt. Du kan logge inn nå.', nn: 'Passordet er sett. Du kan logge inn no.', en: 'Your password is set. You can sign in now.'},
  'enrol.title': {nb: 'Sett opp engangskoder', nn: 'Set opp eingongskodar', en: 'Set up one-time codes'},
  'enrol.intro': {
    nb: 'Før du kan se kommunens sider, må du koble en autentiseringsapp (for eksempel Microsoft Authenticator eller Google Authenticator) til kontoen. Da trenger du både passordet og telefonen for å logge inn.',
    nn: 'Før du kan sjå sidene til kommunen, må du kople ein autentiseringsapp (til dømes Microsoft Authenticator eller Google Authenticator) til kontoen. Då treng du både passordet og telefonen for å logge inn.',
    en: 'Before you can see the municipality\'s pages, connect an authenticator app (for example Microsoft Authenticator or Google Authenticator) to your account. Then you need both your password and your phone to sign in.'},
  'enrol.start': {nb: 'Lag en kode for appen', nn: 'Lag ein kode for appen', en: 'Make a code for the app'},
  'enrol.scan': {nb: 'Skann QR-koden med appen, eller skriv inn nøkkelen under.', nn: 'Skann QR-koden med appen, eller skriv inn nøkkelen under.', en: 'Scan the QR code with the app, or type in the key below.'},
  'enrol.qr': {nb: 'QR-kode for autentiseringsappen', nn: 'QR-kode for autentiseringsappen', en: 'QR code for the authenticator app'},
  'enrol.key': {nb: 'Nøkkel', nn: 'Nøkkel', en: 'Key'},
  'enrol.code': {nb: 'Koden appen viser nå', nn: 'Koden appen viser no', en: 'The code the app shows now'},
  'enrol.confirm': {nb: 'Bekreft', nn: 'Stadfest', en: 'Confirm'},
  'enrol.wrong': {nb: 'Koden stemmer ikke. Skriv koden appen viser nå.', nn: 'Koden stemmer ikkje. Skriv koden appen viser no.', en: 'The code does not match. Enter the code the app shows now.'},
  'enrol.done': {nb: 'Appen er koblet til kontoen.', nn: 'Appen er kopla til kontoen.', en: 'The app is connected to your account.'},

  'home.title': {nb: 'Velkommen, {name}', nn: 'Velkomen, {name}', en: 'Welcome, {name}'},
  'home.no_roles': {nb: 'Kontoen din har ingen roller ennå. Be en administrator om tilgang.', nn: 'Kontoen din har ingen roller enno. Be ein administrator om tilgang.', en: 'Your account has no roles yet. Ask an administrator for access.'},
  'home.municipality': {nb: '{name} kommune', nn: '{name} kommune', en: 'Municipality of {name}'},
  'home.rounds': {nb: 'Runder', nn: 'Rundar', en: 'Rounds'},
  'home.no_rounds': {nb: 'Ingen runder gjelder kommunen ennå.', nn: 'Ingen rundar gjeld kommunen enno.', en: 'No rounds cover the municipality yet.'},
  'home.round': {nb: '{name}: {opens} til {closes}', nn: '{name}: {opens} til {closes}', en: '{name}: {opens} to {closes}'},
  'home.offers': {nb: 'Tilbudskatalogen har {count} tilbud.', nn: 'Tilbodskatalogen har {count} tilbod.', en: 'The offer catalogue has {count} offers.'},
  'home.results': {nb: 'Se resultatene for kommunen', nn: 'Sjå resultata for kommunen', en: 'See the municipality\'s results'},
  'home.admin': {nb: 'Nasjonal administrasjon', nn: 'Nasjonal administrasjon', en: 'National administration'},
  'home.accounts': {nb: 'Kontoer', nn: 'Kontoar', en: 'Accounts'},
  'home.researcher': {nb: 'Forskertilgang til runden {wave} til og med {date}.', nn: 'Forskartilgang til runden {wave} til og med {date}.', en: 'Research access to the round {wave} until {date}.'},

  'nav.home': {nb: 'Startsiden', nn: 'Startsida', en: 'Home'},
  'nav.account': {nb: 'Min konto', nn: 'Kontoen min', en: 'My account'},
  'nav.signout': {nb: 'Logg ut', nn: 'Logg ut', en: 'Sign out'},
  'nav.label': {nb: 'Sider for ansatte', nn: 'Sider for tilsette', en: 'Staff pages'},

  'account.title': {nb: 'Min konto', nn: 'Kontoen min', en: 'My account'},
  'account.signed_in_as': {nb: 'Du er logget inn som {username}.', nn: 'Du er logga inn som {username}.', en: 'You are signed in as {username}.'},
  'account.password.title': {nb: 'Bytt passord', nn: 'Byt passord', en: 'Change password'},
  'account.password.current': {nb: 'Passordet du har nå', nn: 'Passordet du har no', en: 'Your current password'},
  'account.password.new': {nb: 'Nytt passord', nn: 'Nytt passord', en: 'New password'},
  'account.password.hint': {nb: 'Minst 12 tegn. En setning du husker, er et godt passord.', nn: 'Minst 12 teikn. Ei setning du hugsar, er eit godt passord.', en: 'At least 12 characters. A sentence you remember makes a good password.'},
  'account.password.submit': {nb: 'Bytt passord', nn: 'Byt passord', en: 'Change password'},
  'account.password.done': {nb: 'Passordet er byttet. Du er logget ut alle andre steder.', nn: 'Passordet er bytt. Du er logga ut alle andre stader.', en: 'Your password is changed. You are signed out everywhere else.'},
  'account.password.wrong': {nb: 'Passordet du har nå, er feil.', nn: 'Passordet du har no, er feil.', en: 'Your current password is wrong.'},
  'account.password.weak': {nb: 'Det nye passordet må ha 12 til 256 tegn og kan ikke være brukernavnet.', nn: 'Det nye passordet må ha 12 til 256 teikn og kan ikkje vere brukarnamnet.', en: 'The new password needs 12 to 256 characters and cannot be your username.'},
  'account.sessions.title': {nb: 'Innlogginger', nn: 'Innloggingar', en: 'Sessions'},
  'account.sessions.intro': {nb: 'Har du vært logget inn på en maskin du ikke bruker nå? Logg ut overalt, også her.', nn: 'Har du vore logga inn på ei maskin du ikkje brukar no? Logg ut overalt, også her.', en: 'Have you been signed in on a computer you are not using now? Sign out everywhere, here too.'},
  'account.sessions.everywhere': {nb: 'Logg ut overalt', nn: 'Logg ut overalt', en: 'Sign out everywhere'},

  'accounts.title': {nb: 'Kontoer', nn: 'Kontoar', en: 'Accounts'},
  'accounts.intro': {nb: 'Nye kontoer og tilbakestilling av passord gjøres med «parorende user» på serveren.', nn: 'Nye kontoar og tilbakestilling av passord blir gjort med «parorende user» på serveren.', en: 'New accounts and password resets are made with “parorende user” on the server.'},
  'accounts.username': {nb: 'Brukernavn', nn: 'Brukarnamn', en: 'Username'},
  'accounts.name': {nb: 'Navn', nn: 'Namn', en: 'Name'},
  'accounts.roles': {nb: 'Roller', nn: 'Roller', en: 'Roles'},
  'accounts.status': {nb: 'Status', nn: 'Status', en: 'Status'},
  'accounts.enabled': {nb: 'aktiv', nn: 'aktiv', en: 'enabled'},
  'accounts.disabled': {nb: 'sperret', nn: 'sperra', en: 'disabled'},
  'accounts.totp': {nb: 'med app', nn: 'med app', en: 'with app'},
  'accounts.no_totp': {nb: 'uten app', nn: 'utan app', en: 'no app'},
  'accounts.forbidden': {nb: 'Bare nasjonale administratorer kan se kontoene.', nn: 'Berre nasjonale administratorar kan sjå kontoane.', en: 'Only national administrators can see the accounts.'},

  'role.national_admin': {nb: 'nasjonal administrator', nn: 'nasjonal administrator', en: 'national administrator'},
  'role.municipality_staff': {nb: 'ansatt i {scope}', nn: 'tilsett i {scope}', en: 'staff of {scope}'},
  'role.researcher': {nb: 'forsker for {scope}', nn: 'forskar for {scope}', en: 'researcher of {scope}'},
};

export const STAFF_STRINGS = S;

export function s(key, values = {}) {
  const entry = S[key];
  if (!entry) return key;
  let text = entry[language()] ?? entry.nb;
  for (const [name, value] of Object.entries(values)) text = text.replaceAll(`{${name}}`, String(value));
  return text;
}
