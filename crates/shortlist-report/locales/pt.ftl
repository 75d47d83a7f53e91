report-kicker = RELATÓRIO DE ENTREVISTA
report-title = Relatório de entrevista
interviewer = Entrevistador
interview-date = Data da entrevista
report-date = Data do relatório
status = Situação
email = E-mail
interview-id = ID da entrevista
language = Idioma da entrevista
scores = Pontuações
overall-score = Geral
resume-score = Currículo
video-score = Entrevista em vídeo
communication-score = Comunicação
not-available = n/d
candidate-vs-average = Candidato vs. média
candidate = Candidato
average = Média
difference = Diferença
average-n = Média de { $n } candidatos que concluíram.
small-n = Apenas { $n } candidatos concluíram: use a média só como referência aproximada.
above-average = { $pct }% acima da média
below-average = { $pct }% abaixo da média
at-average = Na média
questions = Pontuação por pergunta
question = Pergunta
score = Pontuação
weight = Peso
summary = Resumo
not-scored = Sem pontuação
tags = Etiquetas
highlights = Pontos fortes
lowlights = Pontos fracos
integrity = Visão geral da deteção de fraude
signal = Sinal
confidence = Confiança
review-suggested = Revisão sugerida
no-signals = Nenhum sinal foi assinalado nesta entrevista.
integrity-note = Sinais para um revisor humano: nunca rejeitam um candidato nem alteram uma pontuação.
overall-confidence = Confiança geral
ranking = Nível { $rank } de 5
yes = Sim
no = Não
reviewer = Decisão e notas do revisor
panel = Painel de contratação
panel-hidden = As avaliações dos outros revisores ficam ocultas até você enviar a sua.
panel-none = Ainda não há avaliações enviadas.
decided = { $decision } por { $who } em { $date }
no-decision = Pendente: ainda sem decisão.
notes = Notas
transcript = Transcrição
transcript-note = No idioma original da entrevista.
speaker-interviewer = Entrevistador
speaker-candidate = Candidato
speaker-system = Sistema
page-n-of-m = Página { $n } de { $m }
confidential = Confidencial: apenas para decisões de contratação
status-pending = Pendente
status-in_progress = Em curso
status-evaluating = Em avaliação
status-completed = Concluída
status-knocked_out = Eliminado
status-shortlisted = Pré-selecionado
status-dismissed = Dispensado
signal-tab_switching = Troca de separador
signal-ai_scripted_answer = Resposta gerada por IA
signal-multiple_people = Várias pessoas
signal-multiple_speakers = Várias vozes
signal-phone_detection = Telefone detetado
signal-unusual_delays = Atrasos invulgares
signal-facial_behaviour = Comportamento facial
signal-transcript_analysis = Análise da transcrição

# Interview language shown by name (primary subtag; unknown codes show as is).
language-name = { $code ->
    [en] Inglês
    [es] Espanhol
    [fr] Francês
    [de] Alemão
    [pt] Português
    [ar] Árabe
    [zh] Chinês
    [ja] Japonês
    [he] Hebraico
    [it] Italiano
    [nl] Neerlandês
    [pl] Polonês
    [ko] Coreano
    [hi] Hindi
    [ru] Russo
    [tr] Turco
    [sv] Sueco
   *[other] { $code }
}
