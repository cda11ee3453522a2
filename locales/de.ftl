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

# Import: warum eine Zeile abgelehnt oder mit einer Warnung importiert wurde (auch in der Ablehnungsdatei).
import-rejects-line = Zeile
import-rejects-reason = Grund
import-reason-missing_last_name = Kein Nachname
import-reason-national_number_scientific_notation = Nationalregisternummer durch wissenschaftliche Schreibweise (Excel) zerstört; bitte vom Personalausweis neu abtippen
import-reason-national_number_length = Nationalregisternummer hat keine 11 Ziffern
import-reason-national_number_month = Nationalregisternummer hat keinen gültigen Monat
import-reason-national_number_date = Nationalregisternummer enthält ein Datum, das es nicht gibt
import-reason-national_number_checksum = Prüfziffern der Nationalregisternummer stimmen nicht (Tippfehler?)
import-reason-birth_date_invalid = Geburtsdatum ist kein mögliches Datum
import-reason-birth_date_future = Geburtsdatum liegt in der Zukunft
import-reason-postal_code_unknown = Postleitzahl gibt es in Belgien nicht
import-reason-postal_code_missing = Keine Postleitzahl (ein Freiwilliger braucht eine)
import-warning-phone_invalid = Telefonnummer ungültig; weggelassen
import-warning-locality_mismatch = Ort gehört nicht zur Postleitzahl; wie geschrieben behalten
import-warning-birth_date_mismatch = Geburtsdatum weicht von dem der Nationalregisternummer ab; das der Nummer wurde behalten
import-warning-language_unknown = Unbekannte Sprache; die Sprache der Gegend wurde verwendet
import-warning-consent_date_invalid = Datum der Einwilligung ist kein Datum; weggelassen
import-warning-consent_basis_unknown = Unbekannte Rechtsgrundlage; weggelassen
import-warning-lives_alone_unknown = „Lebt allein" ist weder ja noch nein; weggelassen
import-warning-status_unknown = Unbekannter Status; unverändert gelassen
import-warning-email_invalid = E-Mail-Adresse ungültig; weggelassen
import-warning-task_unknown = Unbekannte Aufgabe; weggelassen
import-warning-availability_invalid = Verfügbarkeit nicht verstanden; weggelassen
import-warning-radius_invalid = Umkreis ist keine Entfernung zwischen 0 und 200 km; der Standardwert wurde verwendet
import-warning-capacity_invalid = Kapazität ist keine Zahl zwischen 0 und 20; der Standardwert wurde verwendet
import-group-created = Neu
import-group-updated = Aktualisiert
import-group-unchanged = Bereits aktuell
import-group-duplicate_in_file = Doppelt in der Datei (einmal gezählt)
import-group-possible_duplicate = Möglicherweise schon im Register (zu prüfen)
import-warning-national_number_taken = Die Nationalregisternummer gehört einem anderen Bewohner; unverändert gelassen

nav-import = Importieren
import-title = Eine Liste importieren
import-kind = Die Datei enthält
import-mapping = Spaltenzuordnung
import-mapping-automatic = Spalten erkennen
import-file = Datei
import-read = Datei lesen
import-browse = Durchsuchen…
import-columns = Spalten
import-encoding = Kodierung
import-delimiter = Trennzeichen
import-column = Spalte in der Datei
import-field = Importiert als
import-example = Erste Zeile
import-field-none = Nicht importiert
import-field-solidesk_id = Solidesk-ID
import-field-consent_date = Datum der Einwilligung
import-field-consent_basis = Rechtsgrundlage
import-field-ignore = Bekannt, nicht gespeichert
import-missing = Keine Spalte enthält
import-save-mapping = Diese Zuordnung speichern als (optional)
import-preview = Vorschau (ändert nichts)
import-run = Importieren
import-progress = { $rows } Zeilen gelesen…
import-cancel = Abbrechen
import-cancelled = Abgebrochen: nichts wurde geändert
import-dry-run-result = Vorschau: das wird der Import tun
import-done = Importiert
import-count-rows = Zeilen
import-count-rejected = Abgelehnt
import-count-warnings = Mit Warnungen
import-line = Zeile { $line }
import-open-rejects = Abgelehnte Zeilen öffnen
import-undo = Diesen Import rückgängig machen
import-undone = Rückgängig gemacht: { $removed } entfernt, { $restored } wiederhergestellt.
import-history = Frühere Importe
import-when = Wann
import-was-undone = rückgängig gemacht

