<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CasesTab</name>
    <message numerus="yes">
        <location filename="../../counter_app/ui/cases_tab.py" line="138"/>
        <source>Overdue by %n working day(s)</source>
        <translation>
            <numerusform>Overdue by %n working day</numerusform>
            <numerusform>Overdue by %n working days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/cases_tab.py" line="141"/>
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>%n working day left</numerusform>
            <numerusform>%n working days left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/cases_tab.py" line="243"/>
        <source>printed %n time(s)</source>
        <translation>
            <numerusform>printed %n time</numerusform>
            <numerusform>printed %n times</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ItemPicker</name>
    <message numerus="yes">
        <location filename="../../counter_app/ui/item_picker.py" line="109"/>
        <source>Legal limit: %n working day(s)</source>
        <translation>
            <numerusform>Legal limit: %n working day</numerusform>
            <numerusform>Legal limit: %n working days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/item_picker.py" line="111"/>
        <source>Promised: %n working day(s)</source>
        <translation>
            <numerusform>Promised: %n working day</numerusform>
            <numerusform>Promised: %n working days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JointText</name>
    <message numerus="yes">
        <location filename="../../counter_app/ui/joint_text.py" line="36"/>
        <source>Overdue by %n working day(s)</source>
        <translation>
            <numerusform>Overdue by %n working day</numerusform>
            <numerusform>Overdue by %n working days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/joint_text.py" line="40"/>
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>%n working day left</numerusform>
            <numerusform>%n working days left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message numerus="yes">
        <location filename="../../counter_app/ui/notice_dialog.py" line="134"/>
        <source>(printed %n time(s))</source>
        <translation>
            <numerusform>(printed %n time)</numerusform>
            <numerusform>(printed %n times)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/notice_dialog.py" line="237"/>
        <location filename="../../counter_app/ui/notice_dialog.py" line="245"/>
        <source>Printed %n notice(s).</source>
        <translation>
            <numerusform>Printed %n notice.</numerusform>
            <numerusform>Printed %n notices.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/notice_dialog.py" line="239"/>
        <source>%n notice(s) in all were not printed.</source>
        <translation>
            <numerusform>%n notice in all was not printed.</numerusform>
            <numerusform>%n notices in all were not printed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/notice_dialog.py" line="248"/>
        <source>Sent %n notice(s) to the printer; check that they came out.</source>
        <translation>
            <numerusform>Sent %n notice to the printer; check that it came out.</numerusform>
            <numerusform>Sent %n notices to the printer; check that they came out.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncLog</name>
    <message numerus="yes">
        <location filename="../../counter_app/ui/sync_log_text.py" line="52"/>
        <source>%n operation(s) accepted by the hall server</source>
        <translation>
            <numerusform>%n operation accepted by the hall server</numerusform>
            <numerusform>%n operations accepted by the hall server</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/sync_log_text.py" line="55"/>
        <source>%n change(s) received from the hall server</source>
        <translation>
            <numerusform>%n change received from the hall server</numerusform>
            <numerusform>%n changes received from the hall server</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/sync_log_text.py" line="58"/>
        <source>Everything reloaded from the hall server (%n case(s))</source>
        <translation>
            <numerusform>Everything reloaded from the hall server (%n case)</numerusform>
            <numerusform>Everything reloaded from the hall server (%n cases)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/sync_log_text.py" line="62"/>
        <source>The hall server works again after %n failure(s) on operation #%1</source>
        <translation>
            <numerusform>The hall server works again after %n failure on operation #%1</numerusform>
            <numerusform>The hall server works again after %n failures on operation #%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/sync_log_text.py" line="115"/>
        <source>The hall server failed %n time(s) in a row on operation #%1 (%2): it stays queued and is retried; tell IT</source>
        <translation>
            <numerusform>The hall server failed %n time in a row on operation #%1 (%2): it stays queued and is retried; tell IT</numerusform>
            <numerusform>The hall server failed %n times in a row on operation #%1 (%2): it stays queued and is retried; tell IT</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message numerus="yes">
        <location filename="../../counter_app/ui/sync_panel.py" line="79"/>
        <source>%n operation(s) to upload</source>
        <translation>
            <numerusform>%n operation to upload</numerusform>
            <numerusform>%n operations to upload</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/sync_panel.py" line="81"/>
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n needs attention</numerusform>
            <numerusform>%n need attention</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorklistTab</name>
    <message numerus="yes">
        <location filename="../../counter_app/ui/worklist_tab.py" line="245"/>
        <source>Clock stopped, %n working day(s) kept</source>
        <translation>
            <numerusform>Clock stopped, %n working day kept</numerusform>
            <numerusform>Clock stopped, %n working days kept</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/worklist_tab.py" line="249"/>
        <source>Overdue by %n working day(s)</source>
        <translation>
            <numerusform>Overdue by %n working day</numerusform>
            <numerusform>Overdue by %n working days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/worklist_tab.py" line="252"/>
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>%n working day left</numerusform>
            <numerusform>%n working days left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>message_text</name>
    <message numerus="yes">
        <location filename="../../counter_app/ui/message_text.py" line="54"/>
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n attempt</numerusform>
            <numerusform>%n attempts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>monitor_text</name>
    <message numerus="yes">
        <location filename="../../counter_app/ui/monitor_text.py" line="70"/>
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../counter_app/ui/monitor_text.py" line="72"/>
        <source>%n due soon</source>
        <translation>
            <numerusform>%n due soon</numerusform>
            <numerusform>%n due soon</numerusform>
        </translation>
    </message>
</context>
</TS>
