#!/usr/bin/env bash
# Regenerates the committed demo media in assets/demo/ (SPEC F6).
#
# Run once by a developer; the outputs are committed and CI never runs this.
# The Rust demo generator (crates/shortlist-core/src/demo/) embeds the files
# with include_bytes! and reads assets/demo/manifest.json with include_str!.
#
# What it makes:
#   * 8 interview clips. Every line of the interviewer and the candidate is
#     spoken by espeak-ng (two different voices per clip), measured with soxi,
#     and the lines are joined with fixed silences, so the start/end times in
#     manifest.json are the real speech timing of the files.
#       - 5 video clips (en, es, ar, fr, zh), each as webm (VP8 + Opus) and
#         mp4 (H.264 + AAC), 640x360, 15 fps: coloured background, title,
#         speaker label, the current line as a caption, and a running timer.
#       - 3 audio-only clips: Russian .mp3, English .ogg (Vorbis), Greek .wav
#         (all decodable by rodio; no Opus for audio-only on purpose).
#   * 9 one-page résumé PDFs (fpdf2, Noto Sans embedded), incl. Cyrillic and
#     Greek names. Three of them (daniel_kim, emily_johnson, theo_moreau)
#     deliberately disagree with what those demo candidates say in their
#     interviews (employers, dates, titles, skills, years), so Cross-Agent
#     Intelligence has real findings in the demo.
#   * manifest.json: per clip, language, duration, files and every line with
#     speaker, text, start, end and the scorecard question it belongs to.
#
# Requirements: ffmpeg (libvpx, libx264, libopus, libvorbis, libmp3lame,
# libfreetype, libfribidi), espeak-ng, sox, fonts-noto-core, fonts-noto-cjk,
# python3 (a private venv with fpdf2 from PyPI is created on first run under
# ${XDG_CACHE_HOME:-~/.cache}/shortlist-demo-venv).
#
# Idempotent: the work happens in a temp dir; outputs are rewritten only when
# their bytes change. sox runs with -R (repeatable dither), encoders run
# single-threaded with bitexact flags, so a re-run with the same tool versions
# writes byte-identical files (checked: `git status` stays clean).
#
# Usage: scripts/make-demo-media.sh            (from anywhere in the repo)
#        scripts/make-demo-media.sh --resumes-only
#            only the résumé PDFs (needs python3 and fonts-noto-core); the
#            clips in manifest.json are kept as they are.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/assets/demo"
VENV="${XDG_CACHE_HOME:-$HOME/.cache}/shortlist-demo-venv"

RESUMES_ONLY=0
[ "${1:-}" = "--resumes-only" ] && RESUMES_ONLY=1
TOOLS="ffmpeg ffprobe espeak-ng sox soxi python3"
[ "$RESUMES_ONLY" = 1 ] && TOOLS="python3"
for tool in $TOOLS; do
    command -v "$tool" >/dev/null || { echo "make-demo-media: '$tool' is required (see header of this script)" >&2; exit 1; }
done
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import fpdf' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q 'fpdf2==2.8.9'
fi

mkdir -p "$OUT/video" "$OUT/audio" "$OUT/resumes"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

export OUT WORK RESUMES_ONLY
"$VENV/bin/python" - <<'PY'
import hashlib, json, os, shutil, subprocess, textwrap
from datetime import datetime, timezone

OUT = os.environ["OUT"]
WORK = os.environ["WORK"]

SANS = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"
SANS_BOLD = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"
ARABIC = "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf"
CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

RATE = 22050          # espeak-ng's native rate
LEAD = 0.6            # silence before the first line
GAP_TURN = 0.45       # between a question and its answer
GAP_PAIR = 0.8        # between an answer and the next question

