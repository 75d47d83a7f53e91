report-kicker = INFORME DE ENTREVISTA
report-title = Informe de entrevista
interviewer = Entrevistador
interview-date = Fecha de la entrevista
report-date = Fecha del informe
status = Estado
email = Correo electrónico
interview-id = ID de entrevista
language = Idioma de la entrevista
scores = Puntuaciones
overall-score = General
resume-score = Currículum
video-score = Entrevista en vídeo
communication-score = Comunicación
not-available = n/d
candidate-vs-average = Candidato frente a la media
candidate = Candidato
average = Media
difference = Diferencia
average-n = Media de { $n } candidatos que completaron la entrevista.
small-n = Solo { $n } candidatos completados: tome la media como una guía aproximada.
above-average = { $pct } % por encima de la media
below-average = { $pct } % por debajo de la media
at-average = En la media
questions = Puntuación por pregunta
question = Pregunta
score = Puntuación
weight = Peso
summary = Resumen
not-scored = Sin puntuar
tags = Etiquetas
highlights = Puntos fuertes
lowlights = Puntos débiles
integrity = Resumen de detección de trampas
signal = Señal
confidence = Confianza
review-suggested = Revisión sugerida
no-signals = No se marcó ninguna señal en esta entrevista.
integrity-note = Señales para una persona revisora: nunca rechazan a un candidato ni cambian una puntuación.
overall-confidence = Confianza global
ranking = Nivel { $rank } de 5
yes = Sí
no = No
reviewer = Decisión y notas del revisor
panel = Panel de contratación
panel-hidden = Las evaluaciones de los demás revisores están ocultas hasta que envíes la tuya.
panel-none = Aún no hay evaluaciones enviadas.
decided = { $decision } por { $who } el { $date }
no-decision = Pendiente: aún no hay decisión.
notes = Notas
transcript = Transcripción
transcript-note = En el idioma original de la entrevista.
speaker-interviewer = Entrevistador
speaker-candidate = Candidato
speaker-system = Sistema
page-n-of-m = Página { $n } de { $m }
confidential = Confidencial: solo para decisiones de contratación
status-pending = Pendiente
status-in_progress = En curso
status-evaluating = En evaluación
status-completed = Completada
status-knocked_out = Descartado por requisito
status-shortlisted = Preseleccionado
status-dismissed = Descartado
signal-tab_switching = Cambio de pestaña
signal-ai_scripted_answer = Respuesta generada por IA
signal-multiple_people = Varias personas
signal-multiple_speakers = Varias voces
signal-phone_detection = Teléfono detectado
signal-unusual_delays = Retrasos inusuales
signal-facial_behaviour = Comportamiento facial
signal-transcript_analysis = Análisis de la transcripción

# Interview language shown by name (primary subtag; unknown codes show as is).
language-name = { $code ->
    [en] Inglés
    [es] Español
    [fr] Francés
    [de] Alemán
    [pt] Portugués
    [ar] Árabe
    [zh] Chino
    [ja] Japonés
    [he] Hebreo
    [it] Italiano
    [nl] Neerlandés
    [pl] Polaco
    [ko] Coreano
    [hi] Hindi
    [ru] Ruso
    [tr] Turco
    [sv] Sueco
   *[other] { $code }
}
