report-kicker = INTERVIEW REPORT
report-title = Interview report
interviewer = Interviewer
interview-date = Interview date
report-date = Report date
status = Status
email = Email
interview-id = Interview ID
language = Interview language
scores = Scores
overall-score = Overall
resume-score = Résumé
video-score = Video interview
communication-score = Communication
not-available = n/a
candidate-vs-average = Candidate vs Average
candidate = Candidate
average = Average
difference = Difference
average-n = Average over { $n } completed candidates.
small-n = Only { $n } completed candidates: treat the average as a rough guide.
above-average = { $pct }% above average
below-average = { $pct }% below average
at-average = At average
questions = Per-question scores
question = Question
score = Score
weight = Weight
summary = Summary
not-scored = Not scored
tags = Tags
highlights = Highlights
lowlights = Lowlights
integrity = Cheat detection overview
signal = Signal
confidence = Confidence
review-suggested = Review suggested
no-signals = No signals were flagged in this interview.
integrity-note = Signals for a human reviewer: they never reject a candidate and never change a score.
overall-confidence = Overall confidence
ranking = Ranking { $rank } of 5
yes = Yes
no = No
reviewer = Reviewer decision and notes
panel = Hiring panel
panel-hidden = The other reviewers' evaluations are hidden until you submit yours.
panel-none = No submitted evaluations yet.
decided = { $decision } by { $who } on { $date }
no-decision = Pending: no decision recorded yet.
notes = Notes
transcript = Transcript
transcript-note = Shown in the interview's original language.
speaker-interviewer = Interviewer
speaker-candidate = Candidate
speaker-system = System
page-n-of-m = Page { $n } of { $m }
confidential = Confidential: for hiring decisions only
status-pending = Pending
status-in_progress = In progress
status-evaluating = Evaluating
status-completed = Completed
status-knocked_out = Knocked out
status-shortlisted = Shortlisted
status-dismissed = Dismissed
signal-tab_switching = Tab switching
signal-ai_scripted_answer = AI-scripted answer
signal-multiple_people = Multiple people
signal-multiple_speakers = Multiple speakers
signal-phone_detection = Phone detected
signal-unusual_delays = Unusual response delays
signal-facial_behaviour = Facial behaviour
signal-transcript_analysis = Transcript analysis

# Interview language shown by name (primary subtag; unknown codes show as is).
language-name = { $code ->
    [en] English
    [es] Spanish
    [fr] French
    [de] German
    [pt] Portuguese
    [ar] Arabic
    [zh] Chinese
    [ja] Japanese
    [he] Hebrew
    [it] Italian
    [nl] Dutch
    [pl] Polish
    [ko] Korean
    [hi] Hindi
    [ru] Russian
    [tr] Turkish
    [sv] Swedish
   *[other] { $code }
}
