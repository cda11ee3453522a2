# Solidesk: English. One file per language, shared by the desktop app and (later) the printed sheets.
app-name = Solidesk
nav-today = Today
nav-intake = Phone intake
nav-residents = Residents
nav-volunteers = Volunteers
nav-requests = Requests
nav-settings = Settings
nav-about = About
nav-help = Shortcuts
nav-language = Language

unlock-title = Open the register
unlock-path = Register file
unlock-key = Key
unlock-open = Open
unlock-create = Create a new register
unlock-create-hint = There is no register at this place yet. Choose a key and keep it safe: without it nobody can read the register, not even the office.
unlock-key-repeat = Key again
unlock-keys-differ = The two keys are not the same.

intake-title = Phone intake
intake-search = Caller's phone number or name
intake-search-hint = Type a phone number (any form, or its last digits) or a name.
intake-no-match = Nobody found. Create the resident below.
intake-new-resident = New resident
intake-caller = Caller
intake-change-caller = Other caller
intake-request = The request
intake-save = Save request
intake-saved = Request saved for { $name } on { $date }.
intake-results = { $count ->
    [0] No residents found
    [one] One resident found
   *[other] { $count } residents found
}

request-kind = What is needed
request-date = When
request-from = From
request-to = Until
request-part = Part of the day
request-repeat = Repeat
request-repeat-until = Repeat until
request-urgency = Urgency
request-notes = Details or shopping list
request-language = Language for this request

task-groceries = Groceries
task-pharmacy = Pharmacy
task-errands = Errands
task-phone_checkin = Check-in call
task-accompaniment = Accompaniment
task-chat = Chat call

part-any = Any time
part-morning = Morning
part-afternoon = Afternoon
part-evening = Evening

repeat-none = Once
repeat-daily = Every day
repeat-every-2-days = Every other day
repeat-weekly = Every week
repeat-every-2-weeks = Every other week
repeat-monthly = Every month

urgency-low = Low
urgency-normal = Normal
urgency-high = High
urgency-urgent = Urgent

status-open = Open
status-proposed = Proposed
status-assigned = Assigned
status-done = Done
status-not_done = Not done
status-cancelled = Cancelled

channel-phone = Phone
channel-walk_in = At the desk
channel-import = Import
channel-email = E-mail
channel-other = Other

language-nl = Dutch
language-fr = French
language-de = German
language-en = English

field-first-name = First name
field-last-name = Last name
field-birth-date = Birth date
field-national-number = National register number
field-language = Language
field-street = Street
field-number = Number
field-box = Box
field-postal-code = Postal code
field-locality = Locality
field-phone = Phone
field-phone-2 = Second phone
field-lives-alone = Lives alone
field-needs = Needs (mobility, diet, hearing…)
field-notes = Private notes
field-email = E-mail
field-languages = Languages
field-tasks = Tasks
field-radius = Goes up to (km)
field-capacity = Assignments per day
field-availability = Availability
field-status = Status
field-address = Address
field-born = Born
field-office-name = Office name
field-nis = NIS code of the municipality
field-office-phone = Office phone
field-default-language = Default language
field-postal-codes = Postal codes served

yes = Yes
no = No
unknown = Unknown
save = Save
saved = Saved.
cancel = Cancel
edit = Edit
add = Add
close = Close
search = Search
previous = Previous
next = Next
loading = Loading…
required = Required

residents-title = Residents
residents-count = { $count } residents
residents-search = Search by name or phone
resident-requests = Requests
resident-contacts = Contacts
resident-none = Nothing yet.
resident-new = New resident
resident-edit = Edit resident

volunteers-title = Volunteers
volunteer-new = New volunteer
volunteer-edit = Edit volunteer
volunteer-status-active = Active
volunteer-status-paused = Paused
volunteer-status-left = Left

requests-title = Requests
requests-status-all = All statuses
requests-outcome = Outcome
requests-set = Set status
requests-none = No requests in this period.

today-title = Today
today-none = Nothing planned today.

settings-title = Settings
about-title = About Solidesk
about-version = Version { $version }, register schema { $schema }
about-data = Open data

weekday-1 = Mon
weekday-2 = Tue
weekday-3 = Wed
weekday-4 = Thu
weekday-5 = Fri
weekday-6 = Sat
weekday-7 = Sun

