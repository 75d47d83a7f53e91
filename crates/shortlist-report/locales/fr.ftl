report-kicker = RAPPORT D'ENTRETIEN
report-title = Rapport d'entretien
interviewer = Recruteur IA
interview-date = Date de l'entretien
report-date = Date du rapport
status = Statut
email = E-mail
interview-id = ID de l'entretien
language = Langue de l'entretien
scores = Scores
overall-score = Global
resume-score = CV
video-score = Entretien vidéo
communication-score = Communication
not-available = n/d
candidate-vs-average = Candidat et moyenne
candidate = Candidat
average = Moyenne
difference = Écart
average-n = Moyenne sur { $n } candidats ayant terminé.
small-n = Seulement { $n } candidats ayant terminé : la moyenne n'est qu'indicative.
above-average = { $pct } % au-dessus de la moyenne
below-average = { $pct } % en dessous de la moyenne
at-average = Dans la moyenne
questions = Scores par question
question = Question
score = Score
weight = Poids
summary = Synthèse
not-scored = Non noté
tags = Étiquettes
highlights = Points forts
lowlights = Points faibles
integrity = Détection de fraude : aperçu
signal = Signal
confidence = Confiance
review-suggested = Vérification conseillée
no-signals = Aucun signal relevé pendant cet entretien.
integrity-note = Des signaux pour un relecteur humain : ils ne rejettent jamais un candidat et ne modifient jamais un score.
overall-confidence = Confiance globale
ranking = Niveau { $rank } sur 5
yes = Oui
no = Non
reviewer = Décision et notes du relecteur
panel = Comité de recrutement
panel-hidden = Les évaluations des autres relecteurs restent masquées jusqu'à ce que vous envoyiez la vôtre.
panel-none = Aucune évaluation envoyée pour l'instant.
decided = { $decision } par { $who } le { $date }
no-decision = En attente : aucune décision enregistrée.
notes = Notes
transcript = Transcription
transcript-note = Dans la langue d'origine de l'entretien.
speaker-interviewer = Recruteur
speaker-candidate = Candidat
speaker-system = Système
page-n-of-m = Page { $n } sur { $m }
confidential = Confidentiel : réservé aux décisions de recrutement
status-pending = En attente
status-in_progress = En cours
status-evaluating = En évaluation
status-completed = Terminé
status-knocked_out = Éliminé
status-shortlisted = Présélectionné
status-dismissed = Écarté
signal-tab_switching = Changement d'onglet
signal-ai_scripted_answer = Réponse rédigée par IA
signal-multiple_people = Plusieurs personnes
signal-multiple_speakers = Plusieurs voix
signal-phone_detection = Téléphone détecté
signal-unusual_delays = Délais de réponse inhabituels
signal-facial_behaviour = Comportement facial
signal-transcript_analysis = Analyse de la transcription

# Interview language shown by name (primary subtag; unknown codes show as is).
language-name = { $code ->
    [en] Anglais
    [es] Espagnol
    [fr] Français
    [de] Allemand
    [pt] Portugais
    [ar] Arabe
    [zh] Chinois
    [ja] Japonais
    [he] Hébreu
    [it] Italien
    [nl] Néerlandais
    [pl] Polonais
    [ko] Coréen
    [hi] Hindi
    [ru] Russe
    [tr] Turc
    [sv] Suédois
   *[other] { $code }
}
