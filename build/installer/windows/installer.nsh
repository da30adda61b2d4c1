; First-boot registration: NSIS include for electron-builder (nsis.include, with perMachine: true).
; The Run value opens the wizard at every user's logon; the app's machine-wide state file decides
; whether it stays open (registered or declined: it quits at once). Lines kept identical to
; electron/first-boot/windows-autostart.ts windowsNsisLines(), which the test suite checks.

!macro customInit
  ; Per-machine installs go under Program Files only, which only administrators can write: a
  ; folder given with /D= (or recorded by an earlier install) elsewhere could hold a planted DLL
  ; or exe that the HKLM Run value would start at every user's logon. Full path first, so
  ; "..\" cannot climb out; NSIS compares strings case-insensitively, as Windows paths are.
  System::Call 'kernel32::GetFullPathNameW(w "$INSTDIR", i ${NSIS_MAX_STRLEN}, w .R0, p 0) i .R9'
  StrCpy $R1 "$PROGRAMFILES64\"
  StrLen $R2 $R1
  StrCpy $R3 "$R0\" $R2
  ${If} $R9 = 0
  ${OrIf} $R3 != $R1
    MessageBox MB_OK|MB_ICONSTOP "Device Registration is installed for all users and only under $PROGRAMFILES64, not in $INSTDIR." /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
!macroend

!macro customInstall
  SetRegView 64
  WriteRegStr HKLM "SOFTWARE\Microsoft\Windows\CurrentVersion\Run" "FirstBootRegistration" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" --autostart'
  ; Machine-wide registration state. A folder that existed before the install is not taken as it
  ; is: a junction or symbolic link is removed (never followed), then owner and ACL are reset.
  ReadEnvStr $0 PROGRAMDATA
  StrCpy $1 "$0\FirstBootRegistration"
  System::Call 'kernel32::GetFileAttributesW(w "$1") i .r2'
  ${If} $2 <> -1
    IntOp $3 $2 & 0x400 ; FILE_ATTRIBUTE_REPARSE_POINT
    ${If} $3 <> 0
      RMDir "$1" ; removes the link itself, not what it points to
    ${EndIf}
  ${EndIf}
  CreateDirectory "$1"
  System::Call 'kernel32::GetFileAttributesW(w "$1") i .r2'
  IntOp $3 $2 & 0x400
  ${If} $2 = -1
  ${OrIf} $3 <> 0
    Abort "$1 is not a plain folder; remove it and run the installer again."
  ${EndIf}
  ; Owner Administrators; no inherited ACEs; SYSTEM and Administrators full control; Users may
  ; read and write the state (the app runs unelevated) but not delete the folder or change its ACL.
  nsExec::Exec '"$SYSDIR\icacls.exe" "$1" /setowner *S-1-5-32-544 /T /C /L /Q'
  Pop $2
  nsExec::Exec '"$SYSDIR\icacls.exe" "$1" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(RX,W) /Q'
  Pop $2
  nsExec::Exec '"$SYSDIR\icacls.exe" "$1" /grant *S-1-5-32-545:(OI)(CI)(IO)M /Q'
  Pop $2
  ; Files inside lose any ACEs a user gave them and inherit the folder's.
  nsExec::Exec '"$SYSDIR\icacls.exe" "$1\*" /reset /T /C /L /Q'
  Pop $2
!macroend

!macro customUnInstall
  SetRegView 64
  DeleteRegValue HKLM "SOFTWARE\Microsoft\Windows\CurrentVersion\Run" "FirstBootRegistration"
  ; An update keeps the registration state; a real uninstall forgets it (a link is removed, not followed).
  ${ifNot} ${isUpdated}
    ReadEnvStr $0 PROGRAMDATA
    System::Call 'kernel32::GetFileAttributesW(w "$0\FirstBootRegistration") i .r2'
    IntOp $3 $2 & 0x400
    ${If} $2 <> -1
    ${AndIf} $3 <> 0
      RMDir "$0\FirstBootRegistration"
    ${Else}
      RMDir /r "$0\FirstBootRegistration"
    ${EndIf}
  ${endIf}
!macroend
