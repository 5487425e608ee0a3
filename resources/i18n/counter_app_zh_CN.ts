<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CallTicketDialog</name>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="31"/>
        <source>Call a chosen ticket</source>
        <translation>选号呼叫</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="36"/>
        <source>%1   waited %2</source>
        <translation>%1   已等 %2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="41"/>
        <source>   phone …%1</source>
        <translation>   手机尾号 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="48"/>
        <source>Nobody is waiting for this window.</source>
        <translation>本窗口当前无人等候。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="50"/>
        <source>&amp;Waiting</source>
        <translation>等候中(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="59"/>
        <source>Choose a ticket in the list.</source>
        <translation>请在列表中选择一个号。</translation>
    </message>
</context>
<context>
    <name>CasesTab</name>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="57"/>
        <source>Case or notice number, applicant name, ID number, phone or item (empty: today&apos;s cases)</source>
        <translation>办件编号、告知书编号、申请人姓名、证件号码、电话或事项（留空：今日办件）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="70"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="74"/>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="71"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="75"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="72"/>
        <source>Promised by</source>
        <translation>承诺办结日期</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="69"/>
        <source>Case or notice number</source>
        <translation>办件编号或文书编号</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="73"/>
        <source>Working days left</source>
        <translation>剩余工作日</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="85"/>
        <source>&amp;Reprint notices</source>
        <translation>补打文书(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="87"/>
        <source>&amp;Materials receipt list</source>
        <translation>材料接收清单(&amp;M)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/cases_tab.py" line="138"/>
        <source>Overdue by %n working day(s)</source>
        <translation>
            <numerusform>超期 %n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="140"/>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/cases_tab.py" line="141"/>
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>剩余 %n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="148"/>
        <source>Provisional: counted without the holiday calendar of a year it crosses (weekends only).</source>
        <translation>暂定：期限所跨年份缺少节假日安排，仅按周末计算。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="210"/>
        <source>(not accepted)</source>
        <translation>（未受理）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="211"/>
        <location filename="../../counter_app/ui/cases_tab.py" line="230"/>
        <source>(%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="212"/>
        <source>None</source>
        <translation>暂无</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="213"/>
        <source>Notices</source>
        <translation>文书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="213"/>
        <source>History</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="222"/>
        <source>Accepted on %1</source>
        <translation>受理日期：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="226"/>
        <source>Promised by %1</source>
        <translation>承诺办结日期：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="234"/>
        <source>Provisional: this window lacks the holiday calendar of a year it crosses.</source>
        <translation>暂定：本窗口缺少期限所跨年份的节假日安排，日期待日历发布后重新计算。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="237"/>
        <source>Reason for refusal: %1</source>
        <translation>不予受理理由：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/cases_tab.py" line="243"/>
        <source>printed %n time(s)</source>
        <translation>
            <numerusform>已打印 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="269"/>
        <source>Reprint (marked 补打)</source>
        <translation>补打（文书将标注“补打”）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cases_tab.py" line="279"/>
        <source>Materials receipt list</source>
        <translation>材料接收清单</translation>
    </message>
</context>
<context>
    <name>Checklist</name>
    <message>
        <location filename="../../counter_app/ui/checklist.py" line="48"/>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/checklist.py" line="48"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/checklist.py" line="48"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/checklist.py" line="78"/>
        <source>[if: %1]</source>
        <translation>［适用情形：%1］</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/checklist.py" line="123"/>
        <source>Material %1 “%2”: the note is at most %3 characters, %4 now: shorten it.</source>
        <translation>材料 %1“%2”：备注最多 %3 个字符，现有 %4 个：请删减。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/checklist.py" line="137"/>
        <source>Material %1 “%2”: %3</source>
        <translation>材料 %1“%2”：%3</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/checklist.py" line="154"/>
        <source>Not received: %1</source>
        <translation>尚未收到：%1</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../../counter_app/ui/login_dialog.py" line="194"/>
        <source>Connect to a hall server</source>
        <translation>连接大厅服务器</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login_dialog.py" line="201"/>
        <source>One-time code from IT, e.g. ABCD-EFGH-JKMN</source>
        <translation>信息技术人员提供的一次性注册码，如 ABCD-EFGH-JKMN</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login_dialog.py" line="212"/>
        <source>Hall &amp;server</source>
        <translation>大厅服务器(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login_dialog.py" line="213"/>
        <source>Enrolment &amp;code</source>
        <translation>注册码(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login_dialog.py" line="214"/>
        <source>&amp;User</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login_dialog.py" line="215"/>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login_dialog.py" line="231"/>
        <source>Fill in the server address, the enrolment code, user and password.</source>
        <translation>请填写服务器地址、注册码、用户名和密码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login_dialog.py" line="242"/>
        <source>Contacting the hall server…</source>
        <translation>正在连接大厅服务器…</translation>
    </message>
</context>
<context>
    <name>ConsultDialog</name>
    <message>
        <location filename="../../counter_app/ui/dialogs.py" line="95"/>
        <source>Consult register (Ctrl+Enter to save)</source>
        <translation>咨询登记（Ctrl+Enter 保存）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/dialogs.py" line="96"/>
        <source>(no item chosen)</source>
        <translation>（未选择事项）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/dialogs.py" line="103"/>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/dialogs.py" line="104"/>
        <source>&amp;Question</source>
        <translation>咨询问题(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/dialogs.py" line="105"/>
        <source>&amp;Answer</source>
        <translation>答复(&amp;A)</translation>
    </message>
</context>
<context>
    <name>EvaluationWindow</name>
    <message>
        <location filename="../../counter_app/ui/evaluation_window.py" line="81"/>
        <location filename="../../counter_app/ui/evaluation_window.py" line="90"/>
        <source>Please rate our service</source>
        <translation>请您对本次服务进行评价</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/evaluation_window.py" line="94"/>
        <source>Ticket %1 — thank you for your visit</source>
        <translation>%1号，感谢您前来办事</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/evaluation_window.py" line="96"/>
        <source>Thank you for your visit</source>
        <translation>感谢您前来办事</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/evaluation_window.py" line="101"/>
        <source>Very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/evaluation_window.py" line="102"/>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/evaluation_window.py" line="103"/>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/evaluation_window.py" line="104"/>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/evaluation_window.py" line="105"/>
        <source>Very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/evaluation_window.py" line="127"/>
        <source>What went wrong? Tick at least one:</source>
        <translation>请告诉我们哪里做得不好（至少选一项）：</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/evaluation_window.py" line="130"/>
        <source>Long wait</source>
        <translation>等候时间长</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/evaluation_window.py" line="131"/>
        <source>Poor service attitude</source>
        <translation>服务态度差</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/evaluation_window.py" line="132"/>
        <source>Not told all requirements at once</source>
        <translation>一次性告知不清楚</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/evaluation_window.py" line="133"/>
        <source>Unreasonable materials asked</source>
        <translation>材料要求不合理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/evaluation_window.py" line="134"/>
        <source>Handling took too long</source>
        <translation>办理时间长</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/evaluation_window.py" line="135"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/evaluation_window.py" line="154"/>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/evaluation_window.py" line="159"/>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
</context>
<context>
    <name>HallCharts</name>
    <message>
        <location filename="../../counter_app/ui/monitor_charts.py" line="60"/>
        <source>Tickets waiting through the day</source>
        <translation>全天等候人数</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_charts.py" line="61"/>
        <source>Served per hour</source>
        <translation>每小时服务人次</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_charts.py" line="62"/>
        <source>Served per window today</source>
        <translation>今日各窗口服务人次</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_charts.py" line="78"/>
        <source>%1h</source>
        <translation>%1时</translation>
    </message>
</context>
<context>
    <name>IntakeTab</name>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="70"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="72"/>
        <source>Submitted by an a&amp;gent (F7)</source>
        <translation>代理人代办(&amp;G)（F7）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="73"/>
        <source>Agent</source>
        <translation>代理人</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="103"/>
        <source>&lt;b&gt;Service item&lt;/b&gt; (F2)</source>
        <translation>&lt;b&gt;办理事项&lt;/b&gt;（F2）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="106"/>
        <source>Service &amp;mode</source>
        <translation>办理方式(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="121"/>
        <source>&lt;b&gt;Materials&lt;/b&gt;  keys 1 received · 2 missing · 3 correction · 4 n/a</source>
        <translation>&lt;b&gt;申请材料&lt;/b&gt;  按键：1 已收 · 2 缺少 · 3 需补正 · 4 不涉及</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="124"/>
        <source>All received</source>
        <translation>全部已收</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="129"/>
        <source>Accept</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="131"/>
        <source>Complete now</source>
        <translation>即办办结</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="133"/>
        <source>One-time notice</source>
        <translation>一次性告知</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="134"/>
        <source>Refuse</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="136"/>
        <source>Returning applicant</source>
        <translation>补件受理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="138"/>
        <source>Consult</source>
        <translation>咨询登记</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="139"/>
        <source>New case</source>
        <translation>新办件</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="141"/>
        <source>Clear the form for a new case. It calls no ticket: the queue strip&apos;s F12 does that.</source>
        <translation>清空表单，开始新办件。本键不叫号：叫号请用叫号栏的 F12。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="228"/>
        <source>Choose a service item first (F2).</source>
        <translation>请先选择办理事项（F2）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="242"/>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="245"/>
        <source>Completed on the spot</source>
        <translation>已当场办结</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="248"/>
        <source>One-time notice issued</source>
        <translation>已出具一次性告知书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="259"/>
        <source>Refused</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="297"/>
        <source>Still busy with the previous action: press the key again in a moment.</source>
        <translation>上一项操作仍在处理中：请稍候再按一次该键。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="303"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="337"/>
        <location filename="../../counter_app/ui/intake_tab.py" line="339"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="367"/>
        <source>Not loaded</source>
        <translation>未能载入</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="384"/>
        <source>Returning applicant: the checklist of %1 is loaded with what was already received. Accepting now starts the clock today.</source>
        <translation>补件受理：已载入 %1 此前已收取的材料。现在受理，办理时限自今日起算。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/intake_tab.py" line="406"/>
        <source>Consult recorded: %1</source>
        <translation>咨询已登记：%1</translation>
    </message>
</context>
<context>
    <name>ItemPicker</name>
    <message>
        <location filename="../../counter_app/ui/item_picker.py" line="28"/>
        <source>Item: name, common name, code or pinyin initials (e.g. sfz, 营业执照)</source>
        <translation>事项：名称、俗称、编码或拼音首字母（如 sfz、营业执照）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/item_picker.py" line="59"/>
        <source>(also: %1)</source>
        <translation>（又称：%1）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/item_picker.py" line="71"/>
        <source>No matching item found for “%1”: try a shorter word, another name, or the pinyin initials.</source>
        <translation>未找到匹配的事项“%1”：请换用更短的词、其他名称或拼音首字母再试。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/item_picker.py" line="101"/>
        <source>free of charge</source>
        <translation>不收费</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/item_picker.py" line="104"/>
        <source>version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/item_picker.py" line="106"/>
        <source>Department: %1    Class: %2</source>
        <translation>实施部门：%1    办件类型：%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/item_picker.py" line="109"/>
        <source>Legal limit: %n working day(s)</source>
        <translation>
            <numerusform>法定时限：%n 个工作日</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/item_picker.py" line="111"/>
        <source>Promised: %n working day(s)</source>
        <translation>
            <numerusform>承诺时限：%n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/item_picker.py" line="112"/>
        <source>Fees: %1</source>
        <translation>收费：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/item_picker.py" line="116"/>
        <source>Joint approval with: %1</source>
        <translation>并联审批部门：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/item_picker.py" line="118"/>
        <source>Also known as: %1</source>
        <translation>又称：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/item_picker.py" line="120"/>
        <source>Legal basis: %1</source>
        <translation>设定依据：%1</translation>
    </message>
</context>
<context>
    <name>JointText</name>
    <message>
        <location filename="../../counter_app/ui/joint_text.py" line="20"/>
        <source>Reviewing</source>
        <translation>会签中</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/joint_text.py" line="21"/>
        <source>Agreed</source>
        <translation>同意</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/joint_text.py" line="22"/>
        <source>Disagreed</source>
        <translation>不同意</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/joint_text.py" line="23"/>
        <source>Asked for corrections</source>
        <translation>需补正</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/joint_text.py" line="32"/>
        <source>Clock stopped</source>
        <translation>暂停计时</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/joint_text.py" line="36"/>
        <source>Overdue by %n working day(s)</source>
        <translation>
            <numerusform>已超期%n个工作日</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/joint_text.py" line="38"/>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/joint_text.py" line="40"/>
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>剩余%n个工作日</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/joint_text.py" line="49"/>
        <source>Joint review by other departments</source>
        <translation>并联审批 · 会签部门</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/joint_text.py" line="56"/>
        <source>due %1</source>
        <translation>%1到期</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/joint_text.py" line="63"/>
        <source>Checks: %1</source>
        <translation>审查内容：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/joint_text.py" line="69"/>
        <source>Answered by %1 on %2</source>
        <translation>%1于%2出具意见</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/joint_text.py" line="80"/>
        <source>To correct: %1</source>
        <translation>需补正材料：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/joint_text.py" line="85"/>
        <source>Attached: %1</source>
        <translation>附件：%1</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../counter_app/ui/login_dialog.py" line="41"/>
        <source>Sign in — counter client</source>
        <translation>登录 — 窗口受理客户端</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login_dialog.py" line="47"/>
        <source>One-time code from IT, e.g. ABCD-EFGH-JKMN</source>
        <translation>信息技术人员提供的一次性注册码，如 ABCD-EFGH-JKMN</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login_dialog.py" line="61"/>
        <source>Hall server</source>
        <translation>大厅服务器</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login_dialog.py" line="62"/>
        <source>Enrolment &amp;code</source>
        <translation>注册码(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login_dialog.py" line="65"/>
        <source>&amp;User</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login_dialog.py" line="66"/>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login_dialog.py" line="87"/>
        <source>Checking this PC…</source>
        <translation>正在检查本机的注册信息…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login_dialog.py" line="121"/>
        <source>This PC is not enrolled with the hall server yet: enter the one-time code IT gave you.</source>
        <translation>本机尚未在大厅服务器注册：请输入信息技术人员提供的一次性注册码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login_dialog.py" line="127"/>
        <source>This PC cannot remember its sign-in to the hall server: it keeps it only while the program is open. Once the program is closed, IT must connect this PC to the hall server again before anyone can sign in here. Tell IT.</source>
        <translation>本机无法保存登录信息，只在程序打开期间有效：程序关闭后，须请信息技术人员重新将本机接入大厅服务器，才能再在本机登录。请告知信息技术人员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login_dialog.py" line="146"/>
        <source>Contacting the hall server…</source>
        <translation>正在连接大厅服务器…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login_dialog.py" line="157"/>
        <source>Enter the enrolment code.</source>
        <translation>请输入注册码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/login_dialog.py" line="161"/>
        <source>Enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="43"/>
        <source>%1 — window %2 — counter client</source>
        <translation>%1 — %2 号窗口 — 窗口受理客户端</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="50"/>
        <source>&amp;Intake (Alt+1)</source>
        <translation>受理(&amp;I)（Alt+1）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="51"/>
        <source>&amp;Cases (Alt+2)</source>
        <translation>办件查询(&amp;C)（Alt+2）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="115"/>
        <source>Hall &amp;monitor (Alt+4)</source>
        <translation>大厅监控(&amp;M)（Alt+4）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="191"/>
        <source>Window %1 · clerk %2 · device %3</source>
        <translation>%1 · 经办人 %2 · 设备 %3</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="203"/>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="95"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="117"/>
        <source>&amp;Supervision (Alt+5)</source>
        <translation>电子监察(&amp;S)（Alt+5）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="122"/>
        <source>A supervisor watches the hall: sign in as a clerk to take applications.</source>
        <translation>值班长账号用于监控大厅：受理申请请以窗口工作人员身份登录。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="132"/>
        <source>The visit was not recorded: %1</source>
        <translation>本次办事记录未保存：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="160"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="161"/>
        <source>Language (after restart)</source>
        <translation>界面语言（重启后生效）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="167"/>
        <source>Connect to a &amp;hall server…</source>
        <translation>连接大厅服务器(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="169"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="171"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="172"/>
        <location filename="../../counter_app/ui/main_window.py" line="326"/>
        <source>Keyboard keys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="173"/>
        <location filename="../../counter_app/ui/main_window.py" line="342"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="193"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="202"/>
        <source> (offline sign-in)</source>
        <translation>（离线登录）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="271"/>
        <source>&amp;Worklist (Alt+3)</source>
        <translation>待办(&amp;W)（Alt+3）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="276"/>
        <source>%1 %2 · due soon %3 · overdue %4</source>
        <translation>%1 %2 · 预警 %3 · 超期 %4</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="302"/>
        <source>No holiday calendar for %1 yet: deadlines reaching into it are provisional.</source>
        <translation>尚无 %1 年节假日安排：跨入该年的办结日期为暂定日期。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="328"/>
        <source>F2 item search · F3 returning applicant · F4 consult · F6 all materials received
F7 agent · F8 complete now (instant items) · F9 accept · F10 one-time notice · F11 refuse
Ctrl+N next applicant · Alt+1 intake · Alt+2 cases · Ctrl+P print (notices)
In the materials list: 1 received · 2 missing · 3 needs correction · 4 not applicable · Space cycles · type to write a note
Queue: F12 call next · Ctrl+F12 call a ticket · Shift+F12 recall · F5 start · Shift+F5 finish · Ctrl+Shift+N no-show · Ctrl+Shift+T transfer · Ctrl+Shift+K park · Ctrl+Shift+P pause/resume · Ctrl+Shift+W walk-in</source>
        <translation>F2 查找事项 · F3 补件受理 · F4 咨询登记 · F6 材料全部已收
F7 代理人 · F8 即办办结（即办件）· F9 受理 · F10 一次性告知 · F11 不予受理
Ctrl+N 下一位 · Alt+1 受理 · Alt+2 办件查询 · Ctrl+P 打印（文书窗口）
材料清单中：1 已收 · 2 缺少 · 3 需补正 · 4 不涉及 · 空格 切换 · 直接输入可填写说明
叫号：F12 叫下一位 · Ctrl+F12 选号呼叫 · Shift+F12 重呼 · F5 开始办理 · Shift+F5 办结 · Ctrl+Shift+N 过号 · Ctrl+Shift+T 转移 · Ctrl+Shift+K 暂挂 · Ctrl+Shift+P 暂停/恢复 · Ctrl+Shift+W 现场接待</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="186"/>
        <location filename="../../counter_app/ui/main_window.py" line="321"/>
        <source>The language changes at the next start.</source>
        <translation>界面语言将在下次启动时切换。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="311"/>
        <source>Device code not set (default %1): ask IT to set device_code or enrol this PC.</source>
        <translation>设备编码未配置（默认 %1），可能与其他电脑重号：请信息技术人员设置或注册本机</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="343"/>
        <source>Counter client %1
Data folder: %2</source>
        <translation>窗口受理客户端 %1
数据目录：%2</translation>
    </message>
</context>
<context>
    <name>MessageDialog</name>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="297"/>
        <source>Message a window (Ctrl+Enter to send)</source>
        <translation>向窗口发送消息（Ctrl+Enter 发送）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="307"/>
        <source>&amp;Window</source>
        <translation>窗口(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="308"/>
        <source>&amp;Message</source>
        <translation>消息(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="315"/>
        <source>Write the message first.</source>
        <translation>请先写消息内容。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="318"/>
        <source>Choose the window.</source>
        <translation>请选择窗口。</translation>
    </message>
</context>
<context>
    <name>MessagesPage</name>
    <message>
        <location filename="../../counter_app/ui/outreach_pages.py" line="33"/>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/outreach_pages.py" line="34"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/outreach_pages.py" line="35"/>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/outreach_pages.py" line="36"/>
        <source>Message</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/outreach_pages.py" line="37"/>
        <source>To</source>
        <translation>接收号码</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/outreach_pages.py" line="38"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/outreach_pages.py" line="39"/>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/outreach_pages.py" line="40"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/outreach_pages.py" line="41"/>
        <source>What the provider said</source>
        <translation>短信平台的答复</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/outreach_pages.py" line="53"/>
        <source>This month: %1 sent (%2 delivered, %3 not delivered), %4 logged only, %5 failed, %6 in doubt, %7 waiting.</source>
        <translation>本月：已发送 %1 条（已送达 %2 条，未送达 %3 条），仅记录 %4 条，发送失败 %5 条，送达状态不明 %6 条，待发送 %7 条。</translation>
    </message>
</context>
<context>
    <name>MonitorTab</name>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="103"/>
        <location filename="../../counter_app/ui/monitor_tab.py" line="228"/>
        <source>Reading the hall…</source>
        <translation>正在读取大厅数据…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="105"/>
        <source>Tickets… (Ctrl+Shift+L)</source>
        <translation>号票处理…（Ctrl+Shift+L）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="108"/>
        <source>Message a window… (Ctrl+Shift+M)</source>
        <translation>发消息给窗口…（Ctrl+Shift+M）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="111"/>
        <source>Reports… (Ctrl+Shift+R)</source>
        <translation>统计报表…（Ctrl+Shift+R）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="114"/>
        <source>Unlock a user… (Ctrl+Shift+U)</source>
        <translation>解锁用户… (Ctrl+Shift+U)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="130"/>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="131"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="132"/>
        <source>Ticket</source>
        <translation>当前号</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="133"/>
        <source>Clerk</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="134"/>
        <source>Pause length</source>
        <translation>暂停时长</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="135"/>
        <source>Served today</source>
        <translation>今日已办</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="136"/>
        <source>Pause reason</source>
        <translation>暂停原因</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="143"/>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="144"/>
        <source>Waiting</source>
        <translation>等候</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="145"/>
        <source>Longest wait</source>
        <translation>最长等候</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="146"/>
        <source>Average wait</source>
        <translation>平均等候</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="147"/>
        <source>Average service</source>
        <translation>平均办理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="148"/>
        <source>Served</source>
        <translation>已办</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="161"/>
        <source>Queues</source>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="165"/>
        <source>Alerts</source>
        <translation>预警</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="166"/>
        <source>Bad ratings today (follow up)</source>
        <translation>今日差评（待回访）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="236"/>
        <source>The hall server cannot be reached: these figures are from %1, %2 ago. %3</source>
        <translation>无法连接大厅服务器：以下数据是 %1 的（%2 前）。%3</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="244"/>
        <source>The hall at %1 (live)</source>
        <translation>大厅实时数据 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="250"/>
        <source>Serving</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="251"/>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="252"/>
        <source>Paused</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="253"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="265"/>
        <source>no reason given</source>
        <translation>未填写原因</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="295"/>
        <source>%1 · %2 · %3 · %4%5</source>
        <translation>%1 · %2 · %3 · %4%5</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="299"/>
        <source>served without a ticket</source>
        <translation>无号接待</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_tab.py" line="320"/>
        <source>None</source>
        <translation>暂无</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <location filename="../../counter_app/ui/notice_dialog.py" line="63"/>
        <source>Notices</source>
        <translation>文书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/notice_dialog.py" line="93"/>
        <source>&amp;Print all (Ctrl+P)</source>
        <translation>全部打印(&amp;P)（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/notice_dialog.py" line="95"/>
        <source>Print &amp;this one</source>
        <translation>打印本份(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/notice_dialog.py" line="96"/>
        <source>&amp;Save as PDF…</source>
        <translation>另存为 PDF(&amp;S)…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/notice_dialog.py" line="134"/>
        <source>(printed %n time(s))</source>
        <translation>
            <numerusform>（已打印 %n 次）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/notice_dialog.py" line="167"/>
        <source>The preview could not be shown: %1</source>
        <translation>无法显示预览：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/notice_dialog.py" line="182"/>
        <source>The notice font has no glyph for %1: these characters print blank. Write them in by hand on the paper copy and have the applicant check them.</source>
        <translation>通知书字体中没有以下字符：%1，打印出来是空白。请在纸质通知书上手工补写，并请申请人核对。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/notice_dialog.py" line="200"/>
        <source>The processing slip is not printed with the others (Settings); to print it, select it and press “Print this one”.</source>
        <translation>办理通知书未随其他文书一并打印（见“设置”）；如需打印，请选中后按“打印本份”。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/notice_dialog.py" line="207"/>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/notice_dialog.py" line="233"/>
        <source>%1 %2 was not printed: %3</source>
        <translation>%1 %2 未能打印：%3</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/notice_dialog.py" line="263"/>
        <source>The notices came out of the printer, but the print was not recorded: %1</source>
        <translation>文书已从打印机输出，但打印记录未能保存：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/notice_dialog.py" line="237"/>
        <location filename="../../counter_app/ui/notice_dialog.py" line="245"/>
        <source>Printed %n notice(s).</source>
        <translation>
            <numerusform>已打印 %n 份文书。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/notice_dialog.py" line="239"/>
        <source>%n notice(s) in all were not printed.</source>
        <translation>
            <numerusform>共有 %n 份文书未能打印。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/notice_dialog.py" line="241"/>
        <source>The case is saved; the notice stays ready to print again here or from the Cases tab.</source>
        <translation>办件已保存；文书可在此处或“办件查询”页重新打印。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/notice_dialog.py" line="248"/>
        <source>Sent %n notice(s) to the printer; check that they came out.</source>
        <translation>
            <numerusform>已将 %n 份文书发送到打印机，请确认纸件已打出。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/notice_dialog.py" line="257"/>
        <source>Printing failed: %1. The case is saved.</source>
        <translation>打印失败：%1。办件已保存。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/notice_dialog.py" line="278"/>
        <source>Save notice as PDF</source>
        <translation>将文书另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/notice_dialog.py" line="304"/>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/notice_dialog.py" line="309"/>
        <source>Saved %1, but the copy was not recorded: %2</source>
        <translation>已保存 %1，但本次另存记录未能保存：%2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/notice_dialog.py" line="317"/>
        <source>The PDF was not saved: %1</source>
        <translation>PDF 未保存：%1</translation>
    </message>
</context>
<context>
    <name>OpinionDialog</name>
    <message>
        <location filename="../../counter_app/ui/opinion_dialog.py" line="51"/>
        <source>Joint review opinion · %1</source>
        <translation>会签意见 · %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/opinion_dialog.py" line="52"/>
        <source>%1 checks: %2</source>
        <translation>%1审查内容：%2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/opinion_dialog.py" line="54"/>
        <source>Materials it needs: %1</source>
        <translation>所需材料：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/opinion_dialog.py" line="61"/>
        <source>&amp;1 Agree</source>
        <translation>同意(&amp;1)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/opinion_dialog.py" line="62"/>
        <source>&amp;2 Disagree</source>
        <translation>不同意(&amp;2)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/opinion_dialog.py" line="63"/>
        <source>&amp;3 Needs correction</source>
        <translation>需补正(&amp;3)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/opinion_dialog.py" line="78"/>
        <source>Names of the documents attached, separated by ；</source>
        <translation>所附文书名称，以“；”分隔</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/opinion_dialog.py" line="84"/>
        <source>Opinion</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/opinion_dialog.py" line="85"/>
        <source>Reasons</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/opinion_dialog.py" line="86"/>
        <source>Attached documents</source>
        <translation>附件</translation>
    </message>
</context>
<context>
    <name>OversightTab</name>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="55"/>
        <location filename="../../counter_app/ui/oversight_tab.py" line="216"/>
        <source>Reading the hall…</source>
        <translation>正在读取大厅数据…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="58"/>
        <source>Refresh (F5)</source>
        <translation>刷新 (F5)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="65"/>
        <location filename="../../counter_app/ui/oversight_tab.py" line="81"/>
        <location filename="../../counter_app/ui/oversight_tab.py" line="93"/>
        <location filename="../../counter_app/ui/oversight_tab.py" line="104"/>
        <location filename="../../counter_app/ui/oversight_tab.py" line="116"/>
        <location filename="../../counter_app/ui/oversight_tab.py" line="127"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="66"/>
        <source>Open</source>
        <translation>在办</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="67"/>
        <source>Due soon</source>
        <translation>预警</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="68"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="69"/>
        <source>Clock stopped</source>
        <translation>暂停计时</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="70"/>
        <source>Completed this month</source>
        <translation>本月办结</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="71"/>
        <source>Ahead</source>
        <translation>提前办结</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="72"/>
        <source>On time</source>
        <translation>按时办结</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="73"/>
        <source>Late</source>
        <translation>超期办结</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="74"/>
        <source>On-time rate</source>
        <translation>按时办结率</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="80"/>
        <location filename="../../counter_app/ui/oversight_tab.py" line="92"/>
        <location filename="../../counter_app/ui/oversight_tab.py" line="103"/>
        <location filename="../../counter_app/ui/oversight_tab.py" line="115"/>
        <location filename="../../counter_app/ui/oversight_tab.py" line="126"/>
        <location filename="../../counter_app/ui/oversight_tab.py" line="138"/>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="82"/>
        <location filename="../../counter_app/ui/oversight_tab.py" line="94"/>
        <location filename="../../counter_app/ui/oversight_tab.py" line="105"/>
        <location filename="../../counter_app/ui/oversight_tab.py" line="117"/>
        <location filename="../../counter_app/ui/oversight_tab.py" line="128"/>
        <location filename="../../counter_app/ui/oversight_tab.py" line="140"/>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="83"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="84"/>
        <source>Promised by</source>
        <translation>承诺办结日期</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="85"/>
        <source>Working days late</source>
        <translation>超期工作日</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="86"/>
        <location filename="../../counter_app/ui/oversight_tab.py" line="144"/>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="95"/>
        <source>Completed on</source>
        <translation>办结日期</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="96"/>
        <source>Working days promised / taken</source>
        <translation>承诺 / 实际工作日</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="97"/>
        <source>Overtime reason</source>
        <translation>超时说明</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="106"/>
        <source>On</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="107"/>
        <source>Working days added</source>
        <translation>延长工作日</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="108"/>
        <source>Approved by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="109"/>
        <location filename="../../counter_app/ui/oversight_tab.py" line="132"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="118"/>
        <source>Why stopped</source>
        <translation>暂停原因</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="119"/>
        <source>Since</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="120"/>
        <source>Expected working days</source>
        <translation>预计工作日</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="129"/>
        <source>Asked on</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="130"/>
        <source>Working days asked</source>
        <translation>申请延长工作日</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="131"/>
        <source>Asked by</source>
        <translation>申请人（经办）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="139"/>
        <source>Lead department</source>
        <translation>牵头部门</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="141"/>
        <source>Joint department</source>
        <translation>会签部门</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="142"/>
        <source>Part due</source>
        <translation>会签到期日</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="143"/>
        <source>Working days left</source>
        <translation>剩余工作日</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="147"/>
        <source>Approve (Ctrl+Shift+A)</source>
        <translation>批准 (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="150"/>
        <source>Refuse… (Ctrl+Shift+X)</source>
        <translation>不批准… (Ctrl+Shift+X)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="219"/>
        <source>As of %1; completions of %2; due soon at %3 working days or fewer left.</source>
        <translation>截至 %1；办结统计月份 %2；剩余 %3 个工作日及以内为预警。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="226"/>
        <source>The hall server did not answer (%1): this is the view of %2.</source>
        <translation>大厅服务器未应答（%1）：以下为 %2 的数据。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="245"/>
        <source>Overdue, still open (%1)</source>
        <translation>超期在办（%1）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="247"/>
        <source>Completed late (%1)</source>
        <translation>超期办结（%1）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="250"/>
        <source>Extensions this month (%1)</source>
        <translation>本月延期（%1）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="252"/>
        <source>Clocks stopped (%1)</source>
        <translation>暂停计时（%1）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="254"/>
        <source>Extension requests (%1)</source>
        <translation>延期申请（%1）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="256"/>
        <source>Joint parts due soon or late (%1)</source>
        <translation>会签预警/超期（%1）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="258"/>
        <source>Text messages to check (%1)</source>
        <translation>待核实短信（%1）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="260"/>
        <source>Progress queries (%1 this month)</source>
        <translation>办件查询记录（本月 %1 次）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="313"/>
        <source>%1 late</source>
        <translation>超期%1个工作日</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="335"/>
        <source>Refuse the extension</source>
        <translation>不批准延期</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="336"/>
        <source>Why is the extension of %1 refused? The clerk&apos;s window shows it.</source>
        <translation>为什么不批准 %1 的延期？经办窗口将看到此理由。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="359"/>
        <source>Correction</source>
        <translation>补正</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/oversight_tab.py" line="361"/>
        <source>Special procedure: %1</source>
        <translation>特别程序：%1</translation>
    </message>
</context>
<context>
    <name>ParkDialog</name>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="116"/>
        <source>Park the ticket (Ctrl+Enter to confirm)</source>
        <translation>暂挂（Ctrl+Enter 确认）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="121"/>
        <source> minutes</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="122"/>
        <source>Comes back &amp;after</source>
        <translation>回来时间(&amp;A)</translation>
    </message>
</context>
<context>
    <name>PartyForm</name>
    <message>
        <location filename="../../counter_app/ui/party_form.py" line="28"/>
        <source>Resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/party_form.py" line="29"/>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/party_form.py" line="30"/>
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/party_form.py" line="31"/>
        <source>Mainland travel permit for HK/Macao residents</source>
        <translation>港澳居民来往内地通行证</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/party_form.py" line="34"/>
        <source>Mainland travel permit for Taiwan residents</source>
        <translation>台湾居民来往大陆通行证</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/party_form.py" line="37"/>
        <source>Residence permit for HK/Macao/Taiwan residents</source>
        <translation>港澳台居民居住证</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/party_form.py" line="40"/>
        <source>Foreign permanent resident ID card</source>
        <translation>外国人永久居留身份证</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/party_form.py" line="53"/>
        <source>Person</source>
        <translation>自然人</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/party_form.py" line="54"/>
        <source>Organisation</source>
        <translation>法人或其他组织</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/party_form.py" line="65"/>
        <source>&amp;Kind</source>
        <translation>申请人类型(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/party_form.py" line="66"/>
        <source>ID &amp;type</source>
        <translation>证件类型(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/party_form.py" line="67"/>
        <source>ID n&amp;umber</source>
        <translation>证件号码(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/party_form.py" line="68"/>
        <source>&amp;Name</source>
        <translation>名称/姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/party_form.py" line="69"/>
        <source>&amp;Phone</source>
        <translation>联系电话(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/party_form.py" line="70"/>
        <source>Addre&amp;ss</source>
        <translation>地址(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/party_form.py" line="111"/>
        <source>%1: at most %2 characters, %3 now: shorten it.</source>
        <translation>%1最多 %2 个字符，现有 %3 个：请删减。</translation>
    </message>
</context>
<context>
    <name>PauseDialog</name>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="144"/>
        <source>Pause the window (Ctrl+Enter to confirm)</source>
        <translation>暂停服务（Ctrl+Enter 确认）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="131"/>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="129"/>
        <source>Lunch break</source>
        <translation>午休</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="130"/>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="132"/>
        <source>Away for a moment</source>
        <translation>临时离开</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="133"/>
        <source>Fetching materials</source>
        <translation>取资料</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="134"/>
        <source>System failure</source>
        <translation>系统故障</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="135"/>
        <source>Equipment failure</source>
        <translation>设备故障</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="136"/>
        <source>Handing over the window</source>
        <translation>交接班</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="152"/>
        <source>Choose a reason or type one</source>
        <translation>选择原因，或直接输入其他原因</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="154"/>
        <source>&amp;Reason (required)</source>
        <translation>暂停原因（必填）(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="162"/>
        <source>Say why the window pauses: the hall supervisor sees the reason.</source>
        <translation>请填写暂停原因：大厅值班长会看到这个原因。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="166"/>
        <source>The reason is too long: at most 200 characters.</source>
        <translation>原因过长：最多 200 个字符。</translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <location filename="../../counter_app/ui/outreach_pages.py" line="81"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/outreach_pages.py" line="81"/>
        <source>Address</source>
        <translation>来源地址</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/outreach_pages.py" line="81"/>
        <source>Number asked</source>
        <translation>查询编号</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/outreach_pages.py" line="81"/>
        <source>Answer</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/outreach_pages.py" line="86"/>
        <source>answered</source>
        <translation>已查到</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/outreach_pages.py" line="87"/>
        <source>not found (or a wrong pair)</source>
        <translation>未查到（或号码与证件不符）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/outreach_pages.py" line="88"/>
        <source>refused: too many queries</source>
        <translation>已拒绝：查询过于频繁</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/outreach_pages.py" line="94"/>
        <source>This month: %1 answered, %2 not found, %3 refused for too many queries.</source>
        <translation>本月：查到 %1 次，未查到 %2 次，因查询过于频繁拒绝 %3 次。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/outreach_pages.py" line="98"/>
        <source>Most misses: %1.</source>
        <translation>未查到最多的地址：%1。</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../../counter_app/ui/qt_strings.py" line="20"/>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/qt_strings.py" line="21"/>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/qt_strings.py" line="22"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../counter_app/ui/qt_strings.py" line="18"/>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/qt_strings.py" line="19"/>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="129"/>
        <source>Call next</source>
        <translation>叫下一位</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="130"/>
        <source>Recall</source>
        <translation>重呼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="131"/>
        <source>Start</source>
        <translation>开始办理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="132"/>
        <source>Finish</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="133"/>
        <source>No-show</source>
        <translation>过号</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="134"/>
        <source>Call a ticket…</source>
        <translation>选号呼叫…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="135"/>
        <source>Transfer…</source>
        <translation>转移…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="136"/>
        <source>Park…</source>
        <translation>暂挂…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="137"/>
        <source>Pause…</source>
        <translation>暂停…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="138"/>
        <location filename="../../counter_app/ui/queue_panel.py" line="511"/>
        <source>Walk-in</source>
        <translation>现场接待</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="147"/>
        <source>Messages read</source>
        <translation>消息已读</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="256"/>
        <source>Nobody is waiting for this window.</source>
        <translation>本窗口当前无人等候。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="401"/>
        <source>Resume (%1)</source>
        <translation>恢复服务（%1）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="403"/>
        <source>Pause… (%1)</source>
        <translation>暂停…（%1）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="412"/>
        <source>Queue calling is off</source>
        <translation>叫号未启用</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="420"/>
        <source>No hall server: queue calling is off. Serve walk-in applicants with Walk-in (Ctrl+Shift+W) and Finish (Shift+F5): the visit and its rating are kept.</source>
        <translation>未连接大厅服务器：叫号已关闭。现场群众请用“现场接待”（Ctrl+Shift+W）接待、“办结”（Shift+F5）结束，接待记录和评价都会保存。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="429"/>
        <source>The queue server cannot be reached: serve walk-in applicants with Walk-in (Ctrl+Shift+W) and Finish (Shift+F5), they are sent later. Calling comes back by itself when the network is back.</source>
        <translation>叫号服务器无法连接：可接待现场群众，用“现场接待”（Ctrl+Shift+W）开始、“办结”（Shift+F5）结束，记录稍后上传。网络恢复后叫号自动恢复。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="437"/>
        <source>Connecting to the queue server…</source>
        <translation>正在连接叫号服务器…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="443"/>
        <source>%1 %2: %3 waiting</source>
        <translation>%1 %2：等候 %3 人</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="450"/>
        <source>sent to this window: %1</source>
        <translation>转至本窗口：%1 人</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="453"/>
        <source>next: %1</source>
        <translation>待叫：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="453"/>
        <source>nobody waiting</source>
        <translation>暂无等候</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="461"/>
        <source> (%1 unread)</source>
        <translation>（共 %1 条未读）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="462"/>
        <source>Supervisor: %1</source>
        <translation>值班长消息：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="28"/>
        <source>Called</source>
        <translation>已呼叫</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="24"/>
        <location filename="../../counter_app/ui/queue_texts.py" line="29"/>
        <source>Serving</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="37"/>
        <source> · called %1 times</source>
        <translation> · 已呼叫 %1 次</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="483"/>
        <source>No ticket at the window</source>
        <translation>窗口当前无号</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="486"/>
        <source>Paused: %1 — for %2</source>
        <translation>暂停服务：%1 — 已暂停 %2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="492"/>
        <source>Window %1 open</source>
        <translation>%1 窗口服务中</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="498"/>
        <source>%1 back in %2</source>
        <translation>%1 还有 %2 回来</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="500"/>
        <source>%1 due back now</source>
        <translation>%1 已到回来时间</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="501"/>
        <source>Parked: %1</source>
        <translation>暂挂：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_panel.py" line="512"/>
        <source>Serving without a ticket · Shift+F5 finishes</source>
        <translation>无号接待中 · Shift+F5 办结</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="33"/>
        <source> · waited %1</source>
        <translation> · 已等 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="41"/>
        <source> · transfer note: %1</source>
        <translation> · 转办备注：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="48"/>
        <source>Today: served %1</source>
        <translation>今日已办 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="54"/>
        <source> · average %1</source>
        <translation> · 平均用时 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="59"/>
        <source> · satisfied %1 of %2 rated</source>
        <translation> · 评价 %2 次，满意 %1 次</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="69"/>
        <source>This window still has a ticket: finish it, mark it as a no-show or transfer it first.</source>
        <translation>本窗口还有一个号未处理：请先办结、过号或转移它。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="73"/>
        <source>The window is paused: resume it first (Ctrl+Shift+P).</source>
        <translation>窗口处于暂停状态：请先恢复服务（Ctrl+Shift+P）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="76"/>
        <source>The window has no ticket this applies to: call the next one first (F12).</source>
        <translation>窗口当前没有可执行此操作的号：请先叫号（F12）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="79"/>
        <source>That ticket is no longer waiting for this window (another window called it or it was moved): choose another one.</source>
        <translation>该号已不在本窗口等候（已被其他窗口呼叫或已转移）：请另选一个。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="84"/>
        <source>This window serves no queue in the hall layout: ask the hall supervisor.</source>
        <translation>大厅布局中本窗口没有对应的队列：请联系大厅值班长。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="87"/>
        <source>The queue is very busy right now: press the key again.</source>
        <translation>叫号系统繁忙：请再按一次。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="90"/>
        <source>Park for 1 to 240 minutes.</source>
        <translation>暂挂时间为 1 至 240 分钟。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="91"/>
        <source>Transfer to one queue or to one window.</source>
        <translation>请转移到一个队列或一个窗口（二选一）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="92"/>
        <source>There is no such queue in this hall: choose one from the list.</source>
        <translation>本大厅没有这个队列：请从列表中选择。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="95"/>
        <source>No window with that code serves a queue: check the window code.</source>
        <translation>没有这个编号的服务窗口：请核对窗口编号。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="98"/>
        <source>Say why the window pauses (at most 200 characters).</source>
        <translation>请填写暂停原因（最多 200 个字符）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="101"/>
        <source>This user does not serve at a window: sign in as a clerk.</source>
        <translation>当前用户不是窗口工作人员：请用窗口人员账号登录。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="104"/>
        <source>This PC has been revoked by IT: queue calling is off, call IT.</source>
        <translation>本机已被信息科停用，无法叫号：请联系信息科。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="107"/>
        <source>This user has been revoked by the hall: another clerk signs in.</source>
        <translation>当前用户已被大厅停用：请换其他工作人员登录。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="110"/>
        <source>Sign in again to call tickets (click the sync status at the bottom).</source>
        <translation>请重新登录后再叫号（点击窗口底部的同步状态）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="113"/>
        <source>The queue server gave an answer this program does not understand: call IT.</source>
        <translation>叫号服务器的应答无法识别：请联系信息科。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_texts.py" line="117"/>
        <source>The queue server refused: %1</source>
        <translation>叫号服务器拒绝了操作：%1</translation>
    </message>
</context>
<context>
    <name>RefusalDialog</name>
    <message>
        <location filename="../../counter_app/ui/dialogs.py" line="62"/>
        <source>Refuse the application (Ctrl+Enter to confirm)</source>
        <translation>不予受理（Ctrl+Enter 确认）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/dialogs.py" line="65"/>
        <source>(choose a usual reason of this item, or type your own below)</source>
        <translation>（选择本事项的常用理由，或在下方自行填写）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/dialogs.py" line="75"/>
        <source>&amp;Usual reasons</source>
        <translation>常用理由(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/dialogs.py" line="76"/>
        <source>&amp;Reason</source>
        <translation>不予受理理由(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/dialogs.py" line="77"/>
        <source>Legal &amp;basis</source>
        <translation>法律依据(&amp;B)</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="74"/>
        <source>Hall reports</source>
        <translation>大厅统计报表</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="79"/>
        <source>Daily report</source>
        <translation>日报</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="80"/>
        <source>Monthly report</source>
        <translation>月报</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="87"/>
        <source>By window</source>
        <translation>按窗口</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="88"/>
        <source>By department</source>
        <translation>按部门</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="89"/>
        <source>By clerk</source>
        <translation>按工作人员</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="90"/>
        <source>By item</source>
        <translation>按事项</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="93"/>
        <source>&amp;Query</source>
        <translation>查询(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="99"/>
        <source>&amp;Period</source>
        <translation>报表类型(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="100"/>
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="101"/>
        <source>&amp;Group by</source>
        <translation>统计维度(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="109"/>
        <source>Choose the period and press Enter.</source>
        <translation>选择日期后按 Enter 查询。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="116"/>
        <source>Export to &amp;Excel…</source>
        <translation>导出 Excel(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="118"/>
        <source>Export to PD&amp;F…</source>
        <translation>导出 PDF(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="193"/>
        <source>%1 rows. Export with Alt+E (Excel) or Alt+F (PDF).</source>
        <translation>共 %1 行。按 Alt+E 导出 Excel，Alt+F 导出 PDF。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="120"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="180"/>
        <source>Asking the hall server…</source>
        <translation>正在向大厅服务器查询…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="199"/>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="200"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="201"/>
        <source>Clerk</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="202"/>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="205"/>
        <source>Served (people)</source>
        <translation>服务人次</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="206"/>
        <source>Average wait (min)</source>
        <translation>平均等候（分钟）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="207"/>
        <source>Average service (min)</source>
        <translation>平均办理（分钟）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="208"/>
        <source>Consultations</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="209"/>
        <source>Applications received</source>
        <translation>收件</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="210"/>
        <source>Cases accepted</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="211"/>
        <source>One-time notifications</source>
        <translation>一次性告知</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="212"/>
        <source>Cases refused</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="213"/>
        <source>Cases completed</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="214"/>
        <source>Completed on time</source>
        <translation>按时办结</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="215"/>
        <source>Of which ahead of time</source>
        <translation>其中提前办结</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="216"/>
        <source>Completed late</source>
        <translation>超期办结</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="217"/>
        <source>Average promised (working days)</source>
        <translation>平均承诺时限（工作日）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="218"/>
        <source>Average taken (working days)</source>
        <translation>平均实际时限（工作日）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="219"/>
        <source>Instant items</source>
        <translation>即办件</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="220"/>
        <source>Share of instant items</source>
        <translation>即办件占比</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="221"/>
        <source>Fee-charging cases</source>
        <translation>收费件数</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="222"/>
        <source>Fees charged (yuan)</source>
        <translation>实收金额（元）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="223"/>
        <source>Ratings</source>
        <translation>评价数</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="224"/>
        <source>Satisfaction rate</source>
        <translation>满意率</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="232"/>
        <source>Tickets and ratings are counted in the hall&apos;s local time; applications received, notifications, refusals and completions by when the server received the window&apos;s record; acceptances by the window&apos;s acceptance date.</source>
        <translation>取号与评价按大厅当地时间统计；收件、告知、不予受理、办结按服务器收到窗口记录的时间统计；受理按窗口的受理日期统计。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="237"/>
        <source>Fee-charging cases are accepted cases of items that charge a fee; fees charged are the amounts recorded at completion in the period.</source>
        <translation>收费件数为所受理的收费事项件数；实收金额为本期办结时登记的收费金额。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="244"/>
        <source>Completed on time: completed on or before the promised date (ahead of time included); instant items and cases without a promised date count as on time. Time taken is counted in working days, without corrections and special procedures.</source>
        <translation>按时办结：办结日期不晚于承诺办结日期（含提前办结）；即办件及无承诺日期的办件视为按时。实际时限按工作日计，补正、特别程序期间不计。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="241"/>
        <source>Satisfaction rate = ratings of very satisfied, satisfied or fairly satisfied ÷ all ratings.</source>
        <translation>满意率 = 评价为非常满意、满意、基本满意的次数 ÷ 评价总次数。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="249"/>
        <source>By department or item, tickets, waiting and service times and ratings are left out: one applicant may do several departments&apos; items in one visit.</source>
        <translation>按部门、事项统计时不含取号、等候、办理时长与评价：一位办事群众一次可办多个部门的事项。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="253"/>
        <source>&quot;(unspecified)&quot; holds consultations without an item and records that belong to no one.</source>
        <translation>“（未指定）”为未选事项的咨询或无法归属的记录。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="258"/>
        <source>Note: %1</source>
        <translation>注：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="262"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="264"/>
        <source>(unspecified)</source>
        <translation>（未指定）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="297"/>
        <source>Sign in again (click the sync status at the bottom), then query again.</source>
        <translation>请重新登录（点击底部的同步状态）后再查询。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="299"/>
        <source>Only hall supervisors may see the reports: sign in as a supervisor.</source>
        <translation>只有值班长可以查看报表：请以值班长身份登录。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="301"/>
        <source>The hall server did not accept this period or grouping: %1</source>
        <translation>大厅服务器不接受该期间或统计维度：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="311"/>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="311"/>
        <source>Export to PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="326"/>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="331"/>
        <source>Saved to %1.</source>
        <translation>已保存到 %1。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/report_dialog.py" line="337"/>
        <source>The file could not be written: choose another folder or name, or close the file in the program that has it open. (%1)</source>
        <translation>文件无法写入：请换一个文件夹或文件名，或先在打开它的程序中关闭该文件。（%1）</translation>
    </message>
</context>
<context>
    <name>ReturningDialog</name>
    <message>
        <location filename="../../counter_app/ui/dialogs.py" line="116"/>
        <source>Returning applicant</source>
        <translation>补件受理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/dialogs.py" line="122"/>
        <source>Scan the notice barcode, or type its number or the ID number</source>
        <translation>扫描告知书条码，或输入告知书编号、证件号码</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/dialogs.py" line="147"/>
        <source>No notified case matches. Check the number.</source>
        <translation>没有找到对应的一次性告知办件，请核对号码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/dialogs.py" line="149"/>
        <source>Several cases match: choose one and press Enter.</source>
        <translation>找到多个办件：请选择后按回车。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="50"/>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="51"/>
        <source>This PC</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="52"/>
        <source>Hall server</source>
        <translation>大厅服务器</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="53"/>
        <source>System (IT)</source>
        <translation>系统（信息技术人员）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="54"/>
        <source>Command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="61"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="62"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="66"/>
        <source>A4 sheet</source>
        <translation>A4 纸</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="67"/>
        <source>80 mm receipt roll</source>
        <translation>80 毫米小票卷纸</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="72"/>
        <source>Second screen (else a small panel)</source>
        <translation>第二屏（无第二屏时为角落小窗）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="74"/>
        <source>Small panel in a corner</source>
        <translation>屏幕角落小窗</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="75"/>
        <source>Off (no rating asked)</source>
        <translation>关闭（不请办事人评价）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="90"/>
        <source>Set by IT in the system-wide file %1: it cannot be changed here.</source>
        <translation>由信息技术人员在系统级配置文件 %1 中设置，此处不能修改。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="94"/>
        <source>Set by IT on the command line: it cannot be changed here.</source>
        <translation>由信息技术人员通过命令行设置，此处不能修改。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="98"/>
        <source>Set by the hall server: it cannot be changed here.</source>
        <translation>由大厅服务器下发，此处不能修改。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="138"/>
        <source>Settings (Ctrl+Enter to save, Esc to cancel)</source>
        <translation>设置（Ctrl+Enter 保存，Esc 取消）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="145"/>
        <source>At this window</source>
        <translation>本窗口设置</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="147"/>
        <source>Set by IT</source>
        <translation>由信息技术人员设置</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="150"/>
        <source>IT sets these in the system-wide settings file %1; they are shown here only.</source>
        <translation>以下各项由信息技术人员在系统级配置文件 %1 中设置，此处仅供查看。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="182"/>
        <source>&amp;Save (Ctrl+Enter)</source>
        <translation>保存(&amp;S)（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="212"/>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="212"/>
        <source>Value</source>
        <translation>当前值</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="212"/>
        <source>Comes from</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="257"/>
        <source>(system default printer)</source>
        <translation>（系统默认打印机）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="259"/>
        <source>(same as the A4 printer)</source>
        <translation>（同 A4 打印机）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="297"/>
        <source>(system default printer: %1)</source>
        <translation>（系统默认打印机：%1）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="340"/>
        <source>Nothing was saved: correct the marked setting.</source>
        <translation>未保存任何设置：请更正标红的设置项。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/settings_dialog.py" line="350"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>StartFrame</name>
    <message>
        <location filename="../../counter_app/ui/start_frame.py" line="25"/>
        <source>Counter client</source>
        <translation>窗口受理客户端</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/start_frame.py" line="45"/>
        <source>Opening the local data…</source>
        <translation>正在打开本地数据…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/start_frame.py" line="51"/>
        <source>Upgrading the local data for this version (a backup copy is made first): this can take a minute or two. Please do not turn the PC off.</source>
        <translation>正在为新版本升级本机数据（先做一份备份），可能需要一两分钟，请勿关机。</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="40"/>
        <source>Start review</source>
        <translation>开始审核</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="41"/>
        <source>Request correction</source>
        <translation>要求补正</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="42"/>
        <source>Corrected materials received</source>
        <translation>补正材料已收</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="43"/>
        <source>Start a special procedure</source>
        <translation>进入特别程序</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="44"/>
        <source>End the special procedure</source>
        <translation>结束特别程序</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="45"/>
        <source>Extend (supervisor)</source>
        <translation>延期（须负责人批准）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="46"/>
        <source>Decide</source>
        <translation>审批决定</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="47"/>
        <source>Complete</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="48"/>
        <source>Hand over or post the result</source>
        <translation>领取或邮寄送达</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="49"/>
        <source>Return the case</source>
        <translation>退办</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="50"/>
        <source>Withdraw at the applicant&apos;s request</source>
        <translation>申请人撤回</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/form_parts.py" line="27"/>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/form_parts.py" line="29"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/form_parts.py" line="44"/>
        <source>Material (tick those to correct)</source>
        <translation>材料（勾选需补正的）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/form_parts.py" line="45"/>
        <source>What is wrong</source>
        <translation>存在的问题</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="123"/>
        <location filename="../../counter_app/ui/step_dialog.py" line="171"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="125"/>
        <source>Procedure</source>
        <translation>程序</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="126"/>
        <location filename="../../counter_app/ui/step_dialog.py" line="188"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="127"/>
        <source>Expected working days</source>
        <translation>预计工作日</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="131"/>
        <source>Decision</source>
        <translation>审批决定</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="132"/>
        <source>Grant the licence</source>
        <translation>准予许可</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="132"/>
        <source>Refuse the licence</source>
        <translation>不予许可</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="134"/>
        <location filename="../../counter_app/ui/step_dialog.py" line="166"/>
        <source>Reasons</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="135"/>
        <source>Legal basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="140"/>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="140"/>
        <source>Granted</source>
        <translation>准予许可</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="140"/>
        <source>Denied</source>
        <translation>不予许可</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="142"/>
        <source>Certificate or licence number</source>
        <translation>证照编号</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="143"/>
        <source>Fee charged (yuan)</source>
        <translation>实收费用（元）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="144"/>
        <source>Reason for the delay (if past the promised date)</source>
        <translation>超时说明（超过承诺期限时填写）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="148"/>
        <source>Delivery</source>
        <translation>送达方式</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="149"/>
        <source>Collected at the window</source>
        <translation>窗口领取</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="149"/>
        <source>By post</source>
        <translation>邮寄送达</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="152"/>
        <source>Collector&apos;s name</source>
        <translation>领取人姓名</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="156"/>
        <source>Collector&apos;s ID type</source>
        <translation>领取人证件类型</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="159"/>
        <source>Collector&apos;s ID number</source>
        <translation>领取人证件号码</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="160"/>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="161"/>
        <source>Tracking number</source>
        <translation>快递单号</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="162"/>
        <source>Postal address</source>
        <translation>邮寄地址</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="187"/>
        <source>Extra working days</source>
        <translation>延长工作日数</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="196"/>
        <source>Approved by %1 from the supervision view: take the extension and print its notice.</source>
        <translation>%1 已在电子监察中批准：请办理延期并打印延期告知书。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="201"/>
        <source>Approving chief or supervisor (user name)</source>
        <translation>批准人（首席代表或督查人员）用户名</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="202"/>
        <source>Their password</source>
        <translation>批准人密码</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="207"/>
        <source>Already asked of the supervisors on %1: their decision comes with the next sync.</source>
        <translation>已于 %1 提交负责人审批：审批结果将随下次同步送达。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="211"/>
        <source>No one to sign here? Leave both empty: the request goes to the supervisors&apos; supervision tab, and the case shows their decision.</source>
        <translation>负责人不在窗口？两项均留空即提交延期申请，由负责人在“电子监察”中审批，审批结果显示在办件上。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="216"/>
        <source>The last request was refused by %1: %2</source>
        <translation>上次申请未获 %1 批准：%2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/step_dialog.py" line="167"/>
        <source>Remedies open to the applicant</source>
        <translation>申请人可寻求的救济途径</translation>
    </message>
</context>
<context>
    <name>SyncLog</name>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="22"/>
        <source>upload</source>
        <translation>上传</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="23"/>
        <source>download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="24"/>
        <source>full reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="25"/>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="26"/>
        <source>number clash</source>
        <translation>编号重复</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="27"/>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="28"/>
        <source>enrolment</source>
        <translation>注册</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="29"/>
        <source>sign-in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="30"/>
        <source>handled</source>
        <translation>已处理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="48"/>
        <source>%1 (details for IT: %2)</source>
        <translation>%1（技术详情：%2）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/sync_log_text.py" line="52"/>
        <source>%n operation(s) accepted by the hall server</source>
        <translation>
            <numerusform>大厅服务器已接收 %n 项操作</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/sync_log_text.py" line="55"/>
        <source>%n change(s) received from the hall server</source>
        <translation>
            <numerusform>已从大厅服务器收到 %n 项更新</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/sync_log_text.py" line="58"/>
        <source>Everything reloaded from the hall server (%n case(s))</source>
        <translation>
            <numerusform>已从大厅服务器重新载入全部数据（%n 个办件）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/sync_log_text.py" line="62"/>
        <source>The hall server works again after %n failure(s) on operation #%1</source>
        <translation>
            <numerusform>大厅服务器在第 %1 号操作上出错 %n 次后已恢复正常</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="68"/>
        <source>Operation #%1 marked as handled</source>
        <translation>第 %1 号操作已标记为已处理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="71"/>
        <source>Operation #%1 (%2) refused by the hall server</source>
        <translation>第 %1 号操作（%2）被大厅服务器拒绝</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="76"/>
        <source>Operation #%1: number %2 was also made on another PC with this device code</source>
        <translation>第 %1 号操作：编号 %2 与使用同一设备编码的另一台电脑重复</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="83"/>
        <source>Case number %1 arrived from the hall for another case: both are kept apart</source>
        <translation>大厅服务器传来的另一办件也使用办件编号 %1：两个办件分别保留</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="88"/>
        <source>Case numbering goes on from the numbers the hall server knows</source>
        <translation>办件编号接续大厅服务器已有的编号</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="92"/>
        <source>This PC is enrolled as %1 at window %2</source>
        <translation>本机已注册为设备 %1，所属窗口 %2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="96"/>
        <source>%1 signed in</source>
        <translation>%1已登录</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="98"/>
        <source>%1 signed in without the hall server (offline)</source>
        <translation>%1已离线登录（未连接大厅服务器）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="102"/>
        <source>%1: wrong password (offline sign-in)</source>
        <translation>%1：密码错误（离线登录）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="104"/>
        <source>This window was away too long for the changes alone: everything is reloaded</source>
        <translation>本窗口离线时间过长，无法只取更新：已重新载入全部数据</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="107"/>
        <source>This window now serves other departments: everything is reloaded</source>
        <translation>本窗口受理的部门已变更：已重新载入全部数据</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/sync_log_text.py" line="115"/>
        <source>The hall server failed %n time(s) in a row on operation #%1 (%2): it stays queued and is retried; tell IT</source>
        <translation>
            <numerusform>大厅服务器处理第 %1 号操作（%2）连续出错 %n 次：该操作保留在队列中并自动重试；请告知信息技术人员</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="126"/>
        <source>The hall server cannot take operation #%1 (%2): it stays queued; tell IT</source>
        <translation>大厅服务器无法接收第 %1 号操作（%2）：该操作保留在队列中；请告知信息技术人员</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="133"/>
        <source>This program is too old for the hall server: ask IT to update it</source>
        <translation>本程序版本过低，大厅服务器不再支持：请联系信息技术人员升级</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="136"/>
        <source>The hall server answered with an error</source>
        <translation>大厅服务器返回错误</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="139"/>
        <source>The hall server settings of this PC cannot be used: ask IT</source>
        <translation>本机的大厅服务器设置无法使用：请联系信息技术人员</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_log_text.py" line="142"/>
        <source>The hall server stopped taking this window&apos;s operations: tell IT</source>
        <translation>大厅服务器已停止接收本窗口的操作：请告知信息技术人员</translation>
    </message>
</context>
<context>
    <name>SyncLogDialog</name>
    <message>
        <location filename="../../counter_app/ui/sync_panel.py" line="105"/>
        <source>Sync with the hall server</source>
        <translation>与大厅服务器同步</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_panel.py" line="111"/>
        <source>&amp;Mark as handled</source>
        <translation>标记为已处理(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_panel.py" line="119"/>
        <source>Needs attention: refused by the hall server (nothing was lost locally)</source>
        <translation>需处理：被大厅服务器拒绝（本地数据未丢失）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_panel.py" line="123"/>
        <source>Sync log</source>
        <translation>同步日志</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_panel.py" line="136"/>
        <source>[still queued, retried] </source>
        <translation>[仍在队列中，自动重试] </translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_panel.py" line="140"/>
        <source>the hall server keeps failing on it: tell IT (details for IT: %1)</source>
        <translation>大厅服务器处理该操作时一再出错：请告知信息技术人员（技术详情：%1）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_panel.py" line="143"/>
        <source>refused by the hall server (its reason, for IT: %1)</source>
        <translation>被大厅服务器拒绝（拒绝原因，供信息技术人员查看：%1）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_panel.py" line="163"/>
        <source>Number %1 was also made on another PC with this device code. The hall keeps this record as %2: reprint the applicant&apos;s notice (it then shows %2), give it to the applicant if you can reach them, and tell IT.</source>
        <translation>编号 %1 与使用同一设备编号的另一台电脑重复。大厅服务器已将本记录登记为 %2：请补打申请人的文书（补打件显示 %2），能联系到申请人的请交给申请人，并告知信息技术人员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_panel.py" line="169"/>
        <source>Notice number %1 was also made on another PC with this device code: the record is kept; tell IT, and quote the case as well as the notice number to the applicant.</source>
        <translation>文书编号 %1 与使用同一设备编号的另一台电脑重复：记录已保留；请告知信息技术人员，并向申请人同时说明办件编号和文书编号。</translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message>
        <location filename="../../counter_app/ui/sync_panel.py" line="47"/>
        <source>Sync: starting…</source>
        <translation>同步：正在启动…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_panel.py" line="60"/>
        <source>⚠ this client is too old for the hall server: ask IT to upgrade it</source>
        <translation>⚠ 本客户端版本过低，大厅服务器不再支持：请联系信息技术人员升级</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_panel.py" line="62"/>
        <source>⚠ sign in again to sync</source>
        <translation>⚠ 请重新登录以继续同步</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_panel.py" line="64"/>
        <source>⚠ the hall server settings of this PC are wrong: ask IT</source>
        <translation>⚠ 本机的大厅服务器设置有误：请联系信息技术人员</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_panel.py" line="68"/>
        <source>⚠ the hall server fails on operation #%1: it stays queued and is retried; tell IT</source>
        <translation>⚠ 大厅服务器处理第 %1 号操作时出错：该操作保留在队列中并自动重试，请告知信息技术人员</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_panel.py" line="72"/>
        <source>⚠ the hall server answered with an error: retrying</source>
        <translation>⚠ 大厅服务器返回错误：正在重试</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_panel.py" line="74"/>
        <source>● online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_panel.py" line="76"/>
        <source>⚠ sync error</source>
        <translation>⚠ 同步出错</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_panel.py" line="78"/>
        <source>○ offline (the window keeps working)</source>
        <translation>○ 离线（本窗口可照常办理业务）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/sync_panel.py" line="79"/>
        <source>%n operation(s) to upload</source>
        <translation>
            <numerusform>%n 项待上传</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/sync_panel.py" line="81"/>
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n 项需处理</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_panel.py" line="84"/>
        <source>last sync %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_panel.py" line="87"/>
        <source>⚠ this PC&apos;s clock is %1 min off the server&apos;s</source>
        <translation>⚠ 本机时钟与服务器相差 %1 分钟</translation>
    </message>
</context>
<context>
    <name>TicketsDialog</name>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="96"/>
        <source>Tickets</source>
        <translation>号票处理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="101"/>
        <source>Waiting</source>
        <translation>等候中</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="102"/>
        <source>Parked</source>
        <translation>暂挂</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="103"/>
        <source>No-show</source>
        <translation>过号</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="104"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="112"/>
        <source>All queues</source>
        <translation>全部队列</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="121"/>
        <source>e.g. A012</source>
        <translation>如 A012</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="133"/>
        <source>&amp;Look up (Enter)</source>
        <translation>查找(&amp;L)（Enter）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="134"/>
        <source>&amp;Move to queue</source>
        <translation>移至队列(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="135"/>
        <source>Cance&amp;l ticket</source>
        <translation>取消号票(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="136"/>
        <source>&amp;Reactivate</source>
        <translation>恢复等候(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="137"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="151"/>
        <source>&amp;Status</source>
        <translation>状态(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="152"/>
        <source>&amp;Queue</source>
        <translation>队列(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="153"/>
        <source>N&amp;umber</source>
        <translation>号码(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="162"/>
        <source>&amp;To queue</source>
        <translation>目标队列(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="201"/>
        <source>%1   queue %2   waited %3</source>
        <translation>%1   队列 %2   已等 %3</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="211"/>
        <source>No ticket found.</source>
        <translation>没有找到号票。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="220"/>
        <source>The ticket is in that queue already: choose another queue.</source>
        <translation>号票已在该队列：请选择其他队列。</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="70"/>
        <source>Transfer the ticket (Ctrl+Enter to confirm)</source>
        <translation>转移（Ctrl+Enter 确认）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="71"/>
        <source>To a &amp;queue</source>
        <translation>转到队列(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="72"/>
        <source>To a &amp;window</source>
        <translation>转到窗口(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="104"/>
        <source>Choose the window to send the applicant to.</source>
        <translation>请选择要转去的窗口。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="91"/>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/queue_dialogs.py" line="107"/>
        <source>Choose a queue.</source>
        <translation>请选择一个队列。</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="327"/>
        <source>Unlock a user (Ctrl+Enter)</source>
        <translation>解锁用户（Ctrl+Enter 确定）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="331"/>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="340"/>
        <source>Type the user name to unlock.</source>
        <translation>请输入要解锁的用户名。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="345"/>
        <source>%1 is unlocked: they can sign in again now.</source>
        <translation>%1 已解锁：现在可以重新登录。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="347"/>
        <source>%1 was not locked: if they cannot sign in, check the user name and password.</source>
        <translation>%1 未被锁定：如仍无法登录，请核对用户名和密码。</translation>
    </message>
</context>
<context>
    <name>WorklistTab</name>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="86"/>
        <source>Case number, applicant name or ID number (Ctrl+F)</source>
        <translation>办件编号、申请人姓名或证件号码（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="90"/>
        <source>Every state</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="95"/>
        <source>Every item</source>
        <translation>全部事项</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="96"/>
        <source>Due &amp;soon</source>
        <translation>预警(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="97"/>
        <source>O&amp;verdue</source>
        <translation>超期(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="98"/>
        <source>&amp;Mine</source>
        <translation>我受理的(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="110"/>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="111"/>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="112"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="113"/>
        <source>Promised by</source>
        <translation>承诺办结日期</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="114"/>
        <source>Working days left</source>
        <translation>剩余工作日</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="115"/>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="116"/>
        <source>Accepted by</source>
        <translation>受理人</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="132"/>
        <source>Joint review &amp;opinion</source>
        <translation>会签意见(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="136"/>
        <source>Correction &amp;notice for the joint departments</source>
        <translation>联办补正通知书(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="241"/>
        <source>Waiting to be collected</source>
        <translation>待领取</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="243"/>
        <source>Clock stopped</source>
        <translation>计时已暂停</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/worklist_tab.py" line="245"/>
        <source>Clock stopped, %n working day(s) kept</source>
        <translation>
            <numerusform>计时已暂停，保留 %n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="247"/>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/worklist_tab.py" line="249"/>
        <source>Overdue by %n working day(s)</source>
        <translation>
            <numerusform>超期 %n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="251"/>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/worklist_tab.py" line="252"/>
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>剩余 %n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="300"/>
        <source>Joint review by %1</source>
        <translation>会签期限 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="311"/>
        <source>%1 of %2 shown</source>
        <translation>已显示 %1 件，共 %2 件</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="371"/>
        <source>Promised by %1</source>
        <translation>承诺办结日期：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="372"/>
        <source>Materials</source>
        <translation>材料</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="372"/>
        <source>Notices</source>
        <translation>文书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="372"/>
        <source>Timeline</source>
        <translation>办理过程</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="407"/>
        <source>Extension of %1 working day(s) asked: waiting for a supervisor&apos;s decision.</source>
        <translation>已申请延期 %1 个工作日，等待负责人审批。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="409"/>
        <source>Extension of %1 working day(s) approved by %2: take it with the Extend button.</source>
        <translation>%2 已批准延期 %1 个工作日：请点击“延期”按钮办理。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="411"/>
        <source>Extension refused by %2: %3</source>
        <translation>%2 未批准延期：%3</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="451"/>
        <source>Correction notice: print it for the applicant</source>
        <translation>补正通知书：请打印交申请人</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/worklist_tab.py" line="472"/>
        <source>%1: print the notice</source>
        <translation>%1：打印文书</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../counter_app/ui/app.py" line="59"/>
        <source>Hall server</source>
        <translation>大厅服务器</translation>
    </message>
</context>
<context>
    <name>case_course</name>
    <message>
        <location filename="../../counter_app/ui/case_course.py" line="32"/>
        <source>Accepted</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_course.py" line="35"/>
        <source>Review started</source>
        <translation>开始审核</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_course.py" line="41"/>
        <source>Correction asked</source>
        <translation>要求补正</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_course.py" line="43"/>
        <source>Special procedure</source>
        <translation>进入特别程序</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_course.py" line="47"/>
        <source>%1, until %2</source>
        <translation>%1，至%2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_course.py" line="54"/>
        <source>Extended by %1 working days</source>
        <translation>延期%1个工作日</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_course.py" line="61"/>
        <source>Decided: granted</source>
        <translation>审批决定：准予许可</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_course.py" line="63"/>
        <source>Decided: refused</source>
        <translation>审批决定：不予许可</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_course.py" line="65"/>
        <source>Completed</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_course.py" line="66"/>
        <source>Result collected or delivered</source>
        <translation>结果已领取或送达</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_course.py" line="68"/>
        <source>Withdrawn</source>
        <translation>申请人撤回</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_course.py" line="70"/>
        <source>Returned</source>
        <translation>退办</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_course.py" line="85"/>
        <source>Course of the case (the hall&apos;s record)</source>
        <translation>办理经过（大厅记录）</translation>
    </message>
</context>
<context>
    <name>case_history</name>
    <message>
        <location filename="../../counter_app/ui/case_history.py" line="66"/>
        <source>%1 working days</source>
        <translation>%1 个工作日</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_history.py" line="86"/>
        <source>agreed</source>
        <translation>同意</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_history.py" line="87"/>
        <source>disagreed</source>
        <translation>不同意</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_history.py" line="88"/>
        <source>asked for corrections</source>
        <translation>需补正</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_history.py" line="90"/>
        <source>Joint review opinion (%1)</source>
        <translation>会签意见（%1）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_history.py" line="106"/>
        <source>Application accepted</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_history.py" line="107"/>
        <source>Accepted and completed on the spot</source>
        <translation>受理并当场办结</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_history.py" line="110"/>
        <source>One-time notification issued</source>
        <translation>出具一次性告知书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_history.py" line="111"/>
        <source>Application refused</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_history.py" line="112"/>
        <source>Correction notice made for what the joint departments asked</source>
        <translation>为会签部门提出的补正要求出具补正通知书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_history.py" line="115"/>
        <source>Promised date recomputed (holiday calendar arrived)</source>
        <translation>承诺期限重新计算（节假日安排已发布）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_history.py" line="122"/>
        <source>Printed %1</source>
        <translation>打印 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_history.py" line="123"/>
        <source>Reprinted (补打) %1</source>
        <translation>补打 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_history.py" line="124"/>
        <source>Saved %1 as PDF</source>
        <translation>%1 另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_history.py" line="125"/>
        <source>Printing %1 failed</source>
        <translation>%1 打印失败</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_history.py" line="126"/>
        <source>Materials receipt list %1 made</source>
        <translation>出具材料接收清单 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_history.py" line="97"/>
        <location filename="../../counter_app/ui/case_history.py" line="138"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_history.py" line="143"/>
        <source>Now: %1</source>
        <translation>状态变为：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_history.py" line="146"/>
        <source>Other record</source>
        <translation>其他记录</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_history.py" line="154"/>
        <source>window %1</source>
        <translation>窗口 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/case_history.py" line="162"/>
        <source>dated %1</source>
        <translation>办理日期 %1</translation>
    </message>
</context>
<context>
    <name>durations</name>
    <message>
        <location filename="../../counter_app/ui/durations.py" line="14"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/durations.py" line="16"/>
        <source>under 1 min</source>
        <translation>不到 1 分钟</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/durations.py" line="18"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/durations.py" line="20"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../counter_app/ui/errors.py" line="20"/>
        <source>The local database is busy (another copy of the program may be open). Nothing was saved; close the other copy and try again.</source>
        <translation>本地数据库正忙（可能另开了一个程序）。本次未保存任何内容；请关闭另一个程序后重试。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/errors.py" line="26"/>
        <source>The disk is full. Nothing was saved; ask IT to free disk space, then try again.</source>
        <translation>磁盘已满。本次未保存任何内容；请联系信息技术人员清理磁盘后重试。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/errors.py" line="32"/>
        <source>The local data could not be written. Nothing was saved; try again or call IT.</source>
        <translation>本地数据无法写入。本次未保存任何内容；请重试或联系信息技术人员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/errors.py" line="36"/>
        <source>An unexpected error happened. Nothing was saved; try again or call IT.</source>
        <translation>发生意外错误。本次未保存任何内容；请重试或联系信息技术人员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/errors.py" line="44"/>
        <source>(for IT: %1)</source>
        <translation>（供信息技术人员查看：%1）</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="14"/>
        <source>Instant</source>
        <translation>即办件</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="15"/>
        <source>Promised</source>
        <translation>承诺件</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="16"/>
        <source>Joint approval</source>
        <translation>并联件</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="17"/>
        <source>Reported upwards</source>
        <translation>上报件</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="23"/>
        <source>Notified, waiting for materials</source>
        <translation>已一次性告知，待补材料</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="24"/>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="25"/>
        <source>Under review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="26"/>
        <source>Awaiting corrected materials</source>
        <translation>补正中</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="27"/>
        <source>Decided</source>
        <translation>已审批</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="28"/>
        <source>Suspended</source>
        <translation>特别程序中</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="29"/>
        <source>Completed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="30"/>
        <source>Returned</source>
        <translation>已退办</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="31"/>
        <source>Refused</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="32"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="33"/>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="39"/>
        <source>Received</source>
        <translation>已收</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="40"/>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="41"/>
        <source>Needs correction</source>
        <translation>需补正</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="42"/>
        <source>Not applicable</source>
        <translation>不涉及</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="48"/>
        <source>At the window</source>
        <translation>窗口办理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="49"/>
        <source>By appointment</source>
        <translation>预约办理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="50"/>
        <source>Green channel</source>
        <translation>绿色通道</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="51"/>
        <source>Full agency service</source>
        <translation>全程代办</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="52"/>
        <source>Home visit</source>
        <translation>上门服务</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="53"/>
        <source>After hours</source>
        <translation>延时服务</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="59"/>
        <source>Original</source>
        <translation>原件</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="60"/>
        <source>Copy</source>
        <translation>复印件</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="61"/>
        <source>Original and copy</source>
        <translation>原件及复印件</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="67"/>
        <source>Acceptance notice</source>
        <translation>受理通知书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="68"/>
        <source>Processing slip</source>
        <translation>办理通知书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="69"/>
        <source>Joint approval acceptance notice</source>
        <translation>并联审批受理通知书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="70"/>
        <source>Joint approval processing slip</source>
        <translation>并联审批办理通知书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="71"/>
        <source>Completion notice</source>
        <translation>办结通知书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="72"/>
        <location filename="../../counter_app/ui/labels.py" line="91"/>
        <source>One-time notification</source>
        <translation>一次性告知书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="73"/>
        <source>Refusal notice</source>
        <translation>不予受理通知书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="74"/>
        <source>Materials receipt list</source>
        <translation>材料接收清单</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="75"/>
        <source>Correction notice</source>
        <translation>补正通知书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="76"/>
        <source>Special procedure notice</source>
        <translation>特别程序告知书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="77"/>
        <source>Extension notice</source>
        <translation>延期告知书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="78"/>
        <source>Decision refusing the licence</source>
        <translation>不予许可决定书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="79"/>
        <source>Return notice</source>
        <translation>退办通知书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="80"/>
        <source>Completion notice (result)</source>
        <translation>办结通知书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="81"/>
        <source>Pickup receipt</source>
        <translation>领取回执</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="82"/>
        <source>Proof of service</source>
        <translation>送达回证</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="89"/>
        <source>Acceptance</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="90"/>
        <source>Instant completion</source>
        <translation>即办办结</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="92"/>
        <source>Refusal</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="93"/>
        <source>Change of case state</source>
        <translation>办件状态变更</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="94"/>
        <source>Review started</source>
        <translation>开始审核</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="95"/>
        <source>Correction requested</source>
        <translation>要求补正</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="96"/>
        <source>Corrected materials received</source>
        <translation>补正材料已收</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="97"/>
        <source>Special procedure started</source>
        <translation>进入特别程序</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="98"/>
        <source>Special procedure ended</source>
        <translation>特别程序结束</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="99"/>
        <source>Extension approved</source>
        <translation>批准延期</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="100"/>
        <source>Decision</source>
        <translation>审批决定</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="101"/>
        <source>Completion</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="102"/>
        <source>Result delivered</source>
        <translation>结果已送达</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="103"/>
        <source>Case returned</source>
        <translation>退办</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="104"/>
        <source>Withdrawn by the applicant</source>
        <translation>申请人撤回</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="105"/>
        <source>Deadline recomputed</source>
        <translation>期限重新计算</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="106"/>
        <source>Consultation</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="107"/>
        <source>Notice printed</source>
        <translation>打印文书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="108"/>
        <source>Notice reprinted</source>
        <translation>补打文书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="109"/>
        <source>Materials receipt printed</source>
        <translation>打印材料接收清单</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="110"/>
        <source>Printing failed</source>
        <translation>打印失败</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="111"/>
        <source>Notice saved as PDF</source>
        <translation>文书另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="112"/>
        <source>Visit recorded</source>
        <translation>接待记录</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="113"/>
        <source>Applicant&apos;s rating</source>
        <translation>办事人评价</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="121"/>
        <source>Hearing</source>
        <translation>听证</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="122"/>
        <source>Inspection or testing</source>
        <translation>检验检测</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="123"/>
        <source>Expert review</source>
        <translation>专家评审</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="124"/>
        <source>Public notice</source>
        <translation>公示</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="125"/>
        <source>On-site verification</source>
        <translation>现场勘查</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/labels.py" line="126"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>message_text</name>
    <message>
        <location filename="../../counter_app/ui/message_text.py" line="16"/>
        <source>Acceptance notice</source>
        <translation>受理通知</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/message_text.py" line="17"/>
        <source>Correction request</source>
        <translation>补正通知</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/message_text.py" line="18"/>
        <source>Result ready for pickup</source>
        <translation>领取通知</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/message_text.py" line="19"/>
        <source>Deadline warning to the department</source>
        <translation>超期预警（部门）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/message_text.py" line="21"/>
        <source>Text message</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/message_text.py" line="26"/>
        <source>waiting to be sent</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/message_text.py" line="27"/>
        <source>being sent</source>
        <translation>发送中</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/message_text.py" line="28"/>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/message_text.py" line="29"/>
        <source>logged only (no SMS provider set up)</source>
        <translation>仅记录（未配置短信平台）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/message_text.py" line="30"/>
        <source>not sent: the provider refused it or every attempt failed</source>
        <translation>发送失败：短信平台拒收或多次重试均未成功</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/message_text.py" line="33"/>
        <source>may not have arrived: check with the provider</source>
        <translation>送达状态不明，请向短信平台核实</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/message_text.py" line="36"/>
        <source>delivered to the phone</source>
        <translation>已送达手机</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/message_text.py" line="37"/>
        <source>not delivered: the carrier could not reach the phone</source>
        <translation>未送达：运营商未能送达该手机</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/message_text.py" line="54"/>
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>共尝试%n次</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/message_text.py" line="63"/>
        <source>Text messages</source>
        <translation>短信通知</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="53"/>
        <source>Not one of the allowed values.</source>
        <translation>不是允许的取值。</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="62"/>
        <source>Not a whole number in the allowed range.</source>
        <translation>不是允许范围内的整数。</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="91"/>
        <source>Write the hall server&apos;s address like https://hall-server:8750.</source>
        <translation>大厅服务器地址请写成 https://hall-server:8750 这样的格式。</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="98"/>
        <source>Write the hall server&apos;s address plainly, like https://hall-server:8750: no user name or @, no \, %, spaces, ? or #, only letters, digits, dots and hyphens in the server&apos;s name.</source>
        <translation>大厅服务器地址请按 https://hall-server:8750 的格式直接书写：不得含用户名或 @，不得含 \、%、空格、? 或 #，服务器名只能由字母、数字、点和连字符组成。</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="117"/>
        <source>No such file: install the hall&apos;s CA certificate file there, or leave the setting empty to use the system&apos;s certificates.</source>
        <translation>文件不存在：请将大厅的 CA 证书文件安装到该位置，或将此项留空以使用系统自带的证书。</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="128"/>
        <source>Not a file of CA certificates in PEM form (lines -----BEGIN CERTIFICATE----- …).</source>
        <translation>不是 PEM 格式的 CA 证书文件（应包含 -----BEGIN CERTIFICATE----- 等行）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="136"/>
        <source>The file cannot be read: {reason}.</source>
        <translation>无法读取该文件：{reason}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="151"/>
        <source>An enrolment code is twelve letters and digits, like ABCD-EFGH-JKMN.</source>
        <translation>登记码为 12 位字母和数字，如 ABCD-EFGH-JKMN。</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="444"/>
        <source>IT has fixed this setting for the hall.</source>
        <translation>该设置已由信息技术人员统一配置，不能修改。</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="448"/>
        <source>This setting comes from the hall server or the command line.</source>
        <translation>此设置来自大厅服务器或命令行，此处不能修改。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/notices.py" line="25"/>
        <source>The notice was not found in the local cache.</source>
        <translation>本地缓存中找不到该文书。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/notices.py" line="26"/>
        <source>The case was not found in the local cache.</source>
        <translation>本地缓存中找不到该办件。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/intake.py" line="44"/>
        <source>The holiday calendar of {years} is not published yet: the due date is counted on weekends only and marked provisional. It is recomputed when the calendar arrives.</source>
        <translation>{years}年节假日安排尚未发布：办结日期暂按双休日计算并标注为暂定，节假日数据到达后将自动重新计算。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/intake.py" line="49"/>
        <source>The case to resume was not found in the local cache.</source>
        <translation>本地缓存中找不到要继续办理的办件。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/intake.py" line="50"/>
        <source>The returning application is for another item.</source>
        <translation>补件办件对应的是另一个事项。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/case.py" line="85"/>
        <source>A case in state “{state}” cannot change to “{target}”.</source>
        <translation>处于“{state}”状态的办件不能变为“{target}”。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/case.py" line="86"/>
        <source>Not every required material is received: issue a one-time notice instead.</source>
        <translation>必需材料尚未全部收取：请改为出具一次性告知书。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/case.py" line="89"/>
        <source>Mark at least one material as missing or to be corrected.</source>
        <translation>请至少将一项材料标记为缺少或需补正。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/case.py" line="92"/>
        <source>Say what is wrong with each material to be corrected.</source>
        <translation>请写明每项需补正材料存在的问题。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/case.py" line="93"/>
        <source>This item is not an instant item (即办件).</source>
        <translation>该事项不是即办件。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/text.py" line="10"/>
        <source>This field is required.</source>
        <translation>此项必填。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/text.py" line="11"/>
        <source>Too long: at most {limit} characters.</source>
        <translation>内容过长：最多 {limit} 个字符。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/text.py" line="12"/>
        <source>Contains invisible control characters: retype it.</source>
        <translation>包含不可见的控制字符：请重新输入。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/text.py" line="13"/>
        <source>Enter a phone number of 7 to 20 digits (a leading + and - are allowed).</source>
        <translation>请输入 7 到 20 位数字的电话号码（可含开头的 + 和 -）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/text.py" line="17"/>
        <source>Enter a phone number or a service hotline of 3 to 20 digits (such as 12345).</source>
        <translation>请输入电话号码或 3 到 20 位数字的服务热线（如 12345）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/identity.py" line="59"/>
        <source>Enter the ID number.</source>
        <translation>请输入证件号码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/identity.py" line="60"/>
        <source>The ID number has the wrong length.</source>
        <translation>证件号码位数不正确。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/identity.py" line="61"/>
        <source>The ID number has the wrong format.</source>
        <translation>证件号码格式不正确。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/identity.py" line="62"/>
        <source>The check digit of the ID number is wrong: check the number on the document.</source>
        <translation>证件号码校验位不正确：请与证件原件逐位核对。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/identity.py" line="65"/>
        <source>The region code or the birth date inside the ID number is not valid.</source>
        <translation>证件号码中的地区码或出生日期无效。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/identity.py" line="68"/>
        <source>This document type does not fit the kind of applicant.</source>
        <translation>该证件类型与申请人类型不符。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/numbering.py" line="20"/>
        <source>The hall code must be 6 to 12 digits.</source>
        <translation>大厅编码须为 6 到 12 位数字。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/numbering.py" line="21"/>
        <source>The device code must be 2 to 6 upper-case letters or digits, starting with a letter.</source>
        <translation>设备编码须为 2 到 6 位大写字母或数字，以字母开头。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/numbering.py" line="24"/>
        <source>This device has used all 9999 numbers of the day for this series.</source>
        <translation>本设备当日该类编号已用完（9999 个）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/hall_link.py" line="24"/>
        <source>{reason}</source>
        <translation>{reason}</translation>
    </message>
    <message>
        <location filename="../../counter_app/sync/account.py" line="24"/>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <location filename="../../counter_app/sync/account.py" line="25"/>
        <source>The hall server cannot be reached and this user has not signed in online on this PC before: sign in once when the network is back.</source>
        <translation>无法连接大厅服务器，且该用户此前从未在本机在线登录：请在网络恢复后先在线登录一次。</translation>
    </message>
    <message>
        <location filename="../../counter_app/sync/account.py" line="30"/>
        <source>The hall server cannot be reached and this user&apos;s last online sign-in here is older than {days} days: sign in online first.</source>
        <translation>无法连接大厅服务器，且该用户在本机最近一次在线登录已超过 {days} 天：请先在线登录。</translation>
    </message>
    <message>
        <location filename="../../counter_app/sync/account.py" line="35"/>
        <source>Too many wrong passwords while offline: this user is locked until an online sign-in.</source>
        <translation>离线时密码错误次数过多：该用户已被锁定，在线登录后方可解除。</translation>
    </message>
    <message>
        <location filename="../../counter_app/sync/account.py" line="38"/>
        <source>This user has been revoked by the hall.</source>
        <translation>该用户已被大厅停用。</translation>
    </message>
    <message>
        <location filename="../../counter_app/sync/account.py" line="39"/>
        <source>This PC is not enrolled with the hall server: IT enrols it with a one-time code.</source>
        <translation>本机尚未在大厅服务器注册：请由信息技术人员使用一次性注册码注册本机。</translation>
    </message>
    <message>
        <location filename="../../counter_app/sync/account.py" line="42"/>
        <source>The enrolment code is wrong, used or expired: ask IT for a new one.</source>
        <translation>注册码错误、已使用或已过期：请向信息技术人员索取新的注册码。</translation>
    </message>
    <message>
        <location filename="../../counter_app/sync/account.py" line="45"/>
        <source>The hall server refused: {reason}</source>
        <translation>被大厅服务器拒绝：{reason}</translation>
    </message>
    <message>
        <location filename="../../counter_app/sync/account.py" line="46"/>
        <source>Another PC of this hall already works under this code&apos;s device code. If this PC replaces it, IT makes a replacement code; otherwise IT gives this PC a device code of its own.</source>
        <translation>本大厅已有另一台电脑在使用此注册码对应的设备编号。如本机用于替换那台电脑，请信息技术人员生成替换用注册码；否则请信息技术人员为本机分配单独的设备编号。</translation>
    </message>
    <message>
        <location filename="../../counter_app/sync/account.py" line="51"/>
        <source>Too many failed attempts: wait {seconds} seconds, then try again.</source>
        <translation>失败次数过多：请等待 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <location filename="../../counter_app/sync/account.py" line="54"/>
        <source>Too many wrong passwords: this user is locked for a while. A supervisor can unlock it now.</source>
        <translation>密码错误次数过多：该用户已被暂时锁定，可请值班长立即解锁。</translation>
    </message>
    <message>
        <location filename="../../counter_app/sync/account.py" line="58"/>
        <source>The hall server cannot be reached: check the network and the address.</source>
        <translation>无法连接大厅服务器：请检查网络和服务器地址。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/visits.py" line="79"/>
        <source>Choose one of the five ratings.</source>
        <translation>请选择五个评价中的一个。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/visits.py" line="82"/>
        <source>Tick at least one reason.</source>
        <translation>请至少选择一项原因。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/context.py" line="38"/>
        <source>A supervisor&apos;s sign-in watches the hall and cannot record cases: sign in as a clerk.</source>
        <translation>值班长账号只能监控大厅，不能登记办件：请以窗口工作人员身份登录。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/case_steps.py" line="100"/>
        <source>The case is completed after its promised date: give the reason for the delay.</source>
        <translation>办结时已超过承诺期限：请填写超时说明。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/case_steps.py" line="103"/>
        <source>Enter the fee in yuan, such as 0, 15 or 120.50 (at most two decimals, up to 10,000,000).</source>
        <translation>请以元为单位填写收费金额，如 0、15 或 120.50（最多两位小数，不超过 10,000,000 元）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/case_steps.py" line="106"/>
        <source>Enter a whole number of working days from 1 to {limit}.</source>
        <translation>请填写 1 至 {limit} 之间的整数工作日。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/case_steps.py" line="107"/>
        <location filename="../../counter_app/domain/joint.py" line="55"/>
        <source>Choose one of the offered values.</source>
        <translation>请从给出的选项中选择。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/case_steps.py" line="108"/>
        <source>The collector&apos;s ID number matches neither the applicant nor the recorded agent: only they may collect.</source>
        <translation>领取人的证件号码与申请人和登记的代理人均不一致：只有他们本人可以领取。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/case_steps.py" line="112"/>
        <source>Only a case whose clock is running can be extended (accepted, under review or decided).</source>
        <translation>只有办理时限正在计算的办件（已受理、审核中或已审批）才能延期。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/case_steps.py" line="115"/>
        <source>An extension needs a supervisor&apos;s approval: a chief or a supervisor must sign it.</source>
        <translation>延期须经负责人批准：请首席代表或督查人员签批。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/case_steps.py" line="118"/>
        <source>An extension of this case is already waiting for a supervisor&apos;s decision.</source>
        <translation>该办件已有延期申请等待负责人审批。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/case_steps.py" line="121"/>
        <source>No extension of this case is waiting for a decision.</source>
        <translation>该办件没有待审批的延期申请。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/case_steps.py" line="122"/>
        <source>The date of this step is before the case&apos;s previous step: check the PC&apos;s date.</source>
        <translation>本步骤的日期早于该办件的上一步骤：请检查本机日期。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/joint.py" line="36"/>
        <source>This case has no part for your department to answer.</source>
        <translation>本件没有需要本部门会签的内容。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/joint.py" line="37"/>
        <source>No joint department is waiting for corrections on this case: there is no notice to issue.</source>
        <translation>本件没有会签部门提出的待补正要求，无需出具补正通知书。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/joint.py" line="40"/>
        <source>Your department&apos;s part of this case is already answered ({state}): reopen the case to see it.</source>
        <translation>本部门已对本件出具会签意见（{state}），请重新打开办件查看。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/joint.py" line="44"/>
        <source>The case is “{state}”: its parts can no longer be answered.</source>
        <translation>本件已“{state}”，不能再出具会签意见。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/joint.py" line="45"/>
        <source>The case is “{state}”: corrections can be asked only while its clock runs.</source>
        <translation>本件已“{state}”，只能在办理计时期间提出补正。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/joint.py" line="48"/>
        <source>Give your department&apos;s reasons: a disagreement or a request for corrections needs them.</source>
        <translation>请填写理由：不同意或需补正的会签意见须说明理由。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/joint.py" line="51"/>
        <source>Not every joint department has agreed yet ({parts}): the licence can be granted and the case completed only when all have.</source>
        <translation>尚有会签部门未同意（{parts}），全部同意后方可作出准予许可决定并办结。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/joint.py" line="56"/>
        <source>Name each attached document (at most 20).</source>
        <translation>请逐一填写所附文书名称（最多20件）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/joint.py" line="172"/>
        <source>Name at least one material and what is wrong with it.</source>
        <translation>请至少列出一项材料及其存在的问题。</translation>
    </message>
    <message>
        <location filename="../../counter_app/domain/case_steps.py" line="125"/>
        <source>A refusal of the licence needs its reasons and its legal basis.</source>
        <translation>不予许可须写明理由和法律依据。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/casework.py" line="35"/>
        <source>The case was not found in this window&apos;s cache.</source>
        <translation>本窗口的本地缓存中找不到该办件。</translation>
    </message>
    <message>
        <location filename="../../counter_app/services/casework.py" line="36"/>
        <source>The case changed meanwhile (it is now “{state}”): reopen it and check before going on.</source>
        <translation>该办件已有变化（现为“{state}”）：请重新打开核对后再继续。</translation>
    </message>
</context>
<context>
    <name>monitor</name>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="39"/>
        <source>The hall server cannot be reached: try again when the network is back.</source>
        <translation>无法连接大厅服务器：网络恢复后请重试。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="42"/>
        <source>Sign in again (click the sync status at the bottom).</source>
        <translation>请重新登录（点击底部的同步状态）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="45"/>
        <source>The hall server gave an answer this program does not understand: call IT.</source>
        <translation>大厅服务器的应答无法识别：请联系信息技术人员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="48"/>
        <source>Only supervisors see the hall monitor: sign in as a supervisor.</source>
        <translation>只有值班长可以查看大厅监控：请以值班长身份登录。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="51"/>
        <source>That ticket is not waiting any more (it was called or closed): look again.</source>
        <translation>该号已不在等候（已被呼叫或已结束）：请重新查找。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="54"/>
        <source>Only an absent or cancelled ticket can be reactivated.</source>
        <translation>只有过号或已取消的号票可以恢复。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="57"/>
        <source>That ticket no longer exists: look again.</source>
        <translation>该号票已不存在：请重新查找。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="58"/>
        <source>There is no such queue in this hall: choose one from the list.</source>
        <translation>本大厅没有这个队列：请从列表中选择。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="61"/>
        <source>That window serves no queue in the hall layout: choose another.</source>
        <translation>该窗口不在大厅叫号配置中：请选择其他窗口。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="64"/>
        <source>A message is 1 to 500 characters.</source>
        <translation>消息为 1 至 500 个字。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="65"/>
        <source>The hall has no such case: read the list again.</source>
        <translation>大厅没有该办件：请重新读取列表。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="68"/>
        <source>Someone decided it already, or the case moved on: the list is read again.</source>
        <translation>该申请已被他人审批，或办件状态已变化：列表已重新读取。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="71"/>
        <source>Say why the extension is refused (at most 500 characters).</source>
        <translation>请填写不批准延期的理由（不超过500字）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="74"/>
        <source>The hall server refused the request: %1</source>
        <translation>大厅服务器拒绝了请求：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_dialogs.py" line="76"/>
        <source>The hall server refused: %1</source>
        <translation>大厅服务器拒绝：%1</translation>
    </message>
</context>
<context>
    <name>monitor_text</name>
    <message>
        <location filename="../../counter_app/ui/monitor_text.py" line="21"/>
        <source>window %1</source>
        <translation>窗口 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_text.py" line="29"/>
        <source>Queue %1: the first in line has waited %2</source>
        <translation>队列 %1：排在最前的已等候 %2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_text.py" line="34"/>
        <source>no reason given</source>
        <translation>未填写原因</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_text.py" line="36"/>
        <source>%1 paused for %2 (%3)</source>
        <translation>%1 已暂停 %2（%3）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_text.py" line="43"/>
        <source>Number %1 was made twice (%2): the second record is kept as %3; check device codes</source>
        <translation>编号 %1 重复（%2）：后到的记录已登记为 %3；请检查设备编号</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_text.py" line="48"/>
        <source>Notice number %1 was made twice (%2): check device codes</source>
        <translation>文书编号 %1 重复（%2）：请检查设备编号</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_text.py" line="56"/>
        <source>Case %1 (%2, %3) is past its promised date %4</source>
        <translation>办件 %1（%2，%3）已超过承诺办结日期 %4</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_text.py" line="58"/>
        <source>Case %1 (%2, %3) is due by %4</source>
        <translation>办件 %1（%2，%3）将于 %4 到期</translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/monitor_text.py" line="70"/>
        <source>%n overdue</source>
        <translation>
            <numerusform>超期 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/monitor_text.py" line="72"/>
        <source>%n due soon</source>
        <translation>
            <numerusform>预警 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_text.py" line="75"/>
        <source>%1: %2; first due %3 (%4)</source>
        <translation>%1：%2；最早到期 %3（%4）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/monitor_text.py" line="77"/>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="16"/>
        <source>No printer is set for this window and the computer has no default printer. Ask IT to choose one in Settings.</source>
        <translation>本窗口未设置打印机，本机也没有默认打印机。请联系信息技术人员在“设置”中选择打印机。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="21"/>
        <source>The print service (CUPS) is not running on this computer. Ask IT to start it, then print again.</source>
        <translation>本机的打印服务（CUPS）未运行。请联系信息技术人员启动打印服务后重新打印。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="25"/>
        <source>The print service gave an answer the program does not understand. Print again; if it happens again, call IT.</source>
        <translation>打印服务返回了无法识别的应答。请重新打印；如再次出现，请联系信息技术人员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="30"/>
        <source>The printer “%1” is not installed on this computer (renamed or removed). Choose another one in Settings or call IT.</source>
        <translation>本机未安装打印机“%1”（可能已改名或删除）。请在“设置”中另选打印机，或联系信息技术人员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="35"/>
        <source>The printer “%1” is not accepting jobs. Ask IT to enable its queue, then print again.</source>
        <translation>打印机“%1”目前不接受打印任务。请联系信息技术人员启用该打印队列后重新打印。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="39"/>
        <source>The printer “%1” gave up on the job (paper jam, no paper or a driver fault). Check the printer, then print again.</source>
        <translation>打印机“%1”中止了打印任务（卡纸、缺纸或驱动故障）。请检查打印机后重新打印。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="44"/>
        <source>The job was cancelled at the printer “%1”. Print again when the printer is ready.</source>
        <translation>打印任务已在打印机“%1”上被取消。打印机就绪后请重新打印。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="47"/>
        <source>The printer “%1” did not finish in time; the job was cancelled so that no copy comes out later. Check that it is on, online and has paper, then print again.</source>
        <translation>打印机“%1”未在规定时间内完成打印，该任务已取消，之后不会再打出。请检查打印机是否开机、联机、有纸，然后重新打印。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="52"/>
        <source>The notice could not be read back for printing. Print again; if it fails again, call IT.</source>
        <translation>文书无法读取以供打印。请重新打印；如再次失败，请联系信息技术人员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="56"/>
        <source>The printer “%1” refused the job. Check that it is on and has paper, then print again.</source>
        <translation>打印机“%1”拒绝了打印任务。请检查打印机是否开机、有纸，然后重新打印。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="66"/>
        <source>out of paper</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="67"/>
        <source>paper needed</source>
        <translation>需要装纸</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="68"/>
        <source>paper jam</source>
        <translation>卡纸</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="69"/>
        <source>paper low</source>
        <translation>纸张将尽</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="70"/>
        <source>out of toner</source>
        <translation>墨粉已用完</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="71"/>
        <source>toner low</source>
        <translation>墨粉不足</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="72"/>
        <source>out of ink or toner</source>
        <translation>墨水或墨粉已用完</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="73"/>
        <source>a cover is open</source>
        <translation>机盖未关</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="74"/>
        <source>a door is open</source>
        <translation>机门未关</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="75"/>
        <source>the printer is paused</source>
        <translation>打印机已暂停</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="76"/>
        <source>the printer is stopped</source>
        <translation>打印机已停止</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="77"/>
        <source>the printer is partly stopped</source>
        <translation>打印机部分停止</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="78"/>
        <source>the printer is offline</source>
        <translation>打印机脱机</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="79"/>
        <source>the printer is switched off</source>
        <translation>打印机已关机</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="80"/>
        <source>connecting to the printer</source>
        <translation>正在连接打印机</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="81"/>
        <source>the printer does not answer</source>
        <translation>打印机无响应</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="82"/>
        <location filename="../../counter_app/ui/print_texts.py" line="83"/>
        <source>the job is held</source>
        <translation>任务被挂起</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="84"/>
        <source>printing</source>
        <translation>正在打印</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="85"/>
        <source>arriving at the printer</source>
        <translation>正在传送到打印机</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="86"/>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="87"/>
        <source>queued in the printer</source>
        <translation>在打印机内排队</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="88"/>
        <source>cancelled by a user</source>
        <translation>已被用户取消</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="89"/>
        <source>cancelled at the printer</source>
        <translation>已在打印机上取消</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="90"/>
        <source>stopped by the print system</source>
        <translation>被打印系统中止</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="91"/>
        <source>the job is stopped</source>
        <translation>任务已停止</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="92"/>
        <location filename="../../counter_app/ui/print_texts.py" line="95"/>
        <source>the printer cannot read the document</source>
        <translation>打印机无法读取该文书</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="115"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="116"/>
        <source>the print system said: “%1”</source>
        <translation>打印系统原话：“%1”</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="122"/>
        <source>the default printer</source>
        <translation>默认打印机</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="125"/>
        <location filename="../../counter_app/ui/print_texts.py" line="139"/>
        <source> (%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="133"/>
        <source>Printing on %1…</source>
        <translation>正在打印机“%1”上打印…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="135"/>
        <source>Printed on %1.</source>
        <translation>已在打印机“%1”上打印完成。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/print_texts.py" line="137"/>
        <source>Waiting in the queue of %1…</source>
        <translation>正在打印机“%1”的队列中等待…</translation>
    </message>
</context>
<context>
    <name>queue</name>
    <message>
        <location filename="../../counter_app/ui/ticket_kinds.py" line="8"/>
        <source>Green channel</source>
        <translation>绿色通道</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/ticket_kinds.py" line="9"/>
        <source>Elderly</source>
        <translation>老年</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/ticket_kinds.py" line="10"/>
        <source>Disabled</source>
        <translation>残疾人</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/ticket_kinds.py" line="11"/>
        <source>Appointment</source>
        <translation>预约</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/ticket_kinds.py" line="12"/>
        <source>No-ticket visit</source>
        <translation>无号接待</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="163"/>
        <source>Hall name</source>
        <translation>大厅名称</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="170"/>
        <source>Hall code</source>
        <translation>大厅编码</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="177"/>
        <source>Device code</source>
        <translation>设备编码</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="181"/>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="185"/>
        <source>Departments served (codes, comma separated; empty: the window&apos;s)</source>
        <translation>受理部门（编码，逗号分隔；留空：窗口所属部门）</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="192"/>
        <source>Hall address</source>
        <translation>大厅地址</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="196"/>
        <source>Complaint phone</source>
        <translation>监督投诉电话</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="200"/>
        <source>Progress query phone</source>
        <translation>进度查询电话</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="207"/>
        <source>Where to query progress online</source>
        <translation>网上进度查询地址</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="214"/>
        <source>Where results are collected</source>
        <translation>结果领取地点</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="221"/>
        <source>Administrative reconsideration body</source>
        <translation>行政复议机关</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="228"/>
        <source>Court for administrative litigation</source>
        <translation>行政诉讼法院</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="235"/>
        <source>Working days the applicant has to bring missing materials</source>
        <translation>一次性告知后补齐材料的期限（工作日）</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="242"/>
        <source>Overdue warning: working days left at or below which a case is flagged</source>
        <translation>超期预警：剩余工作日不多于此数时提示预警</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="251"/>
        <source>Hall server address (https://…; empty: this window works alone)</source>
        <translation>大厅服务器地址（https://…；留空：本窗口单机办理）</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="258"/>
        <source>CA certificates for the hall server (PEM file; empty: the system&apos;s)</source>
        <translation>大厅服务器 CA 证书（PEM 文件；留空：使用系统证书）</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="265"/>
        <source>One-time enrolment code for this PC (preseeded by IT; used once)</source>
        <translation>本机一次性注册码（由信息技术人员预置，仅用一次）</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="272"/>
        <source>Allow plain HTTP to a hall server that is not on this PC</source>
        <translation>允许通过明文 HTTP 连接非本机的大厅服务器</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="280"/>
        <source>Seconds between sync rounds when nothing changes</source>
        <translation>无数据变化时的同步间隔（秒）</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="284"/>
        <source>Clerk name</source>
        <translation>经办人姓名</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="288"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="295"/>
        <source>Printer for A4 notices (empty: system default)</source>
        <translation>A4 文书打印机（留空：系统默认）</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="302"/>
        <source>Printer for receipts (empty: the A4 printer)</source>
        <translation>回执打印机（留空：同 A4 打印机）</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="309"/>
        <source>Paper for the acceptance receipt</source>
        <translation>受理回执纸张</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="316"/>
        <source>Seconds to wait for a printer to finish a notice before the job is cancelled</source>
        <translation>等待打印机打完一份文书的秒数（超时则取消该任务）</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="325"/>
        <source>Applicant rating screen</source>
        <translation>好差评评价屏</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="332"/>
        <source>Also print the department&apos;s processing slip</source>
        <translation>同时打印部门办理通知书</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="339"/>
        <source>Notice title font (empty: a Xiaobiaosong title face when one is installed; or a font file or family name; &apos;bundled&apos;: the program&apos;s own font)</source>
        <translation>通知书标题字体（留空：已安装小标宋字体时自动使用；也可填字体文件路径或字体名称；填“随程序字体”：只用程序自带字体）</translation>
    </message>
    <message>
        <location filename="../../counter_app/settings/__init__.py" line="350"/>
        <source>Notice body font (empty: a FangSong body face when one is installed; or a font file or family name; &apos;bundled&apos;: the program&apos;s own font)</source>
        <translation>通知书正文字体（留空：已安装仿宋字体时自动使用；也可填字体文件路径或字体名称；填“随程序字体”：只用程序自带字体）</translation>
    </message>
</context>
<context>
    <name>startup</name>
    <message>
        <location filename="../../counter_app/startup.py" line="80"/>
        <source>Settings file is wrong</source>
        <translation>设置文件有误</translation>
    </message>
    <message>
        <location filename="../../counter_app/startup.py" line="81"/>
        <source>Database from a newer version</source>
        <translation>数据库来自较新版本的程序</translation>
    </message>
    <message>
        <location filename="../../counter_app/startup.py" line="82"/>
        <source>Database in use</source>
        <translation>数据库正被占用</translation>
    </message>
    <message>
        <location filename="../../counter_app/startup.py" line="83"/>
        <source>Database cannot be read</source>
        <translation>数据库无法读取</translation>
    </message>
    <message>
        <location filename="../../counter_app/startup.py" line="84"/>
        <source>Data folder cannot be used</source>
        <translation>数据文件夹无法使用</translation>
    </message>
    <message>
        <location filename="../../counter_app/startup.py" line="85"/>
        <source>The program could not start</source>
        <translation>程序无法启动</translation>
    </message>
    <message>
        <location filename="../../counter_app/startup.py" line="87"/>
        <source>The system-wide settings file {path} has a bad value for {key} ({label}): {value}. {reason} Nothing was changed. Ask IT to correct this line in the file.</source>
        <translation>全局设置文件 {path} 中 {key}（{label}）的值有误：{value}。{reason}未做任何改动。请联系信息技术人员更正文件中的这一行。</translation>
    </message>
    <message>
        <location filename="../../counter_app/startup.py" line="92"/>
        <source>The settings file of this PC {path} has a bad value for {key} ({label}): {value}. {reason} Nothing was changed. Correct or delete this line in the file, or ask IT.</source>
        <translation>本机设置文件 {path} 中 {key}（{label}）的值有误：{value}。{reason}未做任何改动。请更正或删除文件中的这一行，或联系信息技术人员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/startup.py" line="97"/>
        <source>The system-wide settings file {path} cannot be read: {detail}. The file must start with the line [counter], followed by lines of the form key = value, saved as UTF-8 text. Nothing was changed. Ask IT to correct the file.</source>
        <translation>全局设置文件 {path} 无法读取：{detail}。该文件第一行须为 [counter]，其后每行格式为 key = value，并以 UTF-8 编码保存。未做任何改动。请联系信息技术人员更正该文件。</translation>
    </message>
    <message>
        <location filename="../../counter_app/startup.py" line="103"/>
        <source>The settings file of this PC {path} cannot be read: {detail}. The file must start with the line [counter], followed by lines of the form key = value, saved as UTF-8 text. Nothing was changed. Correct the file or delete it (the settings go back to their defaults), or ask IT.</source>
        <translation>本机设置文件 {path} 无法读取：{detail}。该文件第一行须为 [counter]，其后每行格式为 key = value，并以 UTF-8 编码保存。未做任何改动。请更正该文件，或将其删除（设置将恢复默认值），或联系信息技术人员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/startup.py" line="109"/>
        <source>A settings file is wrong: {detail}. Nothing was changed. Ask IT to correct it.</source>
        <translation>设置文件有误：{detail}。未做任何改动。请联系信息技术人员更正。</translation>
    </message>
    <message>
        <location filename="../../counter_app/startup.py" line="112"/>
        <source>line {line} ({content}) comes before any section header such as [counter]</source>
        <translation>第 {line} 行（{content}）之前没有 [counter] 这样的节标题</translation>
    </message>
    <message>
        <location filename="../../counter_app/startup.py" line="115"/>
        <source>line {line} ({content}) is not of the form key = value</source>
        <translation>第 {line} 行（{content}）不是 key = value 格式</translation>
    </message>
    <message>
        <location filename="../../counter_app/startup.py" line="116"/>
        <source>line {line} sets {key} a second time</source>
        <translation>第 {line} 行重复设置了 {key}</translation>
    </message>
    <message>
        <location filename="../../counter_app/startup.py" line="117"/>
        <source>line {line} starts the section [{section}] a second time</source>
        <translation>第 {line} 行重复出现节 [{section}]</translation>
    </message>
    <message>
        <location filename="../../counter_app/startup.py" line="120"/>
        <source>it is not saved as UTF-8 text</source>
        <translation>文件未以 UTF-8 编码保存</translation>
    </message>
    <message>
        <location filename="../../counter_app/startup.py" line="121"/>
        <source>The local database {path} was written by a newer version of this program (schema {found}; this version knows schema {known} and older). Nothing was changed. Install the newer version of the program on this PC, or ask IT.</source>
        <translation>本地数据库 {path} 由较新版本的本程序写入（数据库结构 {found}；本版本只识别 {known} 及更早的结构）。未做任何改动。请在本机安装较新版本的程序，或联系信息技术人员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/startup.py" line="127"/>
        <source>The local database {path} is in use by another program, probably another copy of this program. Nothing was changed. Close the other copy (or wait until a backup of the folder has finished), then start again; if it keeps happening, ask IT.</source>
        <translation>本地数据库 {path} 正被其他程序占用，可能是本程序的另一个窗口。未做任何改动。请关闭另一个窗口（或等待数据文件夹备份完成）后重新启动；如果问题反复出现，请联系信息技术人员。</translation>
    </message>
    <message>
        <location filename="../../counter_app/startup.py" line="133"/>
        <source>The local database {path} cannot be read ({detail}). Nothing was changed. Ask IT: the copies made before each upgrade are in {backups}.</source>
        <translation>本地数据库 {path} 无法读取（{detail}）。未做任何改动。请联系信息技术人员：每次升级前的副本保存在 {backups}。</translation>
    </message>
    <message>
        <location filename="../../counter_app/startup.py" line="138"/>
        <source>The data folder {folder} cannot be created or written: permission denied for {path}. Nothing was changed. Ask IT to give your user account write access to this folder, or to set data_dir in the system-wide settings file {system}.</source>
        <translation>无法创建或写入数据文件夹 {folder}：没有 {path} 的访问权限。未做任何改动。请联系信息技术人员为您的用户账户开通该文件夹的写入权限，或在全局设置文件 {system} 中设置 data_dir。</translation>
    </message>
    <message>
        <location filename="../../counter_app/startup.py" line="144"/>
        <source>The data folder {folder} cannot be used: {detail} ({path}). Nothing was changed. Ask IT to check the folder and the free disk space.</source>
        <translation>数据文件夹 {folder} 无法使用：{detail}（{path}）。未做任何改动。请联系信息技术人员检查该文件夹和磁盘剩余空间。</translation>
    </message>
    <message>
        <location filename="../../counter_app/startup.py" line="149"/>
        <source>The program could not start because of an unexpected error: {detail}. Ask IT; the command counter-app diagnose shows what is wrong.</source>
        <translation>程序因意外错误无法启动：{detail}。请联系信息技术人员；命令 counter-app diagnose 可显示问题所在。</translation>
    </message>
</context>
</TS>
