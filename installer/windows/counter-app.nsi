; NSIS installer of the counter client (issue 5): setup.exe for one hall PC, interactive or silent.
;
; Build (Windows or Linux, NSIS 3.08+):
;   makensis /DVERSION=0.2.0 /DSTAGE=dist\counter-app [/DOUTFILE=dist\counter-app-0.2.0-setup.exe]
;            [/DSIGN_CMD="python installer\windows\sign.py" | /DSIGN_NSH=build\signing.nsh]
;            installer\windows\counter-app.nsi
; STAGE is the PyInstaller one-folder bundle (counter-app.exe, counter-app-cli.exe, _internal\).
; SIGN_CMD, when given and not empty, is run on the finished setup.exe and on the uninstaller
; before it is packed ("%1" is the file); sign.py itself does nothing unless a certificate is
; configured (COUNTER_APP_SIGN_CERT). Without SIGN_CMD nothing is signed.
;
; Silent install with IT's values (each one optional; only the ones given are written, so an
; upgrade or re-install without them keeps what %ProgramData%\CounterApp\settings.ini holds):
;   setup.exe /S /SERVER=https://hall:8750 /WINDOW=A01 /HALL=330100 /DEVICE=W01
;             /CA=C:\certs\hall-ca.pem /ENROLL=ABCD-EFGH-JKMN /DATADIR=D:\CounterApp\data
; The values are checked by the installed program (counter-app-cli.exe preseed --check ...) before
; anything is written; a refused value aborts the install with the program's message (silent:
; exit code 2). Data: %ProgramData%\CounterApp\data unless /DATADIR= (written as data_dir).
; Uninstall: uninstall.exe /S keeps %ProgramData%\CounterApp; /PURGE removes the settings, and the
; data folder when check-synced finds everything in it applied by the hall server.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel admin

!ifndef VERSION
  !error "give the version: makensis /DVERSION=x.y.z ..."
!endif
!ifndef STAGE
  !error "give the bundle folder: makensis /DSTAGE=dist\counter-app ..."
!endif
!ifndef OUTFILE
  !define OUTFILE "counter-app-${VERSION}-setup.exe"
!endif

!define APPNAME "CounterApp"
!define DISPLAYNAME "政务服务窗口受理 Counter"
!define PUBLISHER "CounterApp project"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\CounterApp"
!define GUI_EXE "counter-app.exe"
!define CLI_EXE "counter-app-cli.exe"

; the signing hook: nothing when SIGN_CMD is not given or empty; a failing command fails the build.
; SIGN_NSH: a file with "!define SIGN_CMD ..." (build-bundle.ps1 writes one: a command with quotes
; survives no command line between PowerShell, makensis and cmd.exe unharmed)
!ifdef SIGN_NSH
  !include "${SIGN_NSH}"
!endif
!ifdef SIGN_CMD
  !if `${SIGN_CMD}` != ``
    !finalize '${SIGN_CMD} "%1"' = 0
    !uninstfinalize '${SIGN_CMD} "%1"' = 0
  !endif
!endif

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

Name "${DISPLAYNAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APPNAME}"
InstallDirRegKey HKLM "${UNINSTKEY}" "InstallLocation"
BrandingText "${APPNAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APPNAME} setup"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "Apache-2.0"

!define MUI_ABORTWARNING
; no "run now" on the finish page: it would run elevated, as the installing admin
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
; the first language is the default when Windows' language is neither
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString MsgRefused ${LANG_SIMPCHINESE} "设置值未通过检查，未安装：$\r$\n"
LangString MsgRefused ${LANG_ENGLISH} "A setting was refused, nothing was installed:$\r$\n"
LangString MsgDataKept ${LANG_SIMPCHINESE} "数据文件夹中还有未同步到大厅服务器的记录，已保留（请先同步或备份后再手工删除）：$\r$\n"
LangString MsgDataKept ${LANG_ENGLISH} "The data folder holds records the hall server has not yet applied, so it was kept (sync or copy it, then delete it by hand):$\r$\n"
LangString MsgNo64 ${LANG_SIMPCHINESE} "本程序需要 64 位 Windows。"
LangString MsgNo64 ${LANG_ENGLISH} "This program needs 64-bit Windows."
LangString ShortcutName ${LANG_SIMPCHINESE} "政务服务窗口受理"
LangString ShortcutName ${LANG_ENGLISH} "Counter"

Var Pairs      ; key=value arguments for preseed, each quoted
Var Fresh      ; 1 when no earlier install was found
Var DataDir