# Matching: reasons read aloud
match-why-distance = { $km } km
match-why-same-area = gleiches Postleitzahlgebiet
match-why-by-phone = telefonisch
match-why-speaks = spricht { $language }
match-why-helped = hat { $resident } { $times ->
    [1] einmal
    [2] zweimal
   *[other] { $times }-mal
} geholfen
match-why-free = frei am { $when }
match-why-not-asked-fortnight = in den letzten zwei Wochen nicht gefragt
match-why-not-asked = { $days ->
    [0] heute schon gefragt
    [1] zuletzt gestern gefragt
   *[other] zuletzt vor { $days } Tagen gefragt
}
match-why-asked = { $times }-mal in zwei Wochen gefragt
match-why-no-location = die Adresse der Person hat keine bekannte Lage
match-why-none-do-task = { $task }: keine Freiwilligen im Umkreis von { $km } km
match-why-none-do-task-anywhere = { $task }: überhaupt keine Freiwilligen
match-why-none-speaks = { $task }: niemand, der { $language } spricht, im Umkreis von { $km } km ({ $others } sprechen andere Sprachen)
match-why-none-free = { $count }, die { $language } sprechen, { $count ->
    [one] wohnt
   *[other] wohnen
} nah genug, aber niemand ist am { $when } frei
match-why-free-on = { $count } wären am { $day } frei
match-why-excluded = { $count } für diese Person ausgeschlossen
match-why-declined = { $count } heute für diese Anfrage abgelehnt
match-why-booked = { $count ->
    [one] 1 ist
   *[other] { $count } sind
} an dem Tag ausgebucht
match-why-taken = { $count ->
    [one] die eine Person, die könnte, wird
   *[other] die { $count }, die könnten, werden
} für dringendere oder nähere Anfragen gebraucht
match-why-outside-radius = { $count } in der Nähe frei, aber weiter als sie fahren
match-override-language = spricht kein { $language }
match-override-task = übernimmt nicht: { $task }
match-override-availability = nicht frei am { $when }
match-override-distance = { $km } km entfernt, weiter als { $limit } km
match-override-exclusion = für diese Person ausgeschlossen
match-override-capacity = Tag schon voll
match-override-decline = heute schon abgelehnt
match-override-location = Entfernung unbekannt
match-when-part = { $weekday }{ $part }
match-part-morning = vormittag
match-part-afternoon = nachmittag
match-part-evening = abend
match-weekday-1 = Montag
match-weekday-2 = Dienstag
match-weekday-3 = Mittwoch
match-weekday-4 = Donnerstag
match-weekday-5 = Freitag
match-weekday-6 = Samstag
match-weekday-7 = Sonntag
match-language-nl = Niederländisch
match-language-fr = Französisch
match-language-de = Deutsch
match-language-en = Englisch