help-title = Keyboard shortcuts
help-goto = Go to a screen
help-search = Go to the search field
help-save = Save
help-help = Show or hide this list
help-close = Close a dialog, cancel an edit
help-lists = Move through a list / open the selected line

error-locked = The register is locked.

# Import: why a row was rejected or imported with a warning (also written in rejects files).
import-rejects-line = Line
import-rejects-reason = Reason
import-reason-missing_last_name = No last name
import-reason-national_number_scientific_notation = National number destroyed by scientific notation (Excel); type it again from the identity card
import-reason-national_number_length = National number does not have 11 digits
import-reason-national_number_month = National number has no valid month
import-reason-national_number_date = National number encodes a date that does not exist
import-reason-national_number_checksum = National number fails its check digits (mistyped?)
import-reason-birth_date_invalid = Birth date is not a possible date
import-reason-birth_date_future = Birth date is in the future
import-reason-postal_code_unknown = Postal code does not exist in Belgium
import-reason-postal_code_missing = No postal code (a volunteer needs one)
import-warning-phone_invalid = Phone number is not valid; left out
import-warning-locality_mismatch = Locality does not belong to the postal code; kept as written
import-warning-birth_date_mismatch = Birth date differs from the national number's; the number's was kept
import-warning-language_unknown = Unknown language; the area's language was used
import-warning-consent_date_invalid = Consent date is not a date; left out
import-warning-consent_basis_unknown = Unknown legal basis; left out
import-warning-lives_alone_unknown = "Lives alone" is neither yes nor no; left out
import-warning-status_unknown = Unknown status; left as it was
import-warning-email_invalid = E-mail address is not valid; left out
import-warning-task_unknown = Unknown task; left out
import-warning-availability_invalid = Availability not understood; left out
import-warning-radius_invalid = Radius is not a distance between 0 and 200 km; the default was used
import-warning-capacity_invalid = Capacity is not a number between 0 and 20; the default was used
import-group-created = New
import-group-updated = Updated
import-group-unchanged = Already up to date
import-group-duplicate_in_file = Twice in the file (counted once)
import-group-possible_duplicate = Possibly someone already in the register (to review)
import-warning-national_number_taken = The national number belongs to another resident; left unchanged

nav-import = Import
import-title = Import a list
import-kind = The file holds
import-mapping = Column mapping
import-mapping-automatic = Recognise the columns
import-file = File
import-read = Read the file
import-browse = Browse…
import-columns = Columns
import-encoding = Encoding
import-delimiter = Delimiter
import-column = Column in the file
import-field = Imported as
import-example = First row
import-field-none = Not imported
import-field-solidesk_id = Solidesk ID
import-field-consent_date = Consent date
import-field-consent_basis = Legal basis
import-field-ignore = Known, not stored
import-missing = No column holds
import-save-mapping = Save this mapping as (optional)
import-preview = Preview (changes nothing)
import-run = Import
import-progress = { $rows } rows read…
import-cancel = Cancel
import-cancelled = Cancelled: nothing was changed
import-dry-run-result = Preview: this is what the import will do
import-done = Imported
import-count-rows = Rows
import-count-rejected = Rejected
import-count-warnings = With warnings
import-line = Line { $line }
import-open-rejects = Open the rejected rows
import-undo = Undo this import
import-undone = Undone: { $removed } removed, { $restored } put back as they were.
import-history = Earlier imports
import-when = When
import-was-undone = undone