; /OPTION=value from the command line. FileFunc's GetOptions ends a value at the next "/", which
; cuts /SERVER=https://hall:8750 after "https:"; here a value ends at the next " /" or at the end,
; or at its closing quote when it starts with one (/CA="C:\hall certs\ca.pem").
; In: $R9 the parameters, $R7 the option ("/SERVER="). Out: $R8 the value; the error flag when absent.
Function GetOpt
  Push $0
  Push $1
  Push $2
  Push $3
  StrCpy $0 " $R9"
  StrCpy $1 " $R7"
  StrLen $2 $1
  StrCpy $3 0
  find:
    StrCpy $R8 $0 $2 $3
    StrCmp $R8 "" absent
    StrCmp $R8 $1 found  ; StrCmp ignores case: /server= works too
    IntOp $3 $3 + 1
    Goto find
  found:
    IntOp $3 $3 + $2
    StrCpy $0 $0 "" $3
    StrCpy $1 $0 1
    StrCpy $3 0
    StrCmp $1 '"' 0 plain
    StrCpy $0 $0 "" 1
  quoted:
    StrCpy $1 $0 1 $3
    StrCmp $1 "" cut
    StrCmp $1 '"' cut
    IntOp $3 $3 + 1
    Goto quoted
  plain:
    StrCpy $1 $0 2 $3
    StrCmp $1 "" cut
    StrCmp $1 " /" cut
    IntOp $3 $3 + 1
    Goto plain
  cut:
    StrCpy $R8 $0 $3
  trim:
    StrCpy $1 $R8 1 -1
    StrCmp $1 " " 0 +3
    StrCpy $R8 $R8 -1
    Goto trim
    ClearErrors
    Goto done
  absent:
    StrCpy $R8 ""
    SetErrors
  done:
  Pop $3
  Pop $2
  Pop $1
  Pop $0
FunctionEnd

; adds "key=value" to $Pairs when /OPTION= was given on the command line ($R9 = the parameters)
!macro _Option OPTION KEY
  StrCpy $R7 "/${OPTION}="
  Call GetOpt
  ${IfNot} ${Errors}
    StrCpy $Pairs '$Pairs "${KEY}=$R8"'
    ${If} "${KEY}" == "data_dir"
      StrCpy $DataDir $R8
    ${EndIf}
  ${EndIf}
!macroend

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(MsgNo64)" /SD IDOK
    SetErrorLevel 1
    Quit
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
  StrCpy $Pairs ""
  StrCpy $DataDir ""
  ${GetParameters} $R9
  !insertmacro _Option "SERVER" "server_url"
  !insertmacro _Option "WINDOW" "window_code"
  !insertmacro _Option "HALL" "hall_code"
  !insertmacro _Option "DEVICE" "device_code"
  !insertmacro _Option "CA" "ca_bundle"
  !insertmacro _Option "ENROLL" "enrollment_code"
  !insertmacro _Option "DATADIR" "data_dir"
  ReadRegStr $0 HKLM "${UNINSTKEY}" "InstallLocation"
  ${If} $0 == ""
    StrCpy $Fresh 1
  ${Else}
    StrCpy $Fresh 0
  ${EndIf}
FunctionEnd

