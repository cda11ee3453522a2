# Solidesk: Nederlands.
app-name = Solidesk
nav-today = Vandaag
nav-intake = Telefonische intake
nav-residents = Bewoners
nav-volunteers = Vrijwilligers
nav-requests = Hulpvragen
nav-settings = Instellingen
nav-about = Over
nav-help = Sneltoetsen
nav-language = Taal

unlock-title = Het register openen
unlock-path = Registerbestand
unlock-key = Sleutel
unlock-open = Openen
unlock-create = Een nieuw register aanmaken
unlock-create-hint = Hier staat nog geen register. Kies een sleutel en bewaar die goed: zonder sleutel kan niemand het register lezen, ook het OCMW niet.
unlock-key-repeat = Sleutel opnieuw
unlock-keys-differ = De twee sleutels zijn niet dezelfde.

intake-title = Telefonische intake
intake-search = Telefoonnummer of naam van de beller
intake-search-hint = Typ een telefoonnummer (in elke vorm, of de laatste cijfers) of een naam.
intake-no-match = Niemand gevonden. Maak de bewoner hieronder aan.
intake-new-resident = Nieuwe bewoner
intake-caller = Beller
intake-change-caller = Andere beller
intake-request = De hulpvraag
intake-save = Hulpvraag opslaan
intake-saved = Hulpvraag opgeslagen voor { $name } op { $date }.
intake-results = { $count ->
    [0] Geen bewoners gevonden
    [one] Eén bewoner gevonden
   *[other] { $count } bewoners gevonden
}

request-kind = Wat is er nodig
request-date = Wanneer
request-from = Van
request-to = Tot
request-part = Dagdeel
request-repeat = Herhalen
request-repeat-until = Herhalen tot
request-urgency = Dringendheid
request-notes = Details of boodschappenlijst
request-language = Taal voor deze hulpvraag

task-groceries = Boodschappen
task-pharmacy = Apotheek
task-errands = Klusjes en verplaatsingen
task-phone_checkin = Belrondje
task-accompaniment = Begeleiding
task-chat = Babbelgesprek

part-any = Om het even
part-morning = Voormiddag
part-afternoon = Namiddag
part-evening = Avond

repeat-none = Eenmalig
repeat-daily = Elke dag
repeat-every-2-days = Om de twee dagen
repeat-weekly = Elke week
repeat-every-2-weeks = Om de twee weken
repeat-monthly = Elke maand

urgency-low = Laag
urgency-normal = Normaal
urgency-high = Hoog
urgency-urgent = Dringend

status-open = Open
status-proposed = Voorgesteld
status-assigned = Toegewezen
status-done = Gedaan
status-not_done = Niet gedaan
status-cancelled = Geannuleerd

channel-phone = Telefoon
channel-walk_in = Aan de balie
channel-import = Import
channel-email = E-mail
channel-other = Andere

language-nl = Nederlands
language-fr = Frans
language-de = Duits
language-en = Engels

field-first-name = Voornaam
field-last-name = Naam
field-birth-date = Geboortedatum
field-national-number = Rijksregisternummer
field-language = Taal
field-street = Straat
field-number = Nummer
field-box = Bus
field-postal-code = Postcode
field-locality = Gemeente
field-phone = Telefoon
field-phone-2 = Tweede telefoon
field-lives-alone = Woont alleen
field-needs = Noden (mobiliteit, dieet, gehoor…)
field-notes = Interne notities
field-email = E-mail
field-languages = Talen
field-tasks = Taken
field-radius = Gaat tot (km)
field-capacity = Opdrachten per dag
field-availability = Beschikbaarheid
field-status = Status
field-address = Adres
field-born = Geboren
field-office-name = Naam van het OCMW
field-nis = NIS-code van de gemeente
field-office-phone = Telefoon van het OCMW
field-default-language = Standaardtaal
field-postal-codes = Bediende postcodes

