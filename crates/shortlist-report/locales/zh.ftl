report-kicker = 面试报告
report-title = 面试报告
interviewer = 面试官
interview-date = 面试日期
report-date = 报告日期
status = 状态
email = 电子邮件
interview-id = 面试编号
language = 面试语言
scores = 评分
overall-score = 总分
resume-score = 简历
video-score = 视频面试
communication-score = 沟通
not-available = 无
candidate-vs-average = 候选人与平均水平对比
candidate = 候选人
average = 平均
difference = 差异
average-n = 基于 { $n } 位已完成面试的候选人的平均值。
small-n = 仅有 { $n } 位候选人完成面试：平均值仅供粗略参考。
above-average = 高于平均 { $pct }%
below-average = 低于平均 { $pct }%
at-average = 与平均持平
questions = 各题评分
question = 问题
score = 得分
weight = 权重
summary = 总结
not-scored = 不计分
tags = 标签
highlights = 亮点
lowlights = 不足
integrity = 作弊检测概览
signal = 信号
confidence = 置信度
review-suggested = 建议复核
no-signals = 本次面试未标记任何信号。
integrity-note = 这些信号仅供人工复核：不会拒绝候选人，也不会改变分数。
overall-confidence = 总体置信度
ranking = 等级 { $rank } / 5
yes = 是
no = 否
reviewer = 评审决定与备注
panel = 招聘小组
panel-hidden = 在您提交自己的评价之前，其他评审的评价将被隐藏。
panel-none = 尚无已提交的评价。
decided = { $who } 于 { $date } 标记为{ $decision }
no-decision = 待定：尚未做出决定。
notes = 备注
transcript = 面试记录
transcript-note = 保留面试原始语言。
speaker-interviewer = 面试官
speaker-candidate = 候选人
speaker-system = 系统
page-n-of-m = 第 { $n } 页，共 { $m } 页
confidential = 机密：仅用于招聘决策
status-pending = 待定
status-in_progress = 进行中
status-evaluating = 评估中
status-completed = 已完成
status-knocked_out = 已淘汰
status-shortlisted = 已入围
status-dismissed = 已拒绝
signal-tab_switching = 切换标签页
signal-ai_scripted_answer = AI 生成的回答
signal-multiple_people = 多人在场
signal-multiple_speakers = 多个说话人
signal-phone_detection = 检测到手机
signal-unusual_delays = 异常延迟
signal-facial_behaviour = 面部行为
signal-transcript_analysis = 记录分析

# Interview language shown by name (primary subtag; unknown codes show as is).
language-name = { $code ->
    [en] 英语
    [es] 西班牙语
    [fr] 法语
    [de] 德语
    [pt] 葡萄牙语
    [ar] 阿拉伯语
    [zh] 中文
    [ja] 日语
    [he] 希伯来语
    [it] 意大利语
    [nl] 荷兰语
    [pl] 波兰语
    [ko] 韩语
    [hi] 印地语
    [ru] 俄语
    [tr] 土耳其语
    [sv] 瑞典语
   *[other] { $code }
}
