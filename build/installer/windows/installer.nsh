; First-boot registration: NSIS include for electron-builder (nsis.include, with perMachine: true).
; The Run value opens the wizard at every user's logon; the app's machine-wide state file decides
; whether it stays open (registered or declined: it quits at once). Lines kept identical to
; electron/first-boot/windows-autostart.ts windowsNsisLines(), which the test suite checks.

!macro customInstall
  SetRegView 64
  WriteRegStr HKLM "SOFTWARE\Microsoft\Windows\CurrentVersion\Run" "FirstBootRegistration" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" --autostart'
  ; Machine-wide registration state, writable by every user (BUILTIN\Users: modify).
  ReadEnvStr $0 PROGRAMDATA
  CreateDirectory "$0\FirstBootRegistration"
  nsExec::Exec '"$SYSDIR\icacls.exe" "$0\FirstBootRegistration" /grant *S-1-5-32-545:(OI)(CI)M'
  Pop $1
!macroend

!macro customUnInstall
  SetRegView 64
  DeleteRegValue HKLM "SOFTWARE\Microsoft\Windows\CurrentVersion\Run" "FirstBootRegistration"
  ; An update keeps the registration state; a real uninstall forgets it.
  ${ifNot} ${isUpdated}
    ReadEnvStr $0 PROGRAMDATA
    RMDir /r "$0\FirstBootRegistration"
  ${endIf}
!macroend