yes = Ja
no = Nee
unknown = Onbekend
save = Opslaan
saved = Opgeslagen.
cancel = Annuleren
edit = Wijzigen
add = Toevoegen
close = Sluiten
search = Zoeken
previous = Vorige
next = Volgende
loading = Laden…
required = Verplicht

residents-title = Bewoners
residents-count = { $count } bewoners
residents-search = Zoeken op naam of telefoon
resident-requests = Hulpvragen
resident-contacts = Contacten
resident-none = Nog niets.
resident-new = Nieuwe bewoner
resident-edit = Bewoner wijzigen

volunteers-title = Vrijwilligers
volunteer-new = Nieuwe vrijwilliger
volunteer-edit = Vrijwilliger wijzigen
volunteer-status-active = Actief
volunteer-status-paused = Gepauzeerd
volunteer-status-left = Gestopt

requests-title = Hulpvragen
requests-status-all = Alle statussen
requests-outcome = Resultaat
requests-set = Status wijzigen
requests-none = Geen hulpvragen in deze periode.

today-title = Vandaag
today-none = Vandaag staat er niets gepland.

settings-title = Instellingen
about-title = Over Solidesk
about-version = Versie { $version }, registerschema { $schema }
about-data = Open data

weekday-1 = ma
weekday-2 = di
weekday-3 = wo
weekday-4 = do
weekday-5 = vr
weekday-6 = za
weekday-7 = zo

help-title = Sneltoetsen
help-goto = Naar een scherm gaan
help-search = Naar het zoekveld
help-save = Opslaan
help-help = Deze lijst tonen of verbergen
help-close = Een venster sluiten, een wijziging annuleren
help-lists = Door een lijst bewegen / de gekozen regel openen

error-locked = Het register is vergrendeld.

# Import: waarom een rij geweigerd of met een waarschuwing ingelezen werd (ook in het weigeringsbestand).
import-rejects-line = Regel
import-rejects-reason = Reden
import-reason-missing_last_name = Geen familienaam
import-reason-national_number_scientific_notation = Rijksregisternummer vernield door wetenschappelijke notatie (Excel); typ het opnieuw over van de identiteitskaart
import-reason-national_number_length = Rijksregisternummer heeft geen 11 cijfers
import-reason-national_number_month = Rijksregisternummer heeft geen geldige maand
import-reason-national_number_date = Rijksregisternummer bevat een datum die niet bestaat
import-reason-national_number_checksum = Controlecijfers van het rijksregisternummer kloppen niet (tikfout?)
import-reason-birth_date_invalid = Geboortedatum is geen mogelijke datum
import-reason-birth_date_future = Geboortedatum ligt in de toekomst
import-reason-postal_code_unknown = Postcode bestaat niet in België
import-reason-postal_code_missing = Geen postcode (een vrijwilliger heeft er een nodig)
import-warning-phone_invalid = Telefoonnummer is ongeldig; weggelaten
import-warning-locality_mismatch = Gemeente hoort niet bij de postcode; behouden zoals geschreven
import-warning-birth_date_mismatch = Geboortedatum verschilt van die in het rijksregisternummer; die van het nummer werd behouden
import-warning-language_unknown = Onbekende taal; de taal van de streek werd gebruikt
import-warning-consent_date_invalid = Datum van toestemming is geen datum; weggelaten
import-warning-consent_basis_unknown = Onbekende rechtsgrond; weggelaten
import-warning-lives_alone_unknown = "Woont alleen" is geen ja of nee; weggelaten
import-warning-status_unknown = Onbekende status; ongewijzigd gelaten
import-warning-email_invalid = E-mailadres is ongeldig; weggelaten
import-warning-task_unknown = Onbekende taak; weggelaten
import-warning-availability_invalid = Beschikbaarheid niet begrepen; weggelaten
import-warning-radius_invalid = Straal is geen afstand tussen 0 en 200 km; de standaardwaarde werd gebruikt
import-warning-capacity_invalid = Capaciteit is geen getal tussen 0 en 20; de standaardwaarde werd gebruikt
import-group-created = Nieuw
import-group-updated = Bijgewerkt
import-group-unchanged = Al up-to-date
import-group-duplicate_in_file = Dubbel in het bestand (één keer geteld)
import-group-possible_duplicate = Mogelijk al in het register (na te kijken)
import-warning-national_number_taken = Het rijksregisternummer hoort bij een andere bewoner; ongewijzigd gelaten

