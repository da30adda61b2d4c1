#!/bin/bash
# Debian/Ubuntu postinst for the first-boot registration wizard (electron-builder `deb.afterInstall`).
# electron-builder fills in the two macros in braces; every shell variable here is written without
# braces so the template engine leaves it alone. FBR_ROOT (empty in production) roots every path this
# hook adds, so the test suite can run it against a temporary folder; it is ignored whenever dpkg runs
# the hook (dpkg sets DPKG_MAINTSCRIPT_PACKAGE for every maintainer script), so a stray FBR_ROOT kept
# by `sudo -E apt install` can neither skip the chrome-sandbox and AppArmor steps nor redirect a chmod.
FBR_ROOT="$FBR_ROOT"
if [ -n "$DPKG_MAINTSCRIPT_PACKAGE" ] && [ -n "$FBR_ROOT" ]; then
  echo "first-boot-registration: ignoring FBR_ROOT (a test setting) under the package manager" >&2
  FBR_ROOT=""
fi
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
# The registration state (registered / declined / reminders) is shared by every user's session, but
# only the app may change it: the folder is root:first-boot-registration 2770 and the app reaches it
# through fbr-state-helper, setgid to that group (docs/packaging-security.md says why).
STATE_GROUP=first-boot-registration
if [ -z "$FBR_ROOT" ]; then
  getent group "$STATE_GROUP" > /dev/null || groupadd --system "$STATE_GROUP"
elif ! getent group "$STATE_GROUP" > /dev/null; then
  STATE_GROUP=root # test root: the machine's group database is left alone
fi

# Makes $1 a real folder owned by root:$3 with mode $2. Whatever else sits there (a symbolic link, a
# file) is removed, never followed; this hook runs as root and must not chmod where a link points.
plain_dir() {
  if [ -L "$1" ] || { [ -e "$1" ] && [ ! -d "$1" ]; }; then
    echo "first-boot-registration: $1 was not a plain folder; replaced it" >&2
    rm -f "$1"
  fi
  mkdir -p "$1" && chown -h "root:$3" "$1" && chmod "$2" "$1"
}
STATE_ROOT="$FBR_ROOT/var/lib/first-boot-registration"
STATE_DIR="$STATE_ROOT/state"
# Root-owned and not writable by users: the identity file in it must be trustworthy.
plain_dir "$STATE_ROOT" 0755 root || exit 1
# A state folder from an older install (0777) or made by a user is not trusted as it is: moved aside
# (its parent is root's, so nobody can swap it meanwhile) and closed to its owner; only the content of
# a plain, single-link, small launch-state.json is carried over into a fresh folder.
ASIDE=""
if [ -d "$STATE_DIR" ] && [ ! -L "$STATE_DIR" ] && [ "$(stat -c '%u:%G:%a' "$STATE_DIR")" != "0:$STATE_GROUP:2770" ]; then
  ASIDE="$STATE_ROOT/.state-untrusted.$$"
  mv -f "$STATE_DIR" "$ASIDE" && chown -h root:root "$ASIDE" && chmod 0700 "$ASIDE" || exit 1
fi
plain_dir "$STATE_DIR" 2770 "$STATE_GROUP" || exit 1
STATE_FILE="$STATE_DIR/launch-state.json"
if [ -n "$ASIDE" ]; then
  OLD="$ASIDE/launch-state.json"
  if [ -f "$OLD" ] && [ ! -L "$OLD" ] && [ "$(stat -c '%h' "$OLD")" = 1 ] && [ "$(stat -c '%s' "$OLD")" -le 4096 ]; then
    head -c 4096 "$OLD" > "$STATE_FILE.tmp.$$" && chown "root:$STATE_GROUP" "$STATE_FILE.tmp.$$" && chmod 0660 "$STATE_FILE.tmp.$$" \
      && mv -f "$STATE_FILE.tmp.$$" "$STATE_FILE"
  fi
  rm -rf "$ASIDE"
  echo "first-boot-registration: reset the owner and mode of $STATE_DIR (kept only its launch-state.json)"
fi
# The helper the app writes the state with: setgid to the state's group (nothing else is).
HELPER="$FBR_ROOT$APP_DIR/resources/fbr-state-helper"
if [ -f "$HELPER" ] && [ ! -L "$HELPER" ]; then
  chown "root:$STATE_GROUP" "$HELPER" && chmod 2755 "$HELPER"
fi

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
WANTED=1
if [ -f "$STATE_FILE" ] && [ ! -L "$STATE_FILE" ] && ! grep -q '"pending": true' "$STATE_FILE"; then
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
