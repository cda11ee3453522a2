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