nav-import = Importeren
import-title = Een lijst importeren
import-kind = Het bestand bevat
import-mapping = Kolomindeling
import-mapping-automatic = Kolommen herkennen
import-file = Bestand
import-read = Bestand lezen
import-browse = Bladeren…
import-columns = Kolommen
import-encoding = Codering
import-delimiter = Scheidingsteken
import-column = Kolom in het bestand
import-field = Ingelezen als
import-example = Eerste rij
import-field-none = Niet ingelezen
import-field-solidesk_id = Solidesk-ID
import-field-consent_date = Datum van toestemming
import-field-consent_basis = Rechtsgrond
import-field-ignore = Gekend, niet bewaard
import-missing = Geen enkele kolom bevat
import-save-mapping = Deze indeling bewaren als (niet verplicht)
import-preview = Voorbeeld (wijzigt niets)
import-run = Importeren
import-progress = { $rows } rijen gelezen…
import-cancel = Annuleren
import-cancelled = Geannuleerd: er is niets gewijzigd
import-dry-run-result = Voorbeeld: dit zal de import doen
import-done = Geïmporteerd
import-count-rows = Rijen
import-count-rejected = Geweigerd
import-count-warnings = Met waarschuwingen
import-line = Regel { $line }
import-open-rejects = Geweigerde rijen openen
import-undo = Deze import ongedaan maken
import-undone = Ongedaan gemaakt: { $removed } verwijderd, { $restored } teruggezet zoals ze waren.
import-history = Eerdere imports
import-when = Wanneer
import-was-undone = ongedaan gemaakt

# Matching: reasons read aloud
match-why-distance = { $km } km
match-why-same-area = zelfde postcodegebied
match-why-by-phone = telefonisch
match-why-speaks = spreekt { $language }
match-why-helped = hielp { $resident } al { $times ->
    [1] één keer
    [2] twee keer
   *[other] { $times } keer
}
match-why-free = vrij op { $when }
match-why-not-asked-fortnight = de voorbije twee weken niet gevraagd
match-why-not-asked = { $days ->
    [0] eerder vandaag gevraagd
    [1] gisteren het laatst gevraagd
   *[other] { $days } dagen geleden het laatst gevraagd
}
match-why-asked = { $times } keer gevraagd in twee weken
match-why-no-location = het adres van de bewoner heeft geen gekende ligging
match-why-none-do-task = { $task }: geen vrijwilliger binnen { $km } km
match-why-none-do-task-anywhere = { $task }: helemaal geen vrijwilliger
match-why-none-speaks = { $task }: geen vrijwilliger die { $language } spreekt binnen { $km } km ({ $others } spreken andere talen)
match-why-none-free = { $count } die { $language } spreken { $count ->
    [one] woont
   *[other] wonen
} dichtbij, maar niemand is vrij op { $when }
match-why-free-on = { $count } zouden vrij zijn op { $day }
match-why-excluded = { $count } uitgesloten voor deze bewoner
match-why-declined = { $count } vandaag geweigerd voor deze vraag
match-why-booked = { $count ->
    [one] 1 is
   *[other] { $count } zijn
} die dag volgeboekt
match-why-taken = de { $count } die konden, { $count ->
    [one] is
   *[other] zijn
} nodig voor dringendere of dichterbij gelegen vragen
match-why-outside-radius = { $count } vrij in de buurt, maar verder dan ze willen gaan
match-override-language = spreekt geen { $language }
match-override-task = doet geen { $task }
match-override-availability = niet vrij op { $when }
match-override-distance = { $km } km ver, verder dan { $limit } km
match-override-exclusion = uitgesloten voor deze bewoner
match-override-capacity = dag al volzet
match-override-decline = vandaag eerder geweigerd
match-override-location = afstand onbekend
match-when-part = { $weekday }{ $part }
match-part-morning = voormiddag
match-part-afternoon = namiddag
match-part-evening = avond
match-weekday-1 = maandag
match-weekday-2 = dinsdag
match-weekday-3 = woensdag
match-weekday-4 = donderdag
match-weekday-5 = vrijdag
match-weekday-6 = zaterdag
match-weekday-7 = zondag
match-language-nl = Nederlands
match-language-fr = Frans
match-language-de = Duits
match-language-en = Engels

