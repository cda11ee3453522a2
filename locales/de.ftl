# Solidesk: Deutsch.
app-name = Solidesk
nav-today = Heute
nav-intake = Anrufannahme
nav-residents = Bewohner
nav-volunteers = Freiwillige
nav-requests = Hilfeanfragen
nav-settings = Einstellungen
nav-about = Über
nav-help = Tastenkürzel
nav-language = Sprache

unlock-title = Register öffnen
unlock-path = Registerdatei
unlock-key = Schlüssel
unlock-open = Öffnen
unlock-create = Ein neues Register anlegen
unlock-create-hint = Hier gibt es noch kein Register. Wählen Sie einen Schlüssel und bewahren Sie ihn sicher auf: Ohne ihn kann niemand das Register lesen, auch das ÖSHZ nicht.
unlock-key-repeat = Schlüssel wiederholen
unlock-keys-differ = Die beiden Schlüssel sind nicht gleich.

intake-title = Anrufannahme
intake-search = Telefonnummer oder Name des Anrufers
intake-search-hint = Geben Sie eine Telefonnummer (in jeder Form, oder die letzten Ziffern) oder einen Namen ein.
intake-no-match = Niemand gefunden. Legen Sie die Person unten an.
intake-new-resident = Neue Person
intake-caller = Anrufer
intake-change-caller = Anderer Anrufer
intake-request = Die Anfrage
intake-save = Anfrage speichern
intake-saved = Anfrage für { $name } am { $date } gespeichert.
intake-results = { $count ->
    [0] Keine Bewohner gefunden
    [one] Ein Bewohner gefunden
   *[other] { $count } Bewohner gefunden
}

request-kind = Was wird gebraucht
request-date = Wann
request-from = Von
request-to = Bis
request-part = Tageszeit
request-repeat = Wiederholen
request-repeat-until = Wiederholen bis
request-urgency = Dringlichkeit
request-notes = Details oder Einkaufsliste
request-language = Sprache für diese Anfrage

task-groceries = Einkäufe
task-pharmacy = Apotheke
task-errands = Besorgungen
task-phone_checkin = Kontaktanruf
task-accompaniment = Begleitung
task-chat = Plauderanruf

part-any = Egal wann
part-morning = Vormittag
part-afternoon = Nachmittag
part-evening = Abend

repeat-none = Einmal
repeat-daily = Jeden Tag
repeat-every-2-days = Jeden zweiten Tag
repeat-weekly = Jede Woche
repeat-every-2-weeks = Alle zwei Wochen
repeat-monthly = Jeden Monat

urgency-low = Niedrig
urgency-normal = Normal
urgency-high = Hoch
urgency-urgent = Dringend

status-open = Offen
status-proposed = Vorgeschlagen
status-assigned = Zugewiesen
status-done = Erledigt
status-not_done = Nicht erledigt
status-cancelled = Abgesagt

channel-phone = Telefon
channel-walk_in = Am Schalter
channel-import = Import
channel-email = E-Mail
channel-other = Andere

language-nl = Niederländisch
language-fr = Französisch
language-de = Deutsch
language-en = Englisch

field-first-name = Vorname
field-last-name = Name
field-birth-date = Geburtsdatum
field-national-number = Nationalregisternummer
field-language = Sprache
field-street = Straße
field-number = Nummer
field-box = Briefkasten
field-postal-code = Postleitzahl
field-locality = Ort
field-phone = Telefon
field-phone-2 = Zweites Telefon
field-lives-alone = Lebt allein
field-needs = Bedürfnisse (Mobilität, Diät, Gehör…)
field-notes = Interne Notizen
field-email = E-Mail
field-languages = Sprachen
field-tasks = Aufgaben
field-radius = Fährt bis (km)
field-capacity = Einsätze pro Tag
field-availability = Verfügbarkeit
field-status = Status
field-address = Adresse
field-born = Geboren
field-office-name = Name des ÖSHZ
field-nis = NIS-Code der Gemeinde
field-office-phone = Telefon des ÖSHZ
field-default-language = Standardsprache
field-postal-codes = Betreute Postleitzahlen

yes = Ja
no = Nein
unknown = Unbekannt
save = Speichern
saved = Gespeichert.
cancel = Abbrechen
edit = Ändern
add = Hinzufügen
close = Schließen
search = Suchen
previous = Zurück
next = Weiter
loading = Wird geladen…
required = Pflichtfeld

residents-title = Bewohner
residents-count = { $count } Bewohner
residents-search = Nach Name oder Telefon suchen
resident-requests = Anfragen
resident-contacts = Kontakte
resident-none = Noch nichts.
resident-new = Neue Person
resident-edit = Person ändern

volunteers-title = Freiwillige
volunteer-new = Neue Freiwillige
volunteer-edit = Freiwillige ändern
volunteer-status-active = Aktiv
volunteer-status-paused = Pausiert
volunteer-status-left = Ausgeschieden

requests-title = Hilfeanfragen
requests-status-all = Alle Status
requests-outcome = Ergebnis
requests-set = Status ändern
requests-none = Keine Anfragen in diesem Zeitraum.

today-title = Heute
today-none = Heute ist nichts geplant.

settings-title = Einstellungen
about-title = Über Solidesk
about-version = Version { $version }, Registerschema { $schema }
about-data = Offene Daten

weekday-1 = Mo
weekday-2 = Di
weekday-3 = Mi
weekday-4 = Do
weekday-5 = Fr
weekday-6 = Sa
weekday-7 = So

help-title = Tastenkürzel
help-goto = Zu einem Bildschirm wechseln
help-search = Zum Suchfeld
help-save = Speichern
help-help = Diese Liste zeigen oder verbergen
help-close = Ein Fenster schließen, eine Änderung abbrechen
help-lists = In einer Liste bewegen / die gewählte Zeile öffnen

error-locked = Das Register ist gesperrt.