# Matching: reasons read aloud
match-why-distance = { $km } km
match-why-same-area = same postal code area
match-why-by-phone = by phone
match-why-speaks = speaks { $language }
match-why-helped = helped { $resident } { $times ->
    [1] once
    [2] twice
   *[other] { $times } times
}
match-why-free = free { $when }
match-why-not-asked-fortnight = not asked in the last two weeks
match-why-not-asked = { $days ->
    [0] asked earlier today
    [1] last asked yesterday
   *[other] last asked { $days } days ago
}
match-why-asked = asked { $times } times in two weeks
match-why-no-location = the resident's address has no known location
match-why-none-do-task = { $task }: no volunteer within { $km } km
match-why-none-do-task-anywhere = { $task }: no volunteer at all
match-why-none-speaks = { $task }: no volunteer who speaks { $language } within { $km } km ({ $others } speak other languages)
match-why-none-free = { $count ->
    [one] 1 who speaks { $language } lives
   *[other] { $count } who speak { $language } live
} near enough, but none is free { $when }
match-why-free-on = { $count } would be free on { $day }
match-why-excluded = { $count } excluded for this resident
match-why-declined = { $count } declined for this request today
match-why-booked = { $count ->
    [one] 1 is
   *[other] { $count } are
} fully booked that day
match-why-taken = the { $count } who could { $count ->
    [one] is
   *[other] are
} needed for more urgent or nearer requests
match-why-outside-radius = { $count } free nearby, but beyond the distance they go
match-override-language = does not speak { $language }
match-override-task = does not do { $task }
match-override-availability = not free { $when }
match-override-distance = { $km } km away, beyond { $limit } km
match-override-exclusion = excluded for this resident
match-override-capacity = day already full
match-override-decline = declined earlier today
match-override-location = distance unknown
match-when-part = { $weekday } { $part }
match-part-morning = morning
match-part-afternoon = afternoon
match-part-evening = evening
match-weekday-1 = Monday
match-weekday-2 = Tuesday
match-weekday-3 = Wednesday
match-weekday-4 = Thursday
match-weekday-5 = Friday
match-weekday-6 = Saturday
match-weekday-7 = Sunday
match-language-nl = Dutch
match-language-fr = French
match-language-de = German
match-language-en = English

# Matching screen
nav-matching = Matching
help-matching = accept or decline the selected proposal (W: who else could go)
match-title = Matching
match-date = Day
match-plan = Plan the day
match-planning = Planning the day…
match-bad-date = Write the day first: 1/12/2026
match-confirm-all = Confirm all proposals
match-by-postal-code = By postal code
match-summary = { $served } of { $total } open requests served ({ $urgent } urgent); { $kept } confirmed before
match-proposals = Proposals
match-unmatched = Nobody found
match-kept = Confirmed
match-keys = ↑ ↓ choose · A or Enter accept · D decline · W who else could go
match-accept = Accept
match-decline = Decline
match-who-else = Who else?
match-alternatives = Who else could help { $resident }
match-nobody-else = Nobody else meets every rule that day.
match-assign = Assign
match-close = Close
match-accepted = Confirmed: { $volunteer } for { $resident }.
match-declined = Declined: { $volunteer } will not be proposed for this request again today.
match-assigned = Assigned by hand: { $volunteer } for { $resident }.
match-confirmed-all = { $count } proposals confirmed.
match-no-postal-code = No postal code

# Printed sheets (solidesk-sheets) and the Sheets screen
sheet-title = Assignment sheet
sheet-for-office = for { $office }
sheet-when = When
sheet-resident = Resident
sheet-address = Address
sheet-phone = Phone
sheet-speaks = Speaks
sheet-task = Task
sheet-details = Details
sheet-list = Shopping list
sheet-access = Access (shared by the resident)
sheet-outcome = Outcome
sheet-outcome-done = Done
sheet-outcome-not-done = Not done
sheet-outcome-unreached = Not reached
sheet-outcome-nobody = Nobody home
sheet-remarks = Remarks
sheet-urgent = Urgent
sheet-help-line = Something wrong? Call { $office } on { $phone }.
sheet-help-line-no-phone = Something wrong? Call { $office }.
sheet-number = No.
sheet-volunteer = Volunteer
sheet-continued = continued
sheet-overview-title = Day overview
sheet-assigned = Assigned
sheet-unassigned = Not assigned
sheet-why = Why
sheet-postal-code = Postal code
sheet-none = None.
sheet-calls-title = Check-in calls
sheet-caller = Who calls
sheet-caller-office = the office
sheet-last-contact = Last contact
sheet-called-at = Called at
sheet-reached = Reached
sheet-counts = { $assigned } assigned, { $unassigned } not assigned, { $volunteers } volunteers
sheet-why-proposed = proposed to { $name }, not confirmed yet
sheet-why-not-planned = not planned yet: plan this day in Matching
sheet-printed = Printed { $when }
nav-sheets = Sheets
sheets-title = Daily sheets
sheets-date = Day
sheets-make = Make the sheets
sheets-making = Typesetting…
sheets-kind-volunteers = Volunteers’ sheets
sheets-kind-overview = Day overview
sheets-kind-calls = Call list
sheets-pages = { $pages } pages
sheets-folder = Folder
sheets-print = Print…
sheets-save = Save all PDFs
sheets-saved = Saved to { $path }
sheets-empty = No confirmed assignments on this day yet: confirm them in Matching first.
sheets-volunteer-count = { $count } volunteers
sheets-duplex = Double-sided printing (each volunteer starts on a new sheet)
sheets-template = Template: { $path }
sheets-template-default = Template: the built-in one
help-sheets = print preview: P print, S save
field-access-note = Access note for volunteers
field-access-note-hint = Printed on the volunteers’ sheets, with the resident’s agreement (door code, which bell, pets). Private notes are never printed.