# Matching screen
nav-matching = Koppelen
help-matching = het gekozen voorstel aanvaarden of weigeren (W: wie kan nog)
match-title = Koppelen
match-date = Dag
match-plan = Dag plannen
match-planning = De dag wordt gepland…
match-bad-date = Schrijf de dag eerst: 1/12/2026
match-confirm-all = Alle voorstellen bevestigen
match-by-postal-code = Per postcode
match-summary = { $served } van { $total } open vragen bediend ({ $urgent } dringend); { $kept } eerder bevestigd
match-proposals = Voorstellen
match-unmatched = Niemand gevonden
match-kept = Bevestigd
match-keys = ↑ ↓ kiezen · A of Enter aanvaarden · D weigeren · W wie kan nog
match-accept = Aanvaarden
match-decline = Weigeren
match-who-else = Wie nog?
match-alternatives = Wie kan { $resident } nog helpen
match-nobody-else = Niemand anders voldoet die dag aan alle regels.
match-assign = Toewijzen
match-close = Sluiten
match-accepted = Bevestigd: { $volunteer } voor { $resident }.
match-declined = Geweigerd: { $volunteer } wordt vandaag niet meer voorgesteld voor deze vraag.
match-assigned = Met de hand toegewezen: { $volunteer } voor { $resident }.
match-confirmed-all = { $count } voorstellen bevestigd.
match-no-postal-code = Geen postcode

# Printed sheets (solidesk-sheets) and the Sheets screen
sheet-title = Opdrachtenblad
sheet-for-office = voor { $office }
sheet-when = Wanneer
sheet-resident = Bewoner
sheet-address = Adres
sheet-phone = Telefoon
sheet-speaks = Spreekt
sheet-task = Taak
sheet-details = Details
sheet-list = Boodschappenlijst
sheet-access = Toegang (gedeeld door de bewoner)
sheet-outcome = Resultaat
sheet-outcome-done = Gedaan
sheet-outcome-not-done = Niet gedaan
sheet-outcome-unreached = Niet bereikt
sheet-outcome-nobody = Niemand thuis
sheet-remarks = Opmerkingen
sheet-urgent = Dringend
sheet-help-line = Loopt er iets mis? Bel { $office } op { $phone }.
sheet-help-line-no-phone = Loopt er iets mis? Bel { $office }.
sheet-number = Nr.
sheet-volunteer = Vrijwilliger
sheet-continued = vervolg
sheet-overview-title = Dagoverzicht
sheet-assigned = Toegewezen
sheet-unassigned = Niet toegewezen
sheet-why = Waarom
sheet-postal-code = Postcode
sheet-none = Geen.
sheet-calls-title = Belrondes
sheet-caller = Wie belt
sheet-caller-office = het OCMW
sheet-last-contact = Laatste contact
sheet-called-at = Gebeld om
sheet-reached = Bereikt
sheet-counts = { $assigned } toegewezen, { $unassigned } niet toegewezen, { $volunteers } vrijwilligers
sheet-why-proposed = voorgesteld aan { $name }, nog niet bevestigd
sheet-why-not-planned = nog niet gepland: plan deze dag in Koppelen
sheet-printed = Afgedrukt { $when }
nav-sheets = Bladen
sheets-title = Dagbladen
sheets-date = Dag
sheets-make = Bladen maken
sheets-making = Bezig met opmaken…
sheets-kind-volunteers = Bladen voor vrijwilligers
sheets-kind-overview = Dagoverzicht
sheets-kind-calls = Bellijst
sheets-pages = { $pages } pagina’s
sheets-folder = Map
sheets-print = Afdrukken…
sheets-save = Alle pdf's bewaren
sheets-saved = Bewaard in { $path }
sheets-empty = Nog geen bevestigde opdrachten op deze dag: bevestig ze eerst in Koppelen.
sheets-volunteer-count = { $count } vrijwilligers
sheets-duplex = Recto verso afdrukken (elke vrijwilliger begint op een nieuw blad)
sheets-template = Sjabloon: { $path }
sheets-template-default = Sjabloon: het ingebouwde
help-sheets = afdrukvoorbeeld: P afdrukken, S bewaren
field-access-note = Toegang, voor vrijwilligers
field-access-note-hint = Staat op het blad van de vrijwilliger, met akkoord van de bewoner (deurcode, welke bel, huisdieren). Privénotities worden nooit afgedrukt.