# Each clip: 5 question/answer pairs; pair i answers scorecard question i+1
# of its posting (see src/demo/content.rs).
CLIPS = [
    dict(id="sales_en", posting="pst_627", language="en", kind="video",
         interviewer="Sally", voices=("en-us+f3", "en-us+m3"), font=SANS, bg="0x1f4e79",
         title="Seasonal Sales Associate",
         lines=[
             "Hi, I'm Sally. Tell me about helping a customer.",
             "I helped a man choose a warm winter coat.",
             "How do you handle a long queue?",
             "I stay calm, smile, and call for backup.",
             "What if a customer seems undecided?",
             "I ask questions and suggest two good options.",
             "What does teamwork mean on a busy shift?",
             "Covering breaks and sharing the busy tills.",
             "What is your holiday availability?",
             "I can work evenings and every weekend.",
         ]),
    dict(id="sales_ru", posting="pst_627", language="ru", kind="audio", fmt="mp3",
         interviewer="Sally", voices=("ru+f3", "ru+m3"),
         lines=[
             "Здравствуйте, я Салли. Расскажите, как вы помогли покупателю.",
             "Я помог мужчине выбрать тёплое зимнее пальто.",
             "Как вы справляетесь с длинной очередью?",
             "Сохраняю спокойствие и зову коллег на помощь.",
             "Что делать, если покупатель сомневается?",
             "Задаю вопросы и предлагаю два варианта.",
             "Что значит командная работа в загруженную смену?",
             "Подменять коллег и помогать на кассах.",
             "Когда вы можете работать в праздники?",
             "По вечерам и во все выходные.",
         ]),
    dict(id="support_es", posting="pst_731", language="es", kind="video",
         interviewer="Lucía", voices=("es+f3", "es+m3"), font=SANS, bg="0x6b2d5c",
         title="Customer Support Specialist (Bilingual)",
         lines=[
             "Hola, soy Lucía. ¿Cómo calma a un cliente enfadado?",
             "Escucho con paciencia y repito su problema.",
             "¿Cómo resuelve un problema nuevo?",
             "Busco en la base de conocimiento y pregunto al equipo.",
             "¿Cómo cambia entre español e inglés?",
             "Sigo el idioma que prefiere el cliente.",
             "¿Cómo organiza sus notas y tickets?",
             "Uso etiquetas claras y cierro cada ticket el mismo día.",
             "¿Qué salario espera?",
             "Alrededor de dos mil euros al mes.",
         ]),
    dict(id="support_ar", posting="pst_731", language="ar", kind="video",
         interviewer="Lucía", voices=("ar+f3", "ar+f5"), speed=190, font=ARABIC, bg="0x0b5345",
         title="Customer Support Specialist (Bilingual)",
         lines=[
             "مرحبا، أنا لوسيا. كيف تهدئين عميلا غاضبا؟",
             "أستمع بهدوء وأكرر المشكلة للعميل.",
             "كيف تحلين مشكلة جديدة؟",
             "أبحث في قاعدة المعرفة وأسأل الفريق.",
             "كيف تنتقلين بين العربية والإنجليزية؟",
             "أتبع اللغة التي يفضلها العميل.",
             "كيف تنظمين الملاحظات والتذاكر؟",
             "أستخدم تصنيفات واضحة وأغلق كل تذكرة في نفس اليوم.",
             "ما هو الراتب الذي تتوقعينه؟",
             "حوالي ألفي يورو في الشهر.",
         ]),
    dict(id="support_en", posting="pst_731", language="en", kind="audio", fmt="ogg",
         interviewer="Lucía", voices=("en-us+f4", "en+f2"),
         lines=[
             "Hi, I'm Lucía. How do you calm an upset customer?",
             "I listen first, then repeat the problem back.",
             "How do you solve a problem you have never seen?",
             "I search the knowledge base and ask the team.",
             "How do you switch between Spanish and English?",
             "I follow the language the customer prefers.",
             "How do you keep tickets organised?",
             "Clear tags, and I close tickets the same day.",
             "What salary are you expecting?",
             "Around two thousand euros a month.",
         ]),
    dict(id="warehouse_fr", posting="pst_845", language="fr", kind="video",
         interviewer="Marc", voices=("fr+m3", "fr+f3"), font=SANS, bg="0x7e5109",
         title="Warehouse Team Lead",
         lines=[
             "Bonjour, je suis Marc. Comment organisez-vous une équipe réduite ?",
             "Je priorise les commandes urgentes et je répartis les tâches.",
             "Parlez-moi d'un problème de sécurité.",
             "J'ai arrêté un chariot mal chargé et formé l'équipe.",
             "Comment aidez-vous un collègue en difficulté ?",
             "Je lui parle en privé et je fixe un objectif simple.",
             "Quels logiciels d'entrepôt connaissez-vous ?",
             "SAP et un scanner de codes-barres tous les jours.",
             "Quand pourriez-vous commencer ?",
             "Dans un mois, après mon préavis.",
         ]),
    dict(id="warehouse_zh", posting="pst_845", language="zh", kind="video",
         interviewer="Marc", voices=("cmn+m3", "cmn+f3"), speed=230, font=CJK, bg="0x4a235a",
         title="Warehouse Team Lead",
         lines=[
             "你好，我是马克。人手不够时你怎么安排班次？",
             "我先处理紧急订单，再分配任务。",
             "请讲一个你处理过的安全问题。",
             "我停下了一辆装载不当的叉车。",
             "你怎么帮助有困难的同事？",
             "我私下和他谈，并定一个简单的目标。",
             "你用过哪些仓库系统？",
             "我每天用条码扫描器和仓库管理系统。",
             "你什么时候可以开始工作？",
             "一个月以后可以开始。",
         ]),
    dict(id="cashier_el", posting="pst_512", language="el", kind="audio", fmt="wav",
         interviewer="Eleni", voices=("el+f3", "el+m3"),
         lines=[
             "Γεια σας, είμαι η Ελένη. Πώς μετράτε το ταμείο στο τέλος της βάρδιας;",
             "Μετράω δύο φορές και σημειώνω κάθε διαφορά.",
             "Τι κάνετε αν ένας πελάτης γίνει επιθετικός;",
             "Μένω ήρεμος και καλώ τον υπεύθυνο.",
             "Πώς μένετε σε εγρήγορση τη νύχτα;",
             "Κάνω μικρά διαλείμματα και πίνω νερό.",
             "Πείτε μου για ένα λάθος που διορθώσατε.",
             "Έδωσα λάθος ρέστα και το ανέφερα αμέσως.",
             "Μπορείτε να δουλέψετε Σαββατοκύριακα;",
             "Ναι, κάθε Σαββατοκύριακο.",
         ]),
]

