report-kicker = 面接レポート
report-title = 面接レポート
interviewer = 面接官
interview-date = 面接日
report-date = レポート作成日
status = ステータス
email = メール
interview-id = 面接ID
language = 面接の言語
scores = スコア
overall-score = 総合
resume-score = 履歴書
video-score = ビデオ面接
communication-score = コミュニケーション
not-available = なし
candidate-vs-average = 候補者と平均の比較
candidate = 候補者
average = 平均
difference = 差
average-n = 面接を完了した { $n } 人の平均です。
small-n = 完了者は { $n } 人のみです。平均は目安としてご覧ください。
above-average = 平均より { $pct }% 高い
below-average = 平均より { $pct }% 低い
at-average = 平均と同じ
questions = 質問ごとのスコア
question = 質問
score = スコア
weight = 重み
summary = 要約
not-scored = 採点対象外
tags = タグ
highlights = 良い点
lowlights = 懸念点
integrity = 不正検知の概要
signal = シグナル
confidence = 信頼度
review-suggested = 確認を推奨
no-signals = この面接ではシグナルは検出されませんでした。
integrity-note = 人による確認のためのシグナルです。候補者を不合格にしたりスコアを変えたりすることはありません。
overall-confidence = 総合信頼度
ranking = レベル { $rank } / 5
yes = はい
no = いいえ
reviewer = 評価者の判断とメモ
panel = 採用パネル
panel-hidden = ご自身の評価を提出するまで、他の評価者の評価は表示されません。
panel-none = 提出された評価はまだありません。
decided = { $who } が { $date } に{ $decision }
no-decision = 保留中：まだ判断されていません。
notes = メモ
transcript = 文字起こし
transcript-note = 面接の元の言語で表示しています。
speaker-interviewer = 面接官
speaker-candidate = 候補者
speaker-system = システム
page-n-of-m = { $n } / { $m } ページ
confidential = 社外秘：採用判断のためにのみ使用
status-pending = 保留中
status-in_progress = 進行中
status-evaluating = 評価中
status-completed = 完了
status-knocked_out = 足切り
status-shortlisted = 候補に選出
status-dismissed = 不採用
signal-tab_switching = タブの切り替え
signal-ai_scripted_answer = AI が作成した回答
signal-multiple_people = 複数の人物
signal-multiple_speakers = 複数の話者
signal-phone_detection = スマートフォンを検出
signal-unusual_delays = 不自然な遅延
signal-facial_behaviour = 表情・視線の動き
signal-transcript_analysis = 文字起こしの分析

# Interview language shown by name (primary subtag; unknown codes show as is).
language-name = { $code ->
    [en] 英語
    [es] スペイン語
    [fr] フランス語
    [de] ドイツ語
    [pt] ポルトガル語
    [ar] アラビア語
    [zh] 中国語
    [ja] 日本語
    [he] ヘブライ語
    [it] イタリア語
    [nl] オランダ語
    [pl] ポーランド語
    [ko] 韓国語
    [hi] ヒンディー語
    [ru] ロシア語
    [tr] トルコ語
    [sv] スウェーデン語
   *[other] { $code }
}
