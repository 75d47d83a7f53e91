report-kicker = INTERVIEWBERICHT
report-title = Interviewbericht
interviewer = Interviewer
interview-date = Interviewdatum
report-date = Berichtsdatum
status = Status
email = E-Mail
interview-id = Interview-ID
language = Interviewsprache
scores = Bewertungen
overall-score = Gesamt
resume-score = Lebenslauf
video-score = Videointerview
communication-score = Kommunikation
not-available = k. A.
candidate-vs-average = Kandidat im Vergleich zum Durchschnitt
candidate = Kandidat
average = Durchschnitt
difference = Abweichung
average-n = Durchschnitt aus { $n } abgeschlossenen Interviews.
small-n = Nur { $n } abgeschlossene Interviews: den Durchschnitt nur als grobe Orientierung nutzen.
above-average = { $pct } % über dem Durchschnitt
below-average = { $pct } % unter dem Durchschnitt
at-average = Im Durchschnitt
questions = Bewertung pro Frage
question = Frage
score = Wert
weight = Gewicht
summary = Zusammenfassung
not-scored = Nicht bewertet
tags = Schlagwörter
highlights = Stärken
lowlights = Schwächen
integrity = Übersicht Betrugserkennung
signal = Signal
confidence = Konfidenz
review-suggested = Prüfung empfohlen
no-signals = In diesem Interview wurden keine Signale erkannt.
integrity-note = Hinweise für eine menschliche Prüfung: Sie lehnen niemanden ab und ändern keine Bewertung.
overall-confidence = Gesamtkonfidenz
ranking = Stufe { $rank } von 5
yes = Ja
no = Nein
reviewer = Entscheidung und Notizen
panel = Auswahlgremium
panel-hidden = Die Bewertungen der anderen bleiben verborgen, bis Sie Ihre abgeben.
panel-none = Noch keine abgegebenen Bewertungen.
decided = { $decision } von { $who } am { $date }
no-decision = Offen: noch keine Entscheidung.
notes = Notizen
transcript = Transkript
transcript-note = In der Originalsprache des Interviews.
speaker-interviewer = Interviewer
speaker-candidate = Kandidat
speaker-system = System
page-n-of-m = Seite { $n } von { $m }
confidential = Vertraulich: nur für Einstellungsentscheidungen
status-pending = Ausstehend
status-in_progress = In Bearbeitung
status-evaluating = In Auswertung
status-completed = Abgeschlossen
status-knocked_out = Ausgeschieden
status-shortlisted = In der engeren Wahl
status-dismissed = Abgelehnt
signal-tab_switching = Tab-Wechsel
signal-ai_scripted_answer = KI-generierte Antwort
signal-multiple_people = Mehrere Personen
signal-multiple_speakers = Mehrere Sprecher
signal-phone_detection = Telefon erkannt
signal-unusual_delays = Ungewöhnliche Verzögerungen
signal-facial_behaviour = Gesichtsverhalten
signal-transcript_analysis = Transkriptanalyse

# Interview language shown by name (primary subtag; unknown codes show as is).
language-name = { $code ->
    [en] Englisch
    [es] Spanisch
    [fr] Französisch
    [de] Deutsch
    [pt] Portugiesisch
    [ar] Arabisch
    [zh] Chinesisch
    [ja] Japanisch
    [he] Hebräisch
    [it] Italienisch
    [nl] Niederländisch
    [pl] Polnisch
    [ko] Koreanisch
    [hi] Hindi
    [ru] Russisch
    [tr] Türkisch
    [sv] Schwedisch
   *[other] { $code }
}