BITEXACT = ["-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
            "-map_metadata", "-1", "-threads", "1"]


def run(cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def duration(path):
    return float(subprocess.check_output(["soxi", "-D", path]).decode().strip())


def install(src, rel):
    """Copy src to OUT/rel unless identical bytes are already there."""
    dst = os.path.join(OUT, rel)
    with open(src, "rb") as f:
        new = f.read()
    if os.path.exists(dst):
        with open(dst, "rb") as f:
            if f.read() == new:
                return dst
    with open(dst, "wb") as f:
        f.write(new)
    return dst


def wrap(text, language):
    width = 18 if language == "zh" else 44
    if language == "zh":
        return "\n".join(text[i:i + width] for i in range(0, len(text), width))
    return "\n".join(textwrap.wrap(text, width))


def dt_escape(s):
    return s.replace("\\", "\\\\").replace(":", "\\:").replace("'", "\\'")


def make_clip(clip):
    cid = clip["id"]
    d = os.path.join(WORK, cid)
    os.makedirs(d)
    parts, lines, t = [], [], LEAD
    silence = {}
    for gap in (LEAD, GAP_TURN, GAP_PAIR):
        p = os.path.join(d, f"sil_{gap}.wav")
        run(["sox", "-R", "-n", "-r", str(RATE), "-c", "1", "-b", "16", p, "trim", "0", str(gap)])
        silence[gap] = p
    parts.append(silence[LEAD])
    for i, text in enumerate(clip["lines"]):
        interviewer = i % 2 == 0
        voice = clip["voices"][0 if interviewer else 1]
        w = os.path.join(d, f"line_{i:02}.wav")
        run(["espeak-ng", "-v", voice, "-s", str(clip.get("speed", 175)), "-w", w, text])
        # normalise to 16-bit mono at RATE so sox can concatenate
        w2 = os.path.join(d, f"line_{i:02}n.wav")
        run(["sox", "-R", w, "-r", str(RATE), "-c", "1", "-b", "16", w2])
        dur = duration(w2)
        lines.append(dict(
            speaker="Interviewer" if interviewer else "Candidate",
            text=text,
            start=round(t, 3),
            end=round(t + dur, 3),
            question=i // 2 + 1,
        ))
        parts.append(w2)
        t += dur
        if i + 1 < len(clip["lines"]):
            gap = GAP_TURN if interviewer else GAP_PAIR
            parts.append(silence[gap])
            t += gap
    parts.append(silence[GAP_PAIR])
    t += GAP_PAIR
    speech = os.path.join(d, "speech.wav")
    run(["sox", "-R", *parts, speech])
    total = duration(speech)
    assert abs(total - t) < 0.05, (cid, total, t)

    files = {}
    if clip["kind"] == "video":
        # drawtext filters: title, speaker label and caption per line, timer
        filters = [
            f"drawtext=fontfile={SANS_BOLD}:text='{dt_escape('Shortlist demo · ' + clip['title'])}'"
            ":fontcolor=white:fontsize=19:x=24:y=20",
            f"drawtext=fontfile={SANS}:text='{dt_escape('Clip ' + cid + ' · AI interviewer ' + clip['interviewer'])}'"
            ":fontcolor=0xdddddd:fontsize=16:x=24:y=54",
            f"drawtext=fontfile={SANS}:text='%{{pts\\:hms}}':fontcolor=white:fontsize=18"
            ":x=w-tw-20:y=h-th-16:box=1:boxcolor=black@0.4:boxborderw=6",
        ]
        for i, ln in enumerate(lines):
            cap = os.path.join(d, f"cap_{i:02}.txt")
            with open(cap, "w", encoding="utf-8") as f:
                f.write(wrap(ln["text"], clip["language"]))
            who = clip["interviewer"] + " (AI)" if ln["speaker"] == "Interviewer" else "Candidate"
            colour = "0xffd866" if ln["speaker"] == "Interviewer" else "0x9be39b"
            en = f"between(t\\,{ln['start']}\\,{ln['end'] + 0.3:.3f})"
            filters.append(
                f"drawtext=fontfile={SANS_BOLD}:text='{dt_escape(who)}':fontcolor={colour}"
                f":fontsize=20:x=24:y=120:enable='{en}'")
            filters.append(
                f"drawtext=fontfile={clip['font']}:textfile={cap}:fontcolor=white:fontsize=24"
                f":line_spacing=8:x=(w-tw)/2:y=170:enable='{en}'")
        vf = os.path.join(d, "filters.txt")
        with open(vf, "w", encoding="utf-8") as f:
            f.write(",".join(filters))
        src = ["-f", "lavfi", "-i", f"color=c={clip['bg']}:s=640x360:r=15:d={total:.3f}", "-i", speech,
               "-filter_script:v", vf]
        webm = os.path.join(d, f"{cid}.webm")
        run(["ffmpeg", "-y", "-v", "error", *src, "-c:v", "libvpx", "-b:v", "90k", "-crf", "20",
             "-deadline", "good", "-cpu-used", "2", "-g", "150", "-c:a", "libopus", "-b:a", "24k", "-ac", "1",
             *BITEXACT, "-shortest", webm])
        mp4 = os.path.join(d, f"{cid}.mp4")
        run(["ffmpeg", "-y", "-v", "error", *src, "-c:v", "libx264", "-preset", "slow", "-crf", "30",
             "-tune", "stillimage", "-pix_fmt", "yuv420p", "-g", "150", "-c:a", "aac", "-b:a", "40k",
             "-ac", "1", "-movflags", "+faststart", *BITEXACT, "-shortest", mp4])
        files["webm"] = f"video/{cid}.webm"
        files["mp4"] = f"video/{cid}.mp4"
        install(webm, files["webm"])
        install(mp4, files["mp4"])
    else:
        fmt = clip["fmt"]
        out = os.path.join(d, f"{cid}.{fmt}")
        if fmt == "mp3":
            run(["ffmpeg", "-y", "-v", "error", "-i", speech, "-c:a", "libmp3lame", "-b:a", "48k",
                 "-ar", "22050", "-id3v2_version", "3", *BITEXACT, out])
        elif fmt == "ogg":
            run(["ffmpeg", "-y", "-v", "error", "-i", speech, "-c:a", "libvorbis", "-q:a", "1",
                 *BITEXACT, out])
        else:
            run(["sox", "-R", speech, "-r", "16000", "-b", "16", out])
        files[fmt] = f"audio/{cid}.{fmt}"
        install(out, files[fmt])
    return dict(
        id=cid, posting_id=clip["posting"], language=clip["language"], kind=clip["kind"],
        interviewer=clip["interviewer"], duration=round(total, 3), files=files, lines=lines,
    )


# ---------------------------------------------------------------- résumés
from fpdf import FPDF

RESUMES = [
    dict(id="jose_alvarez", name="José Álvarez", title="Retail Sales Associate",
         contact="jose.alvarez@correo.es · +34 612 345 678 · Madrid, Spain",
         summary="Friendly sales associate with four years on busy shop floors. Calm at the till, "
                 "good with stock, happy to work weekends and holidays.",
         jobs=[("Sales Associate, Zara Gran Vía", "2022 – present",
                ["Helped 120+ customers a day during seasonal peaks", "Trained three new starters on the POS system"]),
               ("Cashier, Mercadona", "2020 – 2022",
                ["Balanced the till with zero discrepancies for 18 months", "Handled returns and loyalty sign-ups"])],
         skills="Customer service · POS systems · Visual merchandising · Spanish (native), English (B2)"),
    dict(id="zoe_angstrom", name="Zoë Ångström", title="Bilingual Customer Support Specialist",
         contact="zoe.angstrom@posteo.se · +46 70 123 45 67 · Malmö, Sweden",
         summary="Support specialist handling English and Spanish tickets, chat and phone. "
                 "Known for calm de-escalation and tidy ticket queues.",
         jobs=[("Customer Support Agent, Klarna", "2021 – present",
                ["First-contact resolution 82% across chat and phone", "Wrote 40 knowledge-base articles in two languages"]),
               ("Front Desk, Scandic Hotels", "2018 – 2021",
                ["Resolved guest complaints in English, Spanish and Swedish"])],
         skills="Zendesk · Intercom · De-escalation · English (C2), Spanish (C1), Swedish (native)"),
    dict(id="dmitry_ivanov", name="Дмитрий Иванов", title="Продавец-консультант",
         contact="dmitry.ivanov@yandex.ru · +7 912 345-67-89 · Екатеринбург, Россия",
         summary="Продавец-консультант с опытом работы в сезонные пики. "
                 "Спокойно работаю с очередями и помогаю покупателям с выбором.",
         jobs=[("Продавец-консультант, Спортмастер", "2021 – наст. время",
                ["Обслуживал до 100 покупателей в смену", "Отвечал за выкладку зимней коллекции"]),
               ("Кассир, Пятёрочка", "2019 – 2021",
                ["Работа с кассой и возвратами без расхождений"])],
         skills_label="Навыки",
         skills="Работа с клиентами · Кассовые системы · Русский (родной), английский (B1)"),
    dict(id="alexandros_papadopoulos", name="Αλέξανδρος Παπαδόπουλος", title="Ταμίας νυχτερινής βάρδιας",
         contact="alex.papadopoulos@gmail.com · +30 691 234 5678 · Θεσσαλονίκη, Ελλάδα",
         summary="Ταμίας με εμπειρία σε νυχτερινές βάρδιες. Ακρίβεια στο ταμείο και ψυχραιμία "
                 "με δύσκολους πελάτες.",
         jobs=[("Ταμίας, Σκλαβενίτης", "2020 – σήμερα",
                ["Κλείσιμο ταμείου χωρίς διαφορές για δύο χρόνια", "Εκπαίδευση νέων συναδέλφων"]),
               ("Υπάλληλος, Πρατήριο καυσίμων", "2018 – 2020",
                ["Νυχτερινές βάρδιες, παραλαβή εμπορευμάτων"])],
         skills_label="Δεξιότητες",
         skills="Ταμειακά συστήματα · Εξυπηρέτηση πελατών · Ελληνικά (μητρική), Αγγλικά (B2)"),
    dict(id="chloe_dubois", name="Chloé Dubois", title="Chef d'équipe logistique",
         contact="chloe.dubois@orange.fr · +33 6 12 34 56 78 · Lyon, France",
         summary="Chef d'équipe en entrepôt, huit ans d'expérience. Sécurité d'abord, "
                 "planning des équipes et formation des caristes.",
         jobs=[("Chef d'équipe, Geodis Saint-Priest", "2020 – aujourd'hui",
                ["Équipe de 14 personnes, 2 500 colis par jour", "Zéro accident avec arrêt en 2025"]),
               ("Cariste, Amazon Lyon", "2016 – 2020",
                ["CACES 1, 3 et 5", "Inventaires tournants sur SAP EWM"])],
         skills_label="Compétences",
         skills="SAP EWM · CACES · Planning · Sécurité · Français (natif), anglais (B1)"),
    dict(id="amara_okafor", name="Amara Okafor", title="Warehouse Shift Supervisor",
         contact="amara.okafor@outlook.com · +44 7700 900123 · Manchester, United Kingdom",
         summary="Shift supervisor who runs lean teams through peak season without cutting "
                 "corners on safety.",
         jobs=[("Shift Supervisor, DHL Supply Chain", "2021 – present",
                ["Ran night shift of 20 pickers at 99.2% accuracy", "Led forklift safety refresher for 35 staff"]),
               ("Picker / Packer, ASOS", "2018 – 2021",
                ["Top 10% pick rate for 2 years"])],
         skills="Manhattan WMS · RF scanners · Health & safety (IOSH) · People coaching"),
    # Deliberate résumé-vs-interview mismatches (see `MISMATCHES` in the
    # demo's content.rs): the résumé says one thing, the interview another.
    # Contact details are the generated candidates' own.
    dict(id="daniel_kim", name="Daniel Kim", title="Warehouse Operations Manager",
         contact="daniel.kim@outlook.com · +1 312 555 0149 · Chicago, United States",
         summary="Warehouse manager with eight years of experience running multi-shift fulfilment "
                 "teams. Forklift certified, data-driven, safety first.",
         jobs=[("Warehouse Manager, Amazon Fulfillment", "2017 – 2021",
                ["Managed 45 associates across two shifts", "Cut mis-picks by 30% with cycle counts"]),
               ("Operations Lead, DHL Supply Chain", "2021 – present",
                ["Ran inbound and outbound docks for a 200,000 sq ft site"])],
         skills="Forklift (counterbalance, reach) · SAP · Inventory control · Team leadership"),
    dict(id="emily_johnson", name="Emily Johnson", title="Head Cashier",
         contact="emily.johnson@gmail.com · +1 312 555 0179 · Austin, United States",
         summary="Head cashier with ten years of front-end experience. Accurate, calm on night "
                 "shifts, trusted with the safe and the deposits.",
         jobs=[("Head Cashier, Walmart", "2019 – present",
                ["Supervised eight cashiers on the night shift", "Balanced the safe and prepared bank deposits"]),
               ("Cashier, Target", "2014 – 2019",
                ["Top scanner speed in the store for two years"])],
         skills="Cash handling · POS systems · Bookkeeping · Customer service"),
    dict(id="theo_moreau", name="Théo Moreau", title="Store Manager",
         contact="theo.moreau@gmail.com · +33 6 50 48 10 41 · Lyon, France",
         summary="Store manager with six years in fashion retail, leading a team of twelve and "
                 "owning the store's targets.",
         jobs=[("Store Manager, H&M Lyon Part-Dieu", "2020 – present",
                ["Led a team of 12 sales associates", "Grew weekend sales 15% year on year"]),
               ("Sales Associate, H&M", "2018 – 2020",
                ["Visual merchandising of the menswear floor"])],
         skills="Visual merchandising · Scheduling · Budgeting · French (native), English (C1)"),
]


def make_resume(r):
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    pdf.set_producer("Shortlist demo (fpdf2)")
    pdf.set_title(f"Résumé – {r['name']}")
    pdf.set_author(r["name"])
    pdf.add_font("Noto", "", SANS)
    pdf.add_font("Noto", "B", SANS_BOLD)
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    pdf.set_font("Noto", "B", 22)
    pdf.cell(0, 11, r["name"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Noto", "", 13)
    pdf.set_text_color(60, 60, 60)
    pdf.cell(0, 8, r["title"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Noto", "", 9.5)
    pdf.cell(0, 6, r["contact"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(31, 78, 121)
    pdf.set_line_width(0.6)
    pdf.line(20, pdf.get_y() + 2, 190, pdf.get_y() + 2)
    pdf.ln(6)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Noto", "", 10.5)
    pdf.multi_cell(0, 5.5, r["summary"], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for role, when, bullets in r["jobs"]:
        pdf.set_font("Noto", "B", 11)
        pdf.cell(120, 7, role)
        pdf.set_font("Noto", "", 10)
        pdf.cell(0, 7, when, align="R", new_x="LMARGIN", new_y="NEXT")
        for b in bullets:
            pdf.cell(6, 5.5, "•")
            pdf.multi_cell(0, 5.5, b, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.ln(2)
    pdf.set_font("Noto", "B", 11)
    pdf.cell(0, 7, r.get("skills_label", "Skills"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Noto", "", 10)
    pdf.multi_cell(0, 5.5, r["skills"], new_x="LMARGIN", new_y="NEXT")
    path = os.path.join(WORK, f"{r['id']}.pdf")
    pdf.output(path)
    rel = f"resumes/{r['id']}.pdf"
    install(path, rel)
    return dict(id=r["id"], name=r["name"], file=rel)


if os.environ.get("RESUMES_ONLY") == "1":
    with open(os.path.join(OUT, "manifest.json"), encoding="utf-8") as f:
        clips = json.load(f)["clips"]
else:
    clips = [make_clip(c) for c in CLIPS]
manifest = dict(
    version=1,
    note="Generated by scripts/make-demo-media.sh; times are seconds into the media file.",
    clips=clips,
    resumes=[make_resume(r) for r in RESUMES],
)
data = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
mpath = os.path.join(WORK, "manifest.json")
with open(mpath, "w", encoding="utf-8") as f:
    f.write(data)
install(mpath, "manifest.json")
total = 0
for root, _, names in os.walk(OUT):
    for n in names:
        total += os.path.getsize(os.path.join(root, n))
print(f"assets/demo: {total / 1e6:.2f} MB")
PY
