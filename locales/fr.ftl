# Solidesk : français.
app-name = Solidesk
nav-today = Aujourd'hui
nav-intake = Appel entrant
nav-residents = Habitants
nav-volunteers = Bénévoles
nav-requests = Demandes d'aide
nav-settings = Paramètres
nav-about = À propos
nav-help = Raccourcis
nav-language = Langue

unlock-title = Ouvrir le registre
unlock-path = Fichier du registre
unlock-key = Clé
unlock-open = Ouvrir
unlock-create = Créer un nouveau registre
unlock-create-hint = Il n'y a pas encore de registre à cet endroit. Choisissez une clé et gardez-la en lieu sûr : sans elle, personne ne peut lire le registre, pas même le CPAS.
unlock-key-repeat = Clé à nouveau
unlock-keys-differ = Les deux clés ne sont pas identiques.

intake-title = Appel entrant
intake-search = Numéro de téléphone ou nom de l'appelant
intake-search-hint = Tapez un numéro (sous toute forme, ou ses derniers chiffres) ou un nom.
intake-no-match = Personne trouvé. Créez l'habitant ci-dessous.
intake-new-resident = Nouvel habitant
intake-caller = Appelant
intake-change-caller = Autre appelant
intake-request = La demande
intake-save = Enregistrer la demande
intake-saved = Demande enregistrée pour { $name } le { $date }.
intake-results = { $count ->
    [0] Aucun habitant trouvé
    [one] Un habitant trouvé
   *[other] { $count } habitants trouvés
}

request-kind = Besoin
request-date = Quand
request-from = De
request-to = À
request-part = Moment de la journée
request-repeat = Répéter
request-repeat-until = Répéter jusqu'au
request-urgency = Urgence
request-notes = Détails ou liste de courses
request-language = Langue pour cette demande

task-groceries = Courses
task-pharmacy = Pharmacie
task-errands = Démarches
task-phone_checkin = Appel de convivialité
task-accompaniment = Accompagnement
task-chat = Appel papote

part-any = Peu importe
part-morning = Matin
part-afternoon = Après-midi
part-evening = Soir

repeat-none = Une fois
repeat-daily = Chaque jour
repeat-every-2-days = Un jour sur deux
repeat-weekly = Chaque semaine
repeat-every-2-weeks = Toutes les deux semaines
repeat-monthly = Chaque mois

urgency-low = Faible
urgency-normal = Normale
urgency-high = Élevée
urgency-urgent = Urgente

status-open = Ouverte
status-proposed = Proposée
status-assigned = Attribuée
status-done = Faite
status-not_done = Non faite
status-cancelled = Annulée

channel-phone = Téléphone
channel-walk_in = Au guichet
channel-import = Import
channel-email = E-mail
channel-other = Autre

language-nl = Néerlandais
language-fr = Français
language-de = Allemand
language-en = Anglais

field-first-name = Prénom
field-last-name = Nom
field-birth-date = Date de naissance
field-national-number = Numéro de registre national
field-language = Langue
field-street = Rue
field-number = Numéro
field-box = Boîte
field-postal-code = Code postal
field-locality = Localité
field-phone = Téléphone
field-phone-2 = Deuxième téléphone
field-lives-alone = Vit seul(e)
field-needs = Besoins (mobilité, régime, audition…)
field-notes = Notes internes
field-email = E-mail
field-languages = Langues
field-tasks = Tâches
field-radius = Se déplace jusqu'à (km)
field-capacity = Missions par jour
field-availability = Disponibilités
field-status = Statut
field-address = Adresse
field-born = Né(e) le
field-office-name = Nom du CPAS
field-nis = Code INS de la commune
field-office-phone = Téléphone du CPAS
field-default-language = Langue par défaut
field-postal-codes = Codes postaux desservis

yes = Oui
no = Non
unknown = Inconnu
save = Enregistrer
saved = Enregistré.
cancel = Annuler
edit = Modifier
add = Ajouter
close = Fermer
search = Rechercher
previous = Précédent
next = Suivant
loading = Chargement…
required = Obligatoire

residents-title = Habitants
residents-count = { $count } habitants
residents-search = Rechercher par nom ou téléphone
resident-requests = Demandes
resident-contacts = Contacts
resident-none = Rien pour l'instant.
resident-new = Nouvel habitant
resident-edit = Modifier l'habitant

