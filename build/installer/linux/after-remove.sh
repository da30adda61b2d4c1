#!/bin/bash
# Debian/Ubuntu postrm for the first-boot registration wizard (electron-builder `deb.afterRemove`).
# Macros in braces are filled in by electron-builder; shell variables are written without braces.
# FBR_ROOT (empty in production) roots the paths this hook removes, for the test suite; ignored when
# dpkg runs the hook (DPKG_MAINTSCRIPT_PACKAGE set), as in after-install.sh.
FBR_ROOT="$FBR_ROOT"
if [ -n "$DPKG_MAINTSCRIPT_PACKAGE" ] && [ -n "$FBR_ROOT" ]; then
  echo "first-boot-registration: ignoring FBR_ROOT (a test setting) under the package manager" >&2
  FBR_ROOT=""
fi
APP_DIR='/opt/${sanitizedProductName}'
APP_EXE='${executable}'
ACTION="$1"

if [ -z "$FBR_ROOT" ]; then
  # --- electron-builder's stock after-remove ---
  if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove "$APP_EXE" "$APP_DIR/$APP_EXE"
  else
    rm -f "/usr/bin/$APP_EXE"
  fi
  if [ -f "/etc/apparmor.d/$APP_EXE" ]; then
    if apparmor_status --enabled > /dev/null 2>&1 && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --remove "/etc/apparmor.d/$APP_EXE" || true
    fi
    rm -f "/etc/apparmor.d/$APP_EXE"
  fi
fi

# An upgrade runs the new after-install next, which rewrites the entry as the state requires.
if [ "$ACTION" = "upgrade" ]; then exit 0; fi

rm -f "$FBR_ROOT/etc/xdg/autostart/first-boot-registration.desktop"

# Purge forgets the machine: identity file and registration state (a reinstall starts afresh).
# rm -rf removes a symbolic link itself, never what it points to.
if [ "$ACTION" = "purge" ]; then
  rm -rf "$FBR_ROOT/var/lib/first-boot-registration"
  if [ -z "$FBR_ROOT" ] && getent group first-boot-registration > /dev/null; then groupdel first-boot-registration || true; fi
fi

exit 0
