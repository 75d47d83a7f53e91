report-kicker = تقرير المقابلة
report-title = تقرير المقابلة
interviewer = المُحاور
interview-date = تاريخ المقابلة
report-date = تاريخ التقرير
status = الحالة
email = البريد الإلكتروني
interview-id = معرّف المقابلة
language = لغة المقابلة
scores = الدرجات
overall-score = الإجمالي
resume-score = السيرة الذاتية
video-score = مقابلة الفيديو
communication-score = التواصل
not-available = غير متاح
candidate-vs-average = المرشح مقارنة بالمتوسط
candidate = المرشح
average = المتوسط
difference = الفرق
average-n = المتوسط من { $n } مرشحين أكملوا المقابلة.
small-n = أكمل { $n } مرشحين فقط: اعتبر المتوسط دليلاً تقريبياً.
above-average = أعلى من المتوسط بنسبة { $pct }%
below-average = أقل من المتوسط بنسبة { $pct }%
at-average = عند المتوسط
questions = الدرجات حسب السؤال
question = السؤال
score = الدرجة
weight = الوزن
summary = الملخص
not-scored = بدون درجة
tags = الوسوم
highlights = نقاط القوة
lowlights = نقاط الضعف
integrity = نظرة عامة على كشف الغش
signal = الإشارة
confidence = الثقة
review-suggested = يُقترح المراجعة
no-signals = لم تُرصد أي إشارات في هذه المقابلة.
integrity-note = إشارات للمراجع البشري: لا ترفض أي مرشح ولا تغيّر أي درجة.
overall-confidence = الثقة الإجمالية
ranking = المستوى { $rank } من 5
yes = نعم
no = لا
reviewer = قرار المراجع وملاحظاته
panel = لجنة التوظيف
panel-hidden = تقييمات المراجعين الآخرين مخفية حتى ترسل تقييمك.
panel-none = لا توجد تقييمات مرسلة بعد.
decided = { $decision } بواسطة { $who } في { $date }
no-decision = قيد الانتظار: لم يُسجَّل قرار بعد.
notes = الملاحظات
transcript = النص المكتوب
transcript-note = بلغة المقابلة الأصلية.
speaker-interviewer = المُحاور
speaker-candidate = المرشح
speaker-system = النظام
page-n-of-m = صفحة { $n } من { $m }
confidential = سري: لقرارات التوظيف فقط
status-pending = قيد الانتظار
status-in_progress = قيد التنفيذ
status-evaluating = قيد التقييم
status-completed = مكتملة
status-knocked_out = مستبعد
status-shortlisted = في القائمة المختصرة
status-dismissed = مرفوض
signal-tab_switching = تبديل علامات التبويب
signal-ai_scripted_answer = إجابة مكتوبة بالذكاء الاصطناعي
signal-multiple_people = عدة أشخاص
signal-multiple_speakers = عدة متحدثين
signal-phone_detection = رُصد هاتف
signal-unusual_delays = تأخيرات غير معتادة
signal-facial_behaviour = سلوك الوجه
signal-transcript_analysis = تحليل النص المكتوب

# Interview language shown by name (primary subtag; unknown codes show as is).
language-name = { $code ->
    [en] الإنجليزية
    [es] الإسبانية
    [fr] الفرنسية
    [de] الألمانية
    [pt] البرتغالية
    [ar] العربية
    [zh] الصينية
    [ja] اليابانية
    [he] العبرية
    [it] الإيطالية
    [nl] الهولندية
    [pl] البولندية
    [ko] الكورية
    [hi] الهندية
    [ru] الروسية
    [tr] التركية
    [sv] السويدية
   *[other] { $code }
}