volunteers-title = Bénévoles
volunteer-new = Nouveau bénévole
volunteer-edit = Modifier le bénévole
volunteer-status-active = Actif
volunteer-status-paused = En pause
volunteer-status-left = Parti

requests-title = Demandes d'aide
requests-status-all = Tous les statuts
requests-outcome = Résultat
requests-set = Changer le statut
requests-none = Aucune demande sur cette période.

today-title = Aujourd'hui
today-none = Rien de prévu aujourd'hui.

settings-title = Paramètres
about-title = À propos de Solidesk
about-version = Version { $version }, schéma du registre { $schema }
about-data = Données ouvertes

weekday-1 = lun
weekday-2 = mar
weekday-3 = mer
weekday-4 = jeu
weekday-5 = ven
weekday-6 = sam
weekday-7 = dim

help-title = Raccourcis clavier
help-goto = Aller à un écran
help-search = Aller au champ de recherche
help-save = Enregistrer
help-help = Afficher ou masquer cette liste
help-close = Fermer une fenêtre, annuler une modification
help-lists = Parcourir une liste / ouvrir la ligne choisie

error-locked = Le registre est verrouillé.

# Import : pourquoi une ligne a été refusée ou importée avec un avertissement (aussi dans le fichier des refus).
import-rejects-line = Ligne
import-rejects-reason = Motif
import-reason-missing_last_name = Pas de nom de famille
import-reason-national_number_scientific_notation = Numéro national détruit par la notation scientifique (Excel) ; recopiez-le depuis la carte d'identité
import-reason-national_number_length = Le numéro national n'a pas 11 chiffres
import-reason-national_number_month = Le numéro national n'a pas de mois valide
import-reason-national_number_date = Le numéro national contient une date qui n'existe pas
import-reason-national_number_checksum = Les chiffres de contrôle du numéro national ne correspondent pas (faute de frappe ?)
import-reason-birth_date_invalid = La date de naissance n'est pas une date possible
import-reason-birth_date_future = La date de naissance est dans le futur
import-reason-postal_code_unknown = Le code postal n'existe pas en Belgique
import-reason-postal_code_missing = Pas de code postal (un bénévole en a besoin)
import-warning-phone_invalid = Numéro de téléphone non valide ; ignoré
import-warning-locality_mismatch = La localité ne correspond pas au code postal ; gardée telle quelle
import-warning-birth_date_mismatch = La date de naissance diffère de celle du numéro national ; celle du numéro a été gardée
import-warning-language_unknown = Langue inconnue ; la langue de la région a été utilisée
import-warning-consent_date_invalid = La date du consentement n'est pas une date ; ignorée
import-warning-consent_basis_unknown = Base légale inconnue ; ignorée
import-warning-lives_alone_unknown = « Vit seul » n'est ni oui ni non ; ignoré
import-warning-status_unknown = Statut inconnu ; laissé tel quel
import-warning-email_invalid = Adresse e-mail non valide ; ignorée
import-warning-task_unknown = Tâche inconnue ; ignorée
import-warning-availability_invalid = Disponibilités non comprises ; ignorées
import-warning-radius_invalid = Le rayon n'est pas une distance entre 0 et 200 km ; la valeur par défaut a été utilisée
import-warning-capacity_invalid = La capacité n'est pas un nombre entre 0 et 20 ; la valeur par défaut a été utilisée
import-group-created = Nouveaux
import-group-updated = Mis à jour
import-group-unchanged = Déjà à jour
import-group-duplicate_in_file = En double dans le fichier (compté une fois)
import-group-possible_duplicate = Peut-être déjà dans le registre (à vérifier)
import-warning-national_number_taken = Le numéro national appartient à un autre habitant ; laissé inchangé

