#!/bin/bash
# Debian/Ubuntu postinst for the first-boot registration wizard (electron-builder `deb.afterInstall`).
# electron-builder fills in the two macros in braces; every shell variable here is written without
# braces so the template engine leaves it alone. FBR_ROOT (empty in production) roots every path this
# hook adds, so the test suite can run it against a temporary folder.
FBR_ROOT="$FBR_ROOT"
APP_DIR='/opt/${sanitizedProductName}'
APP_EXE='${executable}'

if [ -z "$FBR_ROOT" ]; then
  # --- electron-builder's stock after-install (a custom script replaces it, so it is kept here) ---
  if type update-alternatives >/dev/null 2>&1; then
    if [ -L "/usr/bin/$APP_EXE" -a -e "/usr/bin/$APP_EXE" -a "$(readlink "/usr/bin/$APP_EXE")" != "/etc/alternatives/$APP_EXE" ]; then
      rm -f "/usr/bin/$APP_EXE"
    fi
    update-alternatives --install "/usr/bin/$APP_EXE" "$APP_EXE" "$APP_DIR/$APP_EXE" 100 || ln -sf "$APP_DIR/$APP_EXE" "/usr/bin/$APP_EXE"
  else
    ln -sf "$APP_DIR/$APP_EXE" "/usr/bin/$APP_EXE"
  fi
  if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    chmod 4755 "$APP_DIR/chrome-sandbox" || true
  else
    chmod 0755 "$APP_DIR/chrome-sandbox" || true
  fi
  if hash update-mime-database 2>/dev/null; then update-mime-database /usr/share/mime || true; fi
  if hash update-desktop-database 2>/dev/null; then update-desktop-database /usr/share/applications || true; fi
  if apparmor_status --enabled > /dev/null 2>&1; then
    APPARMOR_PROFILE_SOURCE="$APP_DIR/resources/apparmor-profile"
    APPARMOR_PROFILE_TARGET="/etc/apparmor.d/$APP_EXE"
    if apparmor_parser --skip-kernel-load --debug "$APPARMOR_PROFILE_SOURCE" > /dev/null 2>&1; then
      cp -f "$APPARMOR_PROFILE_SOURCE" "$APPARMOR_PROFILE_TARGET"
      if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
        apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_PROFILE_TARGET"
      fi
    else
      echo "Skipping the installation of the AppArmor profile as this version of AppArmor does not seem to support the bundled profile"
    fi
  fi
fi

# --- first boot: machine-wide folders ---
STATE_ROOT="$FBR_ROOT/var/lib/first-boot-registration"
# Root-owned and not writable by users: the identity file in it must be trustworthy.
install -d -m 0755 "$STATE_ROOT"
# The registration state (registered / declined / reminders) is shared by every user's session.
install -d -m 0777 "$STATE_ROOT/state"
chmod 0777 "$STATE_ROOT/state"

# --- first boot: record the root-only DMI serial and UUID (format: electron/hardware/README.md) ---
json_value() {
  # Prints the file's content (trailing newline removed) as a JSON string, or null when unreadable.
  if [ -r "$1" ] && [ -f "$1" ]; then
    local raw
    raw=$(head -c 256 "$1" 2>/dev/null | tr -d '\000-\010\013-\037\177' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g')
    raw=$(printf '%s' "$raw" | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n/\\n/g')
    printf '"%s"' "$raw"
  else
    printf 'null'
  fi
}
DMI="$FBR_ROOT/sys/class/dmi/id"
IDENTITY_FILE="$STATE_ROOT/dmi-identity.json"
IDENTITY_TMP="$IDENTITY_FILE.tmp.$$"
{
  printf '{\n'
  printf '  "format": "fbr-dmi-identity/1",\n'
  printf '  "systemSerial": %s,\n' "$(json_value "$DMI/product_serial")"
  printf '  "systemUuid": %s,\n' "$(json_value "$DMI/product_uuid")"
  printf '  "baseboardSerial": %s,\n' "$(json_value "$DMI/board_serial")"
  printf '  "chassisSerial": %s,\n' "$(json_value "$DMI/chassis_serial")"
  printf '  "writtenAt": "%s"\n' "$(date -u +%Y-%m-%dT%H:%M:%S.000Z)"
  printf '}\n'
} > "$IDENTITY_TMP"
if [ -s "$IDENTITY_TMP" ] && chmod 0644 "$IDENTITY_TMP" && { sync "$IDENTITY_TMP" 2>/dev/null || true; } && mv -f "$IDENTITY_TMP" "$IDENTITY_FILE"; then
  echo "first-boot-registration: recorded the DMI serial and UUID in $IDENTITY_FILE"
else
  rm -f "$IDENTITY_TMP"
  echo "first-boot-registration: could not write $IDENTITY_FILE; the wizard will read what it can" >&2
fi

# --- first boot: open the wizard at every logon until registered or declined ---
# Same bytes as electron/first-boot/linux-autostart.ts linuxDesktopEntry(); the app removes it when
# it runs as root, and otherwise quits at once when the state says it is no longer wanted.
STATE_FILE="$STATE_ROOT/state/launch-state.json"
WANTED=1
if [ -f "$STATE_FILE" ] && ! grep -q '"pending": true' "$STATE_FILE"; then
  if grep -q '"registeredAt": "' "$STATE_FILE" || grep -q '"declinedAt": "' "$STATE_FILE"; then WANTED=0; fi
fi
AUTOSTART_DIR="$FBR_ROOT/etc/xdg/autostart"
AUTOSTART_FILE="$AUTOSTART_DIR/first-boot-registration.desktop"
# Exec escaping per the Desktop Entry spec: % doubled; reserved characters force quotes, inside
# which \ " ` $ get a backslash; then every backslash is doubled (string escapes come first).
EXEC_PATH=$(printf '%s' "$APP_DIR/$APP_EXE" | sed -e 's/%/%%/g')
case "$EXEC_PATH" in
  *[[:space:]\"\'\\\>\<~\|\&\;\$\*\?\#\(\)\`]*)
    EXEC_PATH="\"$(printf '%s' "$EXEC_PATH" | sed -e 's/[\\"`$]/\\&/g')\""
    EXEC_PATH=$(printf '%s' "$EXEC_PATH" | sed -e 's/\\/\\\\/g') ;;
esac
if [ "$WANTED" = 1 ]; then
  install -d -m 0755 "$AUTOSTART_DIR"
  printf '[Desktop Entry]\nType=Application\nName=Device Registration\nName[ja]=機器登録\nComment=Register this PC and its devices\nComment[ja]=このパソコンと接続機器を登録します\nExec=%s --autostart\nTerminal=false\nX-GNOME-Autostart-enabled=true\n' "$EXEC_PATH" > "$AUTOSTART_FILE.tmp.$$" \
    && chmod 0644 "$AUTOSTART_FILE.tmp.$$" && mv -f "$AUTOSTART_FILE.tmp.$$" "$AUTOSTART_FILE"
else
  rm -f "$AUTOSTART_FILE"
fi

exit 0