Section "CounterApp" SecMain
  SectionIn RO
  SetShellVarContext all
  SetRegView 64
  ; a running window would keep its files locked
  nsExec::Exec 'taskkill /IM "${GUI_EXE}" /F'
  Pop $0
  ; an upgrade replaces the bundle's folder whole: files an older bundle had must not linger
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${STAGE}\*.*"

  ; IT's values, checked by the program itself before anything is registered or written
  ${If} $Pairs != ""
    nsExec::ExecToStack '"$INSTDIR\${CLI_EXE}" preseed --check $Pairs'
    Pop $0  ; exit code (or "error"/"timeout")
    Pop $1  ; what it printed (stdout and stderr)
    ${If} $0 != 0
      DetailPrint "preseed --check: $0 $1"
      ${If} $Fresh == 1  ; nothing of ours was here before: leave nothing behind
        SetOutPath "$TEMP"
        RMDir /r "$INSTDIR\_internal"
        Delete "$INSTDIR\${GUI_EXE}"
        Delete "$INSTDIR\${CLI_EXE}"
        RMDir "$INSTDIR"
      ${EndIf}
      MessageBox MB_OK|MB_ICONSTOP "$(MsgRefused)$1" /SD IDOK
      SetErrorLevel 2
      Quit
    ${EndIf}
  ${EndIf}

  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; the uninstall entry (Apps and features; QuietUninstallString for IT's tools)
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayName" "${DISPLAYNAME}"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr HKLM "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2  ; KB, as Apps and features wants it
  WriteRegDWORD HKLM "${UNINSTKEY}" "EstimatedSize" "$0"

  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\$(ShortcutName).lnk" "$INSTDIR\${GUI_EXE}"
  CreateShortcut "$DESKTOP\$(ShortcutName).lnk" "$INSTDIR\${GUI_EXE}"

  ; the system-wide settings: only the keys given (merged by the program: UTF-8, atomic)
  CreateDirectory "$APPDATA\${APPNAME}"  ; %ProgramData%: SetShellVarContext all
  ; the data folder: %ProgramData%\CounterApp\data for every account of the PC, unless IT chose
  ; one (/DATADIR=, or a data_dir the settings file already has). Only on a first install: an
  ; upgrade of an install without data_dir keeps each clerk's own folder, whose unsynced work an
  ; empty shared folder would cut off from the hall server
  ${If} $DataDir == ""
  ${AndIf} $Fresh == 1
    ClearErrors
    ReadINIStr $0 "$APPDATA\${APPNAME}\settings.ini" "counter" "data_dir"
    ${If} $0 == ""
      StrCpy $DataDir "$APPDATA\${APPNAME}\data"
      StrCpy $Pairs '$Pairs "data_dir=$DataDir"'
    ${EndIf}
  ${EndIf}
  ${If} $DataDir != ""
    CreateDirectory "$DataDir"
    ; every clerk's account writes the data folder (BUILTIN\Users: modify)
    nsExec::ExecToLog 'icacls "$DataDir" /grant *S-1-5-32-545:(OI)(CI)M'
    Pop $0
  ${EndIf}
  ${If} $Pairs != ""
    nsExec::ExecToStack '"$INSTDIR\${CLI_EXE}" preseed --file "$APPDATA\${APPNAME}\settings.ini" $Pairs'
    Pop $0
    Pop $1
    DetailPrint "preseed: $0 $1"
    ${If} $0 != 0
      MessageBox MB_OK|MB_ICONSTOP "$(MsgRefused)$1" /SD IDOK
      SetErrorLevel 2
      Quit
    ${EndIf}
  ${EndIf}
SectionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "Uninstall"
  SetRegView 64
  SetShellVarContext all
  nsExec::Exec 'taskkill /IM "${GUI_EXE}" /F'
  Pop $0

  ; settings and data stay unless /PURGE; with it, the data folder goes only when the program
  ; (still here: this runs before its files are deleted) finds every operation in it applied by
  ; the hall server and nothing in it that it did not make (counter-app-cli.exe check-synced)
  ${GetParameters} $R9
  ClearErrors
  ${GetOptions} $R9 "/PURGE" $R8
  ${IfNot} ${Errors}
    ClearErrors
    ReadINIStr $DataDir "$APPDATA\${APPNAME}\settings.ini" "counter" "data_dir"
    ${If} $DataDir == ""
      StrCpy $DataDir "$APPDATA\${APPNAME}\data"
    ${EndIf}
    ; no trailing backslash: before the closing quote it would escape it in the program's arguments
    ${Do}
      StrCpy $2 $DataDir 1 -1
      ${If} $2 != "\"
        ${ExitDo}
      ${EndIf}
      StrCpy $DataDir $DataDir -1
    ${Loop}
    nsExec::ExecToStack '"$INSTDIR\${CLI_EXE}" check-synced "$DataDir"'
    Pop $0  ; exit code: 0 when the folder is there and may go
    Pop $1  ; the verdict: synced|keep|absent <TAB> folder <TAB> stamp <TAB> why
    StrCpy $2 $1 7  ; "synced" and its tab
    ${If} $0 == 0
    ${AndIf} $2 == "synced$\t"
      RMDir /r "$DataDir"
      DetailPrint "removed $DataDir: $1"
    ${Else}
      DetailPrint "kept $DataDir: $1"
      MessageBox MB_OK|MB_ICONEXCLAMATION "$(MsgDataKept)$DataDir$\r$\n$1" /SD IDOK
    ${EndIf}
    Delete "$APPDATA\${APPNAME}\settings.ini"
    Delete "$APPDATA\${APPNAME}\settings.ini.*"
    RMDir "$APPDATA\${APPNAME}"  ; only when empty: a data folder kept inside keeps it
  ${EndIf}

  ; only what the installer put there: never RMDir /r on a folder the user may have chosen
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APPNAME}\*.lnk"
  RMDir "$SMPROGRAMS\${APPNAME}"
  ; both languages' names: the shortcut was made in the installer's language
  Delete "$DESKTOP\政务服务窗口受理.lnk"
  Delete "$DESKTOP\Counter.lnk"
  DeleteRegKey HKLM "${UNINSTKEY}"
SectionEnd