nav-import = Importer
import-title = Importer une liste
import-kind = Le fichier contient
import-mapping = Correspondance des colonnes
import-mapping-automatic = Reconnaître les colonnes
import-file = Fichier
import-read = Lire le fichier
import-browse = Parcourir…
import-columns = Colonnes
import-encoding = Encodage
import-delimiter = Séparateur
import-column = Colonne du fichier
import-field = Importée comme
import-example = Première ligne
import-field-none = Non importée
import-field-solidesk_id = ID Solidesk
import-field-consent_date = Date du consentement
import-field-consent_basis = Base légale
import-field-ignore = Connue, non conservée
import-missing = Aucune colonne ne contient
import-save-mapping = Enregistrer cette correspondance sous (facultatif)
import-preview = Aperçu (ne change rien)
import-run = Importer
import-progress = { $rows } lignes lues…
import-cancel = Annuler
import-cancelled = Annulé : rien n'a été modifié
import-dry-run-result = Aperçu : voici ce que fera l'import
import-done = Importé
import-count-rows = Lignes
import-count-rejected = Refusées
import-count-warnings = Avec avertissements
import-line = Ligne { $line }
import-open-rejects = Ouvrir les lignes refusées
import-undo = Annuler cet import
import-undone = Annulé : { $removed } supprimés, { $restored } remis comme avant.
import-history = Imports précédents
import-when = Quand
import-was-undone = annulé

