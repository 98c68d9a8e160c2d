; Windows installer for parcellab-desk (NSIS 3, Modern UI 2).
;
; Build the one-folder bundle on Windows first (pyinstaller packaging\parcellab_desk.spec),
; then, from the repository root:
;
;   makensis /DVERSION=x.y.z /DVERSION_QUAD=x.y.z.0 packaging\windows\installer.nsi
;
; (.github/workflows/installers.yml passes both from parcellab_desk.__version__.) Optional:
; /DBUNDLE_DIR=<bundle folder> /DICON=<.ico> /DOUT_FILE=<installer .exe>.
; Installs per machine into "Program Files\parcelLab Desk", adds a Start menu entry for all
; users and an entry in "Installed apps" that uninstalls it, and registers the
; parcellab-desk:// order links. Silent: setup.exe /S [/D=C:\target\folder] (run it from
; PowerShell or cmd: Git Bash turns /S into a path). Deployment tools run it as SYSTEM: the
; all-users context puts the shortcut in every agent's menu, not SYSTEM's. While the console
; runs, the installer asks to close it (silent: exits with code 2 and changes nothing).

Unicode true
ManifestDPIAware true

!ifndef VERSION
  !error "pass the version: makensis /DVERSION=x.y.z /DVERSION_QUAD=x.y.z.0"
!endif
!ifndef VERSION_QUAD
  !error "pass the four-part version: /DVERSION_QUAD=x.y.z.0"
!endif
!ifndef BUNDLE_DIR
  !define BUNDLE_DIR "..\..\dist\parcellab-desk"
!endif
!ifndef ICON
  !define ICON "..\..\build\parcellab_desk\icons\parcellab-desk.ico"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "..\..\dist\parcellab-desk-${VERSION}-windows-x64-setup.exe"
!endif

!define APP_NAME "parcelLab Desk"
!define APP_EXE "parcellab-desk.exe"
!define PUBLISHER "parcellab_desk maintainers"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\parcellab-desk"
!define LINK_KEY "Software\Classes\parcellab-desk"

!include "MUI2.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

Name "${APP_NAME}"
OutFile "${OUT_FILE}"
InstallDir "$PROGRAMFILES64\${APP_NAME}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION_QUAD}"
VIAddVersionKey "ProductName" "${APP_NAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "FileDescription" "${APP_NAME} installer"
VIAddVersionKey "LegalCopyright" "Copyright (c) ${PUBLISHER}, MIT licence"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
; The installer runs elevated; the console must not (its settings, keyring and links belong
; to the agent). Explorer starts it in the agent's own, unelevated session.
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_FUNCTION StartAsAgent

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

; Files of a running program cannot be replaced: a half-replaced bundle would not start.
; A running .exe cannot be opened for writing, which tells whether it runs without a plugin.
!macro REFUSE_WHILE_RUNNING prefix
Function ${prefix}RefuseWhileRunning
  retry:
  IfFileExists "$INSTDIR\${APP_EXE}" 0 free
  ClearErrors
  FileOpen $0 "$INSTDIR\${APP_EXE}" a
  IfErrors 0 close
  MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION \
    "${APP_NAME} is running. Close it (File > Quit), then choose Retry." \
    /SD IDCANCEL IDRETRY retry
  SetErrorLevel 2
  Quit
  close:
  FileClose $0
  free:
FunctionEnd
!macroend
!insertmacro REFUSE_WHILE_RUNNING ""
!insertmacro REFUSE_WHILE_RUNNING "un."

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APP_NAME} needs 64-bit Windows." /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Function StartAsAgent
  Exec '"$WINDIR\explorer.exe" "$INSTDIR\${APP_EXE}"'
FunctionEnd

Section "Install"
  Call RefuseWhileRunning
  SetOutPath "$INSTDIR"
  ; An update replaces the whole bundle: stale files of an older version must not stay.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  ; parcellab-desk://order/<account>/<order> links from tickets open the console
  WriteRegStr HKLM "${LINK_KEY}" "" "URL:${APP_NAME} order link"
  WriteRegStr HKLM "${LINK_KEY}" "URL Protocol" ""
  WriteRegStr HKLM "${LINK_KEY}\DefaultIcon" "" '"$INSTDIR\${APP_EXE}",0'
  WriteRegStr HKLM "${LINK_KEY}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" "$0"
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  Call un.RefuseWhileRunning
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DeleteRegKey HKLM "${LINK_KEY}"
  ; The machine's policy file (ProgramData) is IT's and stays too.
  ; The agent's settings, drafts and logs (in AppData) stay: they are the agent's, not ours.
SectionEnd