# Matching screen
nav-matching = Zuordnen
help-matching = den gewählten Vorschlag annehmen oder ablehnen (W: wer noch)
match-title = Zuordnen
match-date = Tag
match-plan = Tag planen
match-planning = Der Tag wird geplant…
match-bad-date = Den Tag zuerst schreiben: 1/12/2026
match-confirm-all = Alle Vorschläge bestätigen
match-by-postal-code = Nach Postleitzahl
match-summary = { $served } von { $total } offenen Anfragen bedient ({ $urgent } dringend); { $kept } vorher bestätigt
match-proposals = Vorschläge
match-unmatched = Niemand gefunden
match-kept = Bestätigt
match-keys = ↑ ↓ wählen · A oder Enter annehmen · D ablehnen · W wer noch
match-accept = Annehmen
match-decline = Ablehnen
match-who-else = Wer noch?
match-alternatives = Wer könnte { $resident } noch helfen
match-nobody-else = Sonst erfüllt an dem Tag niemand alle Regeln.
match-assign = Zuordnen
match-close = Schließen
match-accepted = Bestätigt: { $volunteer } für { $resident }.
match-declined = Abgelehnt: { $volunteer } wird heute für diese Anfrage nicht mehr vorgeschlagen.
match-assigned = Von Hand zugeordnet: { $volunteer } für { $resident }.
match-confirmed-all = { $count } Vorschläge bestätigt.
match-no-postal-code = Ohne Postleitzahl

# Printed sheets (solidesk-sheets) and the Sheets screen
sheet-title = Einsatzblatt
sheet-for-office = für { $office }
sheet-when = Wann
sheet-resident = Bewohner
sheet-address = Adresse
sheet-phone = Telefon
sheet-speaks = Spricht
sheet-task = Aufgabe
sheet-details = Einzelheiten
sheet-list = Einkaufsliste
sheet-access = Zugang (vom Bewohner mitgeteilt)
sheet-outcome = Ergebnis
sheet-outcome-done = Erledigt
sheet-outcome-not-done = Nicht erledigt
sheet-outcome-unreached = Nicht erreicht
sheet-outcome-nobody = Niemand zu Hause
sheet-remarks = Bemerkungen
sheet-urgent = Dringend
sheet-help-line = Stimmt etwas nicht? Rufen Sie { $office } an: { $phone }.
sheet-help-line-no-phone = Stimmt etwas nicht? Rufen Sie { $office } an.
sheet-number = Nr.
sheet-volunteer = Freiwillige(r)
sheet-continued = Fortsetzung
sheet-overview-title = Tagesübersicht
sheet-assigned = Zugewiesen
sheet-unassigned = Nicht zugewiesen
sheet-why = Warum
sheet-postal-code = Postleitzahl
sheet-none = Keine.
sheet-calls-title = Kontrollanrufe
sheet-caller = Wer ruft an
sheet-caller-office = das ÖSHZ
sheet-last-contact = Letzter Kontakt
sheet-called-at = Angerufen um
sheet-reached = Erreicht
sheet-counts = { $assigned } zugewiesen, { $unassigned } nicht zugewiesen, { $volunteers } Freiwillige
sheet-why-proposed = { $name } vorgeschlagen, noch nicht bestätigt
sheet-why-not-planned = noch nicht geplant: diesen Tag unter Zuordnung planen
sheet-printed = Gedruckt { $when }
nav-sheets = Blätter
sheets-title = Tagesblätter
sheets-date = Tag
sheets-make = Blätter erstellen
sheets-making = Satz läuft…
sheets-kind-volunteers = Blätter der Freiwilligen
sheets-kind-overview = Tagesübersicht
sheets-kind-calls = Anrufliste
sheets-pages = { $pages } Seiten
sheets-folder = Ordner
sheets-print = Drucken…
sheets-save = Alle PDFs speichern
sheets-saved = Gespeichert in { $path }
sheets-empty = An diesem Tag gibt es noch keine bestätigten Einsätze: bestätigen Sie sie zuerst unter Zuordnung.
sheets-volunteer-count = { $count } Freiwillige
sheets-duplex = Beidseitig drucken (jede(r) Freiwillige beginnt auf einem neuen Blatt)
sheets-template = Vorlage: { $path }
sheets-template-default = Vorlage: die eingebaute
help-sheets = Druckvorschau: P drucken, S speichern
field-access-note = Zugang, für Freiwillige
field-access-note-hint = Steht auf dem Blatt der Freiwilligen, mit Einverständnis des Bewohners (Türcode, Klingel, Haustiere). Private Notizen werden nie gedruckt.