# Matching: reasons read aloud
match-why-distance = { $km } km
match-why-same-area = même code postal
match-why-by-phone = par téléphone
match-why-speaks = parle { $language }
match-why-helped = a aidé { $resident } { $times ->
    [1] une fois
    [2] deux fois
   *[other] { $times } fois
}
match-why-free = libre { $when }
match-why-not-asked-fortnight = pas sollicité ces deux dernières semaines
match-why-not-asked = { $days ->
    [0] sollicité plus tôt aujourd'hui
    [1] sollicité pour la dernière fois hier
   *[other] sollicité pour la dernière fois il y a { $days } jours
}
match-why-asked = sollicité { $times } fois en deux semaines
match-why-no-location = l'adresse du bénéficiaire n'a pas de localisation connue
match-why-none-do-task = { $task } : aucun bénévole à moins de { $km } km
match-why-none-do-task-anywhere = { $task } : aucun bénévole
match-why-none-speaks = { $task } : aucun bénévole parlant { $language } à moins de { $km } km ({ $others } parlent d'autres langues)
match-why-none-free = { $count } parlant { $language } { $count ->
    [one] habite
   *[other] habitent
} assez près, mais personne n'est libre { $when }
match-why-free-on = { $count } seraient libres { $day }
match-why-excluded = { $count } exclus pour ce bénéficiaire
match-why-declined = { $count } refusés aujourd'hui pour cette demande
match-why-booked = { $count ->
    [one] 1 est complet
   *[other] { $count } sont complets
} ce jour-là
match-why-taken = { $count ->
    [one] le seul qui pouvait est nécessaire
   *[other] les { $count } qui pouvaient sont nécessaires
} pour des demandes plus urgentes ou plus proches
match-why-outside-radius = { $count } libres à proximité, mais au-delà de la distance qu'ils acceptent
match-override-language = ne parle pas { $language }
match-override-task = ne fait pas : { $task }
match-override-availability = pas libre { $when }
match-override-distance = à { $km } km, au-delà de { $limit } km
match-override-exclusion = exclu pour ce bénéficiaire
match-override-capacity = journée déjà complète
match-override-decline = refusé plus tôt aujourd'hui
match-override-location = distance inconnue
match-when-part = { $weekday } { $part }
match-part-morning = matin
match-part-afternoon = après-midi
match-part-evening = soir
match-weekday-1 = lundi
match-weekday-2 = mardi
match-weekday-3 = mercredi
match-weekday-4 = jeudi
match-weekday-5 = vendredi
match-weekday-6 = samedi
match-weekday-7 = dimanche
match-language-nl = néerlandais
match-language-fr = français
match-language-de = allemand
match-language-en = anglais

# Matching screen
nav-matching = Jumelage
help-matching = accepter ou refuser la proposition choisie (W : qui d'autre)
match-title = Jumelage
match-date = Jour
match-plan = Planifier la journée
match-planning = Planification de la journée…
match-bad-date = Écrivez le jour d'abord : 1/12/2026
match-confirm-all = Confirmer toutes les propositions
match-by-postal-code = Par code postal
match-summary = { $served } demandes ouvertes sur { $total } servies ({ $urgent } urgentes) ; { $kept } confirmées avant
match-proposals = Propositions
match-unmatched = Personne trouvé
match-kept = Confirmées
match-keys = ↑ ↓ choisir · A ou Entrée accepter · D refuser · W qui d'autre
match-accept = Accepter
match-decline = Refuser
match-who-else = Qui d'autre ?
match-alternatives = Qui d'autre pourrait aider { $resident }
match-nobody-else = Personne d'autre ne remplit toutes les règles ce jour-là.
match-assign = Attribuer
match-close = Fermer
match-accepted = Confirmé : { $volunteer } pour { $resident }.
match-declined = Refusé : { $volunteer } ne sera plus proposé pour cette demande aujourd'hui.
match-assigned = Attribué à la main : { $volunteer } pour { $resident }.
match-confirmed-all = { $count } propositions confirmées.
match-no-postal-code = Sans code postal

# Printed sheets (solidesk-sheets) and the Sheets screen
sheet-title = Feuille de mission
sheet-for-office = pour { $office }
sheet-when = Quand
sheet-resident = Habitant
sheet-address = Adresse
sheet-phone = Téléphone
sheet-speaks = Parle
sheet-task = Tâche
sheet-details = Détails
sheet-list = Liste de courses
sheet-access = Accès (communiqué par l’habitant)
sheet-outcome = Résultat
sheet-outcome-done = Fait
sheet-outcome-not-done = Pas fait
sheet-outcome-unreached = Pas joint
sheet-outcome-nobody = Personne à la maison
sheet-remarks = Remarques
sheet-urgent = Urgent
sheet-help-line = Un problème ? Appelez { $office } au { $phone }.
sheet-help-line-no-phone = Un problème ? Appelez { $office }.
sheet-number = N°
sheet-volunteer = Bénévole
sheet-continued = suite
sheet-overview-title = Aperçu de la journée
sheet-assigned = Attribuées
sheet-unassigned = Non attribuées
sheet-why = Pourquoi
sheet-postal-code = Code postal
sheet-none = Aucune.
sheet-calls-title = Appels de contrôle
sheet-caller = Qui appelle
sheet-caller-office = le CPAS
sheet-last-contact = Dernier contact
sheet-called-at = Appelé à
sheet-reached = Joint
sheet-counts = { $assigned } attribuées, { $unassigned } non attribuées, { $volunteers } bénévoles
sheet-why-proposed = proposée à { $name }, pas encore confirmée
sheet-why-not-planned = pas encore planifiée : planifiez ce jour dans Jumelage
sheet-printed = Imprimé { $when }
nav-sheets = Feuilles
sheets-title = Feuilles du jour
sheets-date = Jour
sheets-make = Préparer les feuilles
sheets-making = Mise en page…
sheets-kind-volunteers = Feuilles des bénévoles
sheets-kind-overview = Aperçu de la journée
sheets-kind-calls = Liste d’appels
sheets-pages = { $pages } pages
sheets-folder = Dossier
sheets-print = Imprimer…
sheets-save = Enregistrer tous les PDF
sheets-saved = Enregistré dans { $path }
sheets-empty = Aucune mission confirmée ce jour-là : confirmez-les d’abord dans Jumelage.
sheets-volunteer-count = { $count } bénévoles
sheets-duplex = Impression recto verso (chaque bénévole commence sur une nouvelle feuille)
sheets-template = Modèle : { $path }
sheets-template-default = Modèle : celui intégré
help-sheets = aperçu avant impression : P imprimer, S enregistrer
field-access-note = Accès, pour les bénévoles
field-access-note-hint = Imprimé sur la feuille des bénévoles, avec l’accord de l’habitant (code de porte, sonnette, animaux). Les notes privées ne sont jamais imprimées.

# The Sync screen (reasons are the platform's codes, worded here)
nav-sync = Synchronisation
help-sync = synchroniser maintenant : S
sync-title = Synchronisation avec la plateforme nationale
sync-not-enrolled = Ce poste n’est pas encore inscrit auprès de la plateforme nationale. L’administrateur de la plateforme donne au CPAS son adresse et un secret d’inscription.
sync-enrolled = Inscrit comme poste de { $office } sur { $platform }
sync-platform-url = Adresse de la plateforme
sync-secret = Secret d’inscription
sync-desk-name = Nom de ce poste
sync-desk-name-hint = Tel que l’administrateur de la plateforme le verra ; vide : le nom de cet ordinateur.
sync-enrol = Inscrire ce poste
sync-enrolling = Inscription…
sync-enrolled-now = Inscrit auprès de { $office }. Appuyez sur « Synchroniser maintenant » pour envoyer et recevoir.
sync-now = Synchroniser maintenant
sync-running = Synchronisation en cours…
sync-last-success = Dernière synchronisation réussie
sync-last-attempt = Dernière tentative
sync-never = jamais
sync-attempt-succeeded = { $when } : réussie
sync-attempt-failed = { $when } : ÉCHEC
sync-attempt-unfinished = { $when } : pas terminée (toujours en cours, ou l’application a été fermée entre-temps)
sync-failed = La synchronisation a échoué. Rien n’est perdu : ce qui n’a pas été envoyé attend la prochaine synchronisation.
sync-failed-why = Pourquoi : { $message }
sync-waiting = En attente d’envoi
sync-waiting-none = rien
sync-waiting-oldest = la plus ancienne du { $when }
sync-waiting-request = { $count ->
    [one] 1 demande
   *[other] { $count } demandes
}
sync-waiting-claim = { $count ->
    [one] 1 réservation d’un bénévole de la plateforme
   *[other] { $count } réservations de bénévoles de la plateforme
}
sync-waiting-claim_confirm = { $count ->
    [one] 1 réservation confirmée
   *[other] { $count } réservations confirmées
}
sync-waiting-claim_release = { $count ->
    [one] 1 réservation libérée
   *[other] { $count } réservations libérées
}
sync-waiting-outcome = { $count ->
    [one] 1 résultat de visite
   *[other] { $count } résultats de visites
}
sync-entity-request = Demande
sync-entity-claim = Réservation d’un bénévole de la plateforme
sync-entity-claim_confirm = Confirmation d’une réservation
sync-entity-claim_release = Libération d’une réservation
sync-entity-outcome = Résultat d’une visite
sync-lost = Bénévoles retenus par un autre CPAS ({ $count })
sync-lost-hint = Ces réservations ont été refusées ici et leurs demandes rouvertes : cherchez un autre bénévole dans Jumelage.
sync-issues = Refusé par la plateforme ({ $count })
sync-issues-none = La plateforme n’a rien refusé.
sync-issue-when = Quand
sync-issue-what = Quoi
sync-issue-record = Fiche
sync-record-request = Demande n° { $number }
sync-issue-why = Pourquoi
sync-reason-claim_lost = Le bénévole est déjà réservé ce jour-là par { $holder }.
sync-reason-claim_lost-anonymous = Le bénévole est déjà réservé ce jour-là par un autre CPAS.
sync-reason-unknown_volunteer = Le bénévole n’est plus inscrit sur la plateforme.
sync-reason-unknown_record = La plateforme ne connaît pas la fiche à laquelle ce changement se rapporte.
sync-reason-not_your_record = La fiche appartient à un autre CPAS.
sync-reason-invalid_transition = Le changement ne correspond pas à l’état de la fiche sur la plateforme.
sync-reason-key_reused = Le changement réutilisait l’identifiant d’un autre changement (une erreur de Solidesk) ; il a été mis de côté.
sync-reason-personal_data = Le changement semblait contenir un numéro de registre national et a été refusé.
sync-reason-invalid = La plateforme a refusé le changement comme non valable.
sync-reason-other = La plateforme a refusé le changement (motif « { $code } »).
sync-report-done = Synchronisé le { $when }.
sync-report-sent = Envoyé : { $applied } traités, { $duplicates } déjà présents, { $rejected } refusés.
sync-report-lost = { $count ->
    [one] 1 réservation perdue au profit d’un autre CPAS (voir ci-dessous).
   *[other] { $count } réservations perdues au profit d’un autre CPAS (voir ci-dessous).
}
sync-report-received = Reçu : { $pulled } changements ({ $updated } bénévoles nouveaux ou mis à jour, { $removed } retirés).
sync-report-waiting = Encore en attente : { $count }.
sync-waiting-sealed = { $count ->
    [one] 1 fiche chiffrée pour les autres postes du bureau
   *[other] { $count } fiches chiffrées pour les autres postes du bureau
}
sync-entity-sealed = Fiche pour les autres postes du bureau
sync-reason-other_key = La fiche a été chiffrée avec une autre clé que celle du bureau : saisissez ci-dessous le code de clé d’un poste inscrit.
sync-report-office = Fiches du bureau : { $sealed } envoyées aux autres postes, { $received } reçues d’eux ({ $conflicts } modifiées sur deux postes à la fois), { $parked } mises de côté.
sync-office-title = Les autres postes du bureau
sync-office-held = Ce poste détient la clé du bureau : résidents, demandes et notes partent chiffrés avec elle vers les autres postes. La plateforme ne peut pas les lire.
sync-office-missing = Votre bureau a déjà une clé pour les données de ses résidents. Sur un poste déjà inscrit, ouvrez Synchronisation, affichez le code de clé et saisissez-le ici.
sync-office-other = La clé de ce poste n’est pas celle du bureau. Saisissez le code de clé affiché sur un poste inscrit de votre bureau.
sync-office-show = Afficher le code de clé
sync-office-code-hint = Saisissez ce code sur un nouveau poste de votre bureau. Montrez-le ; ne l’envoyez jamais par e-mail ou messagerie.
sync-office-code = Code de clé du bureau
sync-office-join = Reprendre la clé
sync-office-joined = Ce poste détient maintenant la clé du bureau ; { $count } fiches des autres postes sont arrivées.
sync-office-waiting = Fiches du bureau à envoyer : { $waiting } ; reçues et mises de côté : { $parked }
sync-conflicts = Modifiées sur deux postes à la fois ({ $count })
sync-conflicts-hint = Chaque poste a gardé la modification la plus récente. L’autre est affichée ici pour que rien ne se perde : vérifiez-la, corrigez la fiche si nécessaire, puis marquez-la comme vue.
sync-conflict-record = Fiche
sync-conflict-set-aside = Modification mise de côté
sync-conflict-seen = Vu
sync-file-title = Pas de connexion ? Synchroniser par fichier
sync-file-hint = Quand la ligne est coupée pendant des jours : écrivez ce qui attend dans un fichier, portez-le à l’opérateur de la plateforme (sur une clé USB par exemple) et importez la réponse qu’il vous rend. Rien ne quitte la file avant que la réponse soit importée.
sync-file-export-path = Fichier à écrire
sync-file-export = Écrire le fichier
sync-file-import-path = La réponse de la plateforme
sync-file-import = Importer la réponse
sync-file-written = { $count ->
    [one] 1 changement écrit en { $batches } lots dans { $path }. Portez-le à l’opérateur de la plateforme, puis importez ici sa réponse.
   *[other] { $count } changements écrits en { $batches } lots dans { $path }. Portez-le à l’opérateur de la plateforme, puis importez ici sa réponse.
}
sync-file-left-out = { $count } autres changements ne tenaient pas dans ce fichier : écrivez-en un autre après avoir importé la réponse.
sync-file-imported = Réponse importée le { $when }.
sync-file-already = { $count ->
    [one] 1 lot avait déjà reçu une réponse et a été passé.
   *[other] { $count } lots avaient déjà reçu une réponse et ont été passés.
}
sync-file-refused = Un lot a été refusé en entier et reste dans la file : { $why }
sync-file-pull-old = Les changements de la plateforme dans cette réponse sont plus anciens que ce que ce poste a déjà ; ils ont été passés.
sync-stop-unreachable = La plateforme n’a pas pu être jointe après plusieurs essais. Les changements restent en file et la prochaine synchronisation les enverra ; vérifiez la connexion, ou synchronisez par fichier ci-dessous.
sync-stop-unauthorized = La plateforme ne reconnaît plus ce poste : inscrivez-le à nouveau avec le secret du CPAS.
sync-stop-revoked = La plateforme a révoqué ce poste : adressez-vous à l’administrateur de la plateforme.
sync-stop-outdated = Cette version de Solidesk est trop ancienne pour la plateforme : mettez Solidesk à jour. Les changements restent en file en attendant.
sync-stop-busy = La plateforme est occupée et demande de revenir dans { $minutes } minutes ; les changements restent en file.
sync-stop-not_enrolled = Ce poste n’est pas encore inscrit auprès de la plateforme : inscrivez-le d’abord avec le secret du CPAS.
sync-stop-already_running = Une autre synchronisation de ce registre est en cours ; celle-ci n’a pas été lancée.
sync-stop-bad_secret = La plateforme n’a pas accepté ce secret d’inscription : demandez le secret du CPAS à son administrateur.
sync-kind-resident = Résident
sync-kind-request = Demande
sync-kind-assignment = Réservation
sync-kind-contact = Contact
sync-kind-volunteer = Bénévole
sync-report-retries = { $count ->
    [one] La plateforme a répondu après 1 nouvel essai.
   *[other] La plateforme a répondu après { $count } nouveaux essais.
}