# The Sync screen (reasons are the platform's codes, worded here)
nav-sync = Sync
help-sync = sync now: S
sync-title = Sync with the national platform
sync-not-enrolled = This desk is not enrolled with the national platform yet. The platform’s administrator gives the office its address and an enrolment secret.
sync-enrolled = Enrolled as a desk of { $office } on { $platform }
sync-platform-url = Platform address
sync-secret = Enrolment secret
sync-desk-name = This desk’s name
sync-desk-name-hint = As the platform’s administrator will see it; left empty, this computer’s name.
sync-enrol = Enrol this desk
sync-enrolling = Enrolling…
sync-enrolled-now = Enrolled with { $office }. Press “Sync now” to send and receive.
sync-now = Sync now
sync-running = Syncing…
sync-last-success = Last successful sync
sync-last-attempt = Last attempt
sync-never = never
sync-attempt-succeeded = { $when }: succeeded
sync-attempt-failed = { $when }: FAILED
sync-attempt-unfinished = { $when }: did not finish (still running, or the app was closed during it)
sync-failed = The sync failed. Nothing was lost: what was not sent stays queued for the next sync.
sync-failed-why = Why: { $message }
sync-waiting = Waiting to be sent
sync-waiting-none = nothing
sync-waiting-oldest = the oldest from { $when }
sync-waiting-request = { $count ->
    [one] 1 request
   *[other] { $count } requests
}
sync-waiting-claim = { $count ->
    [one] 1 booking of a platform volunteer
   *[other] { $count } bookings of platform volunteers
}
sync-waiting-claim_confirm = { $count ->
    [one] 1 confirmed booking
   *[other] { $count } confirmed bookings
}
sync-waiting-claim_release = { $count ->
    [one] 1 released booking
   *[other] { $count } released bookings
}
sync-waiting-outcome = { $count ->
    [one] 1 visit outcome
   *[other] { $count } visit outcomes
}
sync-entity-request = Request
sync-entity-claim = Booking of a platform volunteer
sync-entity-claim_confirm = Confirmation of a booking
sync-entity-claim_release = Release of a booking
sync-entity-outcome = Outcome of a visit
sync-lost = Volunteers another office holds ({ $count })
sync-lost-hint = These bookings were declined here and their requests reopened: find another volunteer in Matching.
sync-issues = Refused by the platform ({ $count })
sync-issues-none = The platform refused nothing.
sync-issue-when = When
sync-issue-what = What
sync-issue-record = Record
sync-record-request = Request #{ $number }
sync-issue-why = Why
sync-reason-claim_lost = The volunteer is already booked that day by { $holder }.
sync-reason-claim_lost-anonymous = The volunteer is already booked that day by another office.
sync-reason-unknown_volunteer = The volunteer is no longer registered on the platform.
sync-reason-unknown_record = The platform does not know the record this change refers to.
sync-reason-not_your_record = The record belongs to another office.
sync-reason-invalid_transition = The change does not fit the record’s state on the platform.
sync-reason-key_reused = The change reused the id of another change (a fault in Solidesk); it was kept aside.
sync-reason-personal_data = The change looked like it carried a national register number and was refused.
sync-reason-invalid = The platform refused the change as invalid.
sync-reason-other = The platform refused the change (reason “{ $code }”).
sync-report-done = Synced at { $when }.
sync-report-sent = Sent: { $applied } applied, { $duplicates } already there, { $rejected } refused.
sync-report-lost = { $count ->
    [one] 1 booking lost to another office (see below).
   *[other] { $count } bookings lost to another office (see below).
}
sync-report-received = Received: { $pulled } changes ({ $updated } volunteers new or updated, { $removed } removed).
sync-report-waiting = Still waiting: { $count }.
sync-waiting-sealed = { $count ->
    [one] 1 record sealed for the office’s other desks
   *[other] { $count } records sealed for the office’s other desks
}
sync-entity-sealed = Record for the office’s other desks
sync-reason-other_key = The record was sealed with another key than the office’s: enter the office key code from an enrolled desk below.
sync-report-office = Office records: { $sealed } sent to the office’s other desks, { $received } received from them ({ $conflicts } changed on two desks at once), { $parked } kept aside.
sync-office-title = The office’s other desks
sync-office-held = This desk holds the office key: residents, requests and notes go to the office’s other desks sealed with it. The platform cannot read them.
sync-office-missing = Your office already has a key for its residents’ data. On a desk of your office that is already enrolled, open Sync and show the key code, then type it here.
sync-office-other = This desk’s key is not the office’s. Type the key code shown on an enrolled desk of your office.
sync-office-show = Show the key code
sync-office-code-hint = Type this code on a new desk of your office. Show it; never send it by e-mail or chat.
sync-office-code = Office key code
sync-office-join = Take the key
sync-office-joined = This desk now holds the office key; { $count } records of the other desks came in.
sync-office-waiting = Office records to send: { $waiting }; received and kept aside: { $parked }
sync-conflicts = Changed on two desks at once ({ $count })
sync-conflicts-hint = Every desk kept the later change. The other one is shown here so that nothing is lost: check it, correct the record if needed, then mark it as looked at.
sync-conflict-record = Record
sync-conflict-set-aside = Change set aside
sync-conflict-seen = Looked at
sync-file-title = No connection? Sync by file
sync-file-hint = When the line is down for days: write what waits to a file, take it to the platform’s operator (on a USB stick, for example), and import the answer they give back. Nothing leaves the queue until the answer is imported.
sync-file-export-path = File to write
sync-file-export = Write the file
sync-file-import-path = The platform’s answer
sync-file-import = Import the answer
sync-file-written = { $count ->
    [one] Wrote 1 change in { $batches } batches to { $path }. Take it to the platform’s operator, then import their answer here.
   *[other] Wrote { $count } changes in { $batches } batches to { $path }. Take it to the platform’s operator, then import their answer here.
}
sync-file-left-out = { $count } more changes did not fit in this file: write another one after importing the answer.
sync-file-imported = Answer imported at { $when }.
sync-file-already = { $count ->
    [one] 1 batch had been answered before and was skipped.
   *[other] { $count } batches had been answered before and were skipped.
}
sync-file-refused = A batch was refused whole and stays queued: { $why }
sync-file-pull-old = The platform’s changes in this answer are older than what this desk already holds; they were skipped.
sync-stop-unreachable = The platform could not be reached after several tries. The changes stay queued and the next sync sends them; check the connection, or sync by file below.
sync-stop-unauthorized = The platform does not recognise this desk any more: enrol it again with the office’s secret.
sync-stop-revoked = The platform has revoked this desk: ask the platform’s administrator.
sync-stop-outdated = This version of Solidesk is too old for the platform: update Solidesk. The changes stay queued meanwhile.
sync-stop-busy = The platform is busy and asks to come back in { $minutes } minutes; the changes stay queued.
sync-stop-not_enrolled = This desk is not enrolled with the platform yet: enrol it with the office’s secret first.
sync-stop-already_running = Another sync of this register is running; this one was not started.
sync-stop-bad_secret = The platform did not accept that enrolment secret: ask its administrator for the office’s secret.
sync-kind-resident = Resident
sync-kind-request = Request
sync-kind-assignment = Booking
sync-kind-contact = Contact
sync-kind-volunteer = Volunteer
sync-report-retries = { $count ->
    [one] The platform answered after 1 retry.
   *[other] The platform answered after { $count } retries.
}