# The Sync screen (reasons are the platform's codes, worded here)
nav-sync = Synchronisierung
help-sync = jetzt synchronisieren: S
sync-title = Synchronisierung mit der nationalen Plattform
sync-not-enrolled = Dieser Arbeitsplatz ist noch nicht bei der nationalen Plattform angemeldet. Der Administrator der Plattform gibt dem ÖSHZ ihre Adresse und ein Anmeldegeheimnis.
sync-enrolled = Angemeldet als Arbeitsplatz von { $office } auf { $platform }
sync-platform-url = Adresse der Plattform
sync-secret = Anmeldegeheimnis
sync-desk-name = Name dieses Arbeitsplatzes
sync-desk-name-hint = So sieht ihn der Administrator der Plattform; leer: der Name dieses Computers.
sync-enrol = Diesen Arbeitsplatz anmelden
sync-enrolling = Anmeldung läuft…
sync-enrolled-now = Bei { $office } angemeldet. Drücken Sie „Jetzt synchronisieren“, um zu senden und zu empfangen.
sync-now = Jetzt synchronisieren
sync-running = Synchronisierung läuft…
sync-last-success = Letzte erfolgreiche Synchronisierung
sync-last-attempt = Letzter Versuch
sync-never = nie
sync-attempt-succeeded = { $when }: erfolgreich
sync-attempt-failed = { $when }: FEHLGESCHLAGEN
sync-attempt-unfinished = { $when }: nicht abgeschlossen (läuft noch, oder die App wurde währenddessen geschlossen)
sync-failed = Die Synchronisierung ist fehlgeschlagen. Nichts ging verloren: Was nicht gesendet wurde, wartet auf die nächste Synchronisierung.
sync-failed-why = Grund: { $message }
sync-waiting = Wartet auf Versand
sync-waiting-none = nichts
sync-waiting-oldest = die älteste vom { $when }
sync-waiting-request = { $count ->
    [one] 1 Anfrage
   *[other] { $count } Anfragen
}
sync-waiting-claim = { $count ->
    [one] 1 Buchung eines Plattform-Freiwilligen
   *[other] { $count } Buchungen von Plattform-Freiwilligen
}
sync-waiting-claim_confirm = { $count ->
    [one] 1 bestätigte Buchung
   *[other] { $count } bestätigte Buchungen
}
sync-waiting-claim_release = { $count ->
    [one] 1 freigegebene Buchung
   *[other] { $count } freigegebene Buchungen
}
sync-waiting-outcome = { $count ->
    [one] 1 Ergebnis eines Besuchs
   *[other] { $count } Ergebnisse von Besuchen
}
sync-entity-request = Anfrage
sync-entity-claim = Buchung eines Plattform-Freiwilligen
sync-entity-claim_confirm = Bestätigung einer Buchung
sync-entity-claim_release = Freigabe einer Buchung
sync-entity-outcome = Ergebnis eines Besuchs
sync-lost = Freiwillige, die ein anderes ÖSHZ hat ({ $count })
sync-lost-hint = Diese Buchungen wurden hier abgelehnt und ihre Anfragen wieder geöffnet: Suchen Sie unter Zuordnen einen anderen Freiwilligen.
sync-issues = Von der Plattform abgelehnt ({ $count })
sync-issues-none = Die Plattform hat nichts abgelehnt.
sync-issue-when = Wann
sync-issue-what = Was
sync-issue-record = Datensatz
sync-record-request = Anfrage Nr. { $number }
sync-issue-why = Warum
sync-reason-claim_lost = Der Freiwillige ist an diesem Tag schon von { $holder } gebucht.
sync-reason-claim_lost-anonymous = Der Freiwillige ist an diesem Tag schon von einem anderen ÖSHZ gebucht.
sync-reason-unknown_volunteer = Der Freiwillige ist nicht mehr auf der Plattform registriert.
sync-reason-unknown_record = Die Plattform kennt den Datensatz nicht, auf den sich diese Änderung bezieht.
sync-reason-not_your_record = Der Datensatz gehört einem anderen ÖSHZ.
sync-reason-invalid_transition = Die Änderung passt nicht zum Stand des Datensatzes auf der Plattform.
sync-reason-key_reused = Die Änderung verwendete die Kennung einer anderen Änderung (ein Fehler in Solidesk); sie wurde beiseitegelegt.
sync-reason-personal_data = Die Änderung schien eine Nationalregisternummer zu enthalten und wurde abgelehnt.
sync-reason-invalid = Die Plattform hat die Änderung als ungültig abgelehnt.
sync-reason-other = Die Plattform hat die Änderung abgelehnt (Grund „{ $code }“).
sync-report-done = Synchronisiert am { $when }.
sync-report-sent = Gesendet: { $applied } verarbeitet, { $duplicates } schon vorhanden, { $rejected } abgelehnt.
sync-report-lost = { $count ->
    [one] 1 Buchung an ein anderes ÖSHZ verloren (siehe unten).
   *[other] { $count } Buchungen an ein anderes ÖSHZ verloren (siehe unten).
}
sync-report-received = Empfangen: { $pulled } Änderungen ({ $updated } Freiwillige neu oder aktualisiert, { $removed } entfernt).
sync-report-waiting = Wartet noch: { $count }.
sync-waiting-sealed = { $count ->
    [one] 1 Datensatz verschlüsselt für die anderen Arbeitsplätze des Amts
   *[other] { $count } Datensätze verschlüsselt für die anderen Arbeitsplätze des Amts
}
sync-entity-sealed = Datensatz für die anderen Arbeitsplätze des Amts
sync-reason-other_key = Der Datensatz wurde mit einem anderen Schlüssel als dem des Amts verschlüsselt: Geben Sie unten den Schlüsselcode eines angemeldeten Arbeitsplatzes ein.
sync-report-office = Datensätze des Amts: { $sealed } an die anderen Arbeitsplätze gesendet, { $received } von ihnen empfangen ({ $conflicts } gleichzeitig an zwei Arbeitsplätzen geändert), { $parked } zurückgestellt.
sync-office-title = Die anderen Arbeitsplätze des Amts
sync-office-held = Dieser Arbeitsplatz hat den Schlüssel des Amts: Bewohner, Anfragen und Notizen gehen damit verschlüsselt an die anderen Arbeitsplätze. Die Plattform kann sie nicht lesen.
sync-office-missing = Ihr Amt hat bereits einen Schlüssel für die Daten seiner Bewohner. Öffnen Sie an einem bereits angemeldeten Arbeitsplatz die Synchronisation, lassen Sie den Schlüsselcode anzeigen und geben Sie ihn hier ein.
sync-office-other = Der Schlüssel dieses Arbeitsplatzes ist nicht der des Amts. Geben Sie den Schlüsselcode ein, den ein angemeldeter Arbeitsplatz Ihres Amts anzeigt.
sync-office-show = Schlüsselcode anzeigen
sync-office-code-hint = Geben Sie diesen Code an einem neuen Arbeitsplatz Ihres Amts ein. Zeigen Sie ihn; senden Sie ihn nie per E-Mail oder Chat.
sync-office-code = Schlüsselcode des Amts
sync-office-join = Schlüssel übernehmen
sync-office-joined = Dieser Arbeitsplatz hat jetzt den Schlüssel des Amts; { $count } Datensätze der anderen Arbeitsplätze sind eingegangen.
sync-office-waiting = Zu sendende Datensätze des Amts: { $waiting }; empfangen und zurückgestellt: { $parked }
sync-conflicts = Gleichzeitig an zwei Arbeitsplätzen geändert ({ $count })
sync-conflicts-hint = Jeder Arbeitsplatz hat die spätere Änderung behalten. Die andere steht hier, damit nichts verloren geht: Prüfen Sie sie, korrigieren Sie den Datensatz bei Bedarf und markieren Sie sie als angesehen.
sync-conflict-record = Datensatz
sync-conflict-set-aside = Zurückgestellte Änderung
sync-conflict-seen = Angesehen
sync-file-title = Keine Verbindung? Per Datei synchronisieren
sync-file-hint = Wenn die Leitung tagelang ausfällt: Schreiben Sie das Wartende in eine Datei, bringen Sie sie dem Betreiber der Plattform (zum Beispiel auf einem USB-Stick) und importieren Sie die Antwort, die Sie zurückbekommen. Nichts verlässt die Warteschlange, bevor die Antwort importiert ist.
sync-file-export-path = Zu schreibende Datei
sync-file-export = Datei schreiben
sync-file-import-path = Die Antwort der Plattform
sync-file-import = Antwort importieren
sync-file-written = { $count ->
    [one] 1 Änderung in { $batches } Paketen nach { $path } geschrieben. Bringen Sie sie dem Betreiber der Plattform und importieren Sie dann hier seine Antwort.
   *[other] { $count } Änderungen in { $batches } Paketen nach { $path } geschrieben. Bringen Sie sie dem Betreiber der Plattform und importieren Sie dann hier seine Antwort.
}
sync-file-left-out = { $count } weitere Änderungen passten nicht in diese Datei: Schreiben Sie eine weitere, nachdem die Antwort importiert ist.
sync-file-imported = Antwort importiert am { $when }.
sync-file-already = { $count ->
    [one] 1 Paket war schon früher beantwortet und wurde übersprungen.
   *[other] { $count } Pakete waren schon früher beantwortet und wurden übersprungen.
}
sync-file-refused = Ein Paket wurde ganz abgelehnt und bleibt in der Warteschlange: { $why }
sync-file-pull-old = Die Änderungen der Plattform in dieser Antwort sind älter als das, was dieser Arbeitsplatz schon hat; sie wurden übersprungen.
sync-stop-unreachable = Die Plattform war nach mehreren Versuchen nicht erreichbar. Die Änderungen bleiben in der Warteschlange und die nächste Synchronisierung sendet sie; prüfen Sie die Verbindung oder synchronisieren Sie unten per Datei.
sync-stop-unauthorized = Die Plattform erkennt diesen Arbeitsplatz nicht mehr: Melden Sie ihn mit dem Geheimnis des ÖSHZ neu an.
sync-stop-revoked = Die Plattform hat diesen Arbeitsplatz gesperrt: Wenden Sie sich an den Administrator der Plattform.
sync-stop-outdated = Diese Version von Solidesk ist zu alt für die Plattform: Aktualisieren Sie Solidesk. Die Änderungen bleiben so lange in der Warteschlange.
sync-stop-busy = Die Plattform ist ausgelastet und bittet, in { $minutes } Minuten wiederzukommen; die Änderungen bleiben in der Warteschlange.
sync-stop-not_enrolled = Dieser Arbeitsplatz ist noch nicht bei der Plattform angemeldet: Melden Sie ihn zuerst mit dem Geheimnis des ÖSHZ an.
sync-stop-already_running = Eine andere Synchronisierung dieses Registers läuft; diese wurde nicht gestartet.
sync-stop-bad_secret = Die Plattform hat dieses Anmeldegeheimnis nicht angenommen: Fragen Sie ihren Administrator nach dem Geheimnis des ÖSHZ.
sync-kind-resident = Bewohner
sync-kind-request = Anfrage
sync-kind-assignment = Buchung
sync-kind-contact = Kontakt
sync-kind-volunteer = Freiwillige(r)
sync-report-retries = { $count ->
    [one] Die Plattform antwortete nach 1 weiteren Versuch.
   *[other] Die Plattform antwortete nach { $count } weiteren Versuchen.
}