# The Sync screen (reasons are the platform's codes, worded here)
nav-sync = Synchronisatie
help-sync = nu synchroniseren: S
sync-title = Synchronisatie met het nationale platform
sync-not-enrolled = Deze post is nog niet aangemeld bij het nationale platform. De beheerder van het platform geeft het OCMW het adres en een aanmeldingsgeheim.
sync-enrolled = Aangemeld als post van { $office } op { $platform }
sync-platform-url = Adres van het platform
sync-secret = Aanmeldingsgeheim
sync-desk-name = Naam van deze post
sync-desk-name-hint = Zoals de beheerder van het platform hem ziet; leeg: de naam van deze computer.
sync-enrol = Deze post aanmelden
sync-enrolling = Bezig met aanmelden…
sync-enrolled-now = Aangemeld bij { $office }. Druk op “Nu synchroniseren” om te verzenden en te ontvangen.
sync-now = Nu synchroniseren
sync-running = Bezig met synchroniseren…
sync-last-success = Laatste geslaagde synchronisatie
sync-last-attempt = Laatste poging
sync-never = nooit
sync-attempt-succeeded = { $when }: geslaagd
sync-attempt-failed = { $when }: MISLUKT
sync-attempt-unfinished = { $when }: niet afgerond (loopt nog, of de app werd intussen gesloten)
sync-failed = De synchronisatie is mislukt. Er ging niets verloren: wat niet verzonden is, blijft klaar voor de volgende keer.
sync-failed-why = Waarom: { $message }
sync-waiting = Wacht op verzending
sync-waiting-none = niets
sync-waiting-oldest = de oudste van { $when }
sync-waiting-request = { $count ->
    [one] 1 hulpvraag
   *[other] { $count } hulpvragen
}
sync-waiting-claim = { $count ->
    [one] 1 boeking van een platformvrijwilliger
   *[other] { $count } boekingen van platformvrijwilligers
}
sync-waiting-claim_confirm = { $count ->
    [one] 1 bevestigde boeking
   *[other] { $count } bevestigde boekingen
}
sync-waiting-claim_release = { $count ->
    [one] 1 vrijgegeven boeking
   *[other] { $count } vrijgegeven boekingen
}
sync-waiting-outcome = { $count ->
    [one] 1 uitkomst van een bezoek
   *[other] { $count } uitkomsten van bezoeken
}
sync-entity-request = Hulpvraag
sync-entity-claim = Boeking van een platformvrijwilliger
sync-entity-claim_confirm = Bevestiging van een boeking
sync-entity-claim_release = Vrijgave van een boeking
sync-entity-outcome = Uitkomst van een bezoek
sync-lost = Vrijwilligers die een ander OCMW heeft ({ $count })
sync-lost-hint = Deze boekingen werden hier geweigerd en hun hulpvragen heropend: zoek een andere vrijwilliger in Koppelen.
sync-issues = Geweigerd door het platform ({ $count })
sync-issues-none = Het platform heeft niets geweigerd.
sync-issue-when = Wanneer
sync-issue-what = Wat
sync-issue-record = Gegeven
sync-record-request = Hulpvraag #{ $number }
sync-issue-why = Waarom
sync-reason-claim_lost = De vrijwilliger is die dag al geboekt door { $holder }.
sync-reason-claim_lost-anonymous = De vrijwilliger is die dag al geboekt door een ander OCMW.
sync-reason-unknown_volunteer = De vrijwilliger is niet meer ingeschreven op het platform.
sync-reason-unknown_record = Het platform kent het gegeven niet waarop deze wijziging slaat.
sync-reason-not_your_record = Het gegeven hoort bij een ander OCMW.
sync-reason-invalid_transition = De wijziging past niet bij de toestand van het gegeven op het platform.
sync-reason-key_reused = De wijziging gebruikte de code van een andere wijziging (een fout in Solidesk); ze werd apart gehouden.
sync-reason-personal_data = De wijziging leek een rijksregisternummer te bevatten en werd geweigerd.
sync-reason-invalid = Het platform weigerde de wijziging als ongeldig.
sync-reason-other = Het platform weigerde de wijziging (reden “{ $code }”).
sync-report-done = Gesynchroniseerd op { $when }.
sync-report-sent = Verzonden: { $applied } verwerkt, { $duplicates } waren er al, { $rejected } geweigerd.
sync-report-lost = { $count ->
    [one] 1 boeking verloren aan een ander OCMW (zie hieronder).
   *[other] { $count } boekingen verloren aan een ander OCMW (zie hieronder).
}
sync-report-received = Ontvangen: { $pulled } wijzigingen ({ $updated } vrijwilligers nieuw of bijgewerkt, { $removed } verwijderd).
sync-report-waiting = Wacht nog: { $count }.
sync-waiting-sealed = { $count ->
    [one] 1 record versleuteld voor de andere bureaus van het kantoor
   *[other] { $count } records versleuteld voor de andere bureaus van het kantoor
}
sync-entity-sealed = Record voor de andere bureaus van het kantoor
sync-reason-other_key = Het record was versleuteld met een andere sleutel dan die van het kantoor: vul hieronder de sleutelcode van een aangemeld bureau in.
sync-report-office = Records van het kantoor: { $sealed } naar de andere bureaus verzonden, { $received } van hen ontvangen ({ $conflicts } tegelijk op twee bureaus gewijzigd), { $parked } apart gehouden.
sync-office-title = De andere bureaus van het kantoor
sync-office-held = Dit bureau heeft de sleutel van het kantoor: bewoners, hulpvragen en notities gaan er versleuteld mee naar de andere bureaus. Het platform kan ze niet lezen.
sync-office-missing = Uw kantoor heeft al een sleutel voor de gegevens van zijn bewoners. Open Synchronisatie op een bureau dat al aangemeld is, toon de sleutelcode en typ ze hier over.
sync-office-other = De sleutel van dit bureau is niet die van het kantoor. Typ de sleutelcode die een aangemeld bureau van uw kantoor toont.
sync-office-show = Sleutelcode tonen
sync-office-code-hint = Typ deze code over op een nieuw bureau van uw kantoor. Toon ze; stuur ze nooit per e-mail of chat.
sync-office-code = Sleutelcode van het kantoor
sync-office-join = Sleutel overnemen
sync-office-joined = Dit bureau heeft nu de sleutel van het kantoor; { $count } records van de andere bureaus zijn binnengekomen.
sync-office-waiting = Records van het kantoor te verzenden: { $waiting }; ontvangen en apart gehouden: { $parked }
sync-conflicts = Tegelijk op twee bureaus gewijzigd ({ $count })
sync-conflicts-hint = Elk bureau hield de laatste wijziging. De andere staat hier, zodat niets verloren gaat: controleer ze, verbeter het record indien nodig en markeer ze als bekeken.
sync-conflict-record = Record
sync-conflict-set-aside = Opzijgezette wijziging
sync-conflict-seen = Bekeken
sync-file-title = Geen verbinding? Synchroniseren via een bestand
sync-file-hint = Als de lijn dagenlang plat ligt: schrijf wat wacht naar een bestand, breng het naar de beheerder van het platform (bijvoorbeeld op een USB-stick) en importeer het antwoord dat je terugkrijgt. Niets verlaat de wachtrij voor het antwoord geïmporteerd is.
sync-file-export-path = Bestand om te schrijven
sync-file-export = Bestand schrijven
sync-file-import-path = Het antwoord van het platform
sync-file-import = Antwoord importeren
sync-file-written = { $count ->
    [one] 1 wijziging in { $batches } pakketten geschreven naar { $path }. Breng het naar de beheerder van het platform en importeer daarna hier het antwoord.
   *[other] { $count } wijzigingen in { $batches } pakketten geschreven naar { $path }. Breng het naar de beheerder van het platform en importeer daarna hier het antwoord.
}
sync-file-left-out = Nog { $count } wijzigingen pasten niet in dit bestand: schrijf een volgend bestand nadat het antwoord geïmporteerd is.
sync-file-imported = Antwoord geïmporteerd om { $when }.
sync-file-already = { $count ->
    [one] 1 pakket was al eerder beantwoord en werd overgeslagen.
   *[other] { $count } pakketten waren al eerder beantwoord en werden overgeslagen.
}
sync-file-refused = Een pakket werd in zijn geheel geweigerd en blijft in de wachtrij: { $why }
sync-file-pull-old = De wijzigingen van het platform in dit antwoord zijn ouder dan wat deze post al heeft; ze werden overgeslagen.
sync-stop-unreachable = Het platform was na meerdere pogingen niet bereikbaar. De wijzigingen blijven in de wachtrij en de volgende synchronisatie verstuurt ze; controleer de verbinding, of synchroniseer hieronder via een bestand.
sync-stop-unauthorized = Het platform herkent deze post niet meer: meld hem opnieuw aan met het geheim van het OCMW.
sync-stop-revoked = Het platform heeft deze post ingetrokken: vraag het aan de beheerder van het platform.
sync-stop-outdated = Deze versie van Solidesk is te oud voor het platform: werk Solidesk bij. De wijzigingen blijven intussen in de wachtrij.
sync-stop-busy = Het platform is druk bezet en vraagt om over { $minutes } minuten terug te komen; de wijzigingen blijven in de wachtrij.
sync-stop-not_enrolled = Deze post is nog niet aangemeld bij het platform: meld hem eerst aan met het geheim van het OCMW.
sync-stop-already_running = Er loopt al een synchronisatie van dit register; deze werd niet gestart.
sync-stop-bad_secret = Het platform aanvaardde dat aanmeldingsgeheim niet: vraag de beheerder naar het geheim van het OCMW.
sync-kind-resident = Bewoner
sync-kind-request = Hulpvraag
sync-kind-assignment = Boeking
sync-kind-contact = Contact
sync-kind-volunteer = Vrijwilliger
sync-report-retries = { $count ->
    [one] Het platform antwoordde na 1 nieuwe poging.
   *[other] Het platform antwoordde na { $count } nieuwe pogingen.
}
