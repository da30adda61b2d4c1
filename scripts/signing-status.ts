/**
 * Which code-signing secrets the environment holds, one line per platform, never a value:
 * electron-builder reads them itself (CSC_LINK, WIN_CSC_LINK, APPLE_*), and a build without them
 * is unsigned, which this says in one clear line instead of a buried warning.
 */

/** Sets of variables that each enable one way of signing or notarizing. */
const WINDOWS = [['WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD'], ['CSC_LINK', 'CSC_KEY_PASSWORD']] as const;
const MAC_SIGN = [['CSC_LINK', 'CSC_KEY_PASSWORD'], ['CSC_NAME']] as const;
const MAC_NOTARIZE = [['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'], ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'], ['APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE']] as const;

const complete = (env: NodeJS.ProcessEnv, sets: readonly (readonly string[])[]) => sets.find((set) => set.every((name) => (env[name] ?? '').trim() !== ''));
const ways = (sets: readonly (readonly string[])[]) => sets.map((set) => set.join(' + ')).join(', or ');

/** One line each for Windows, macOS and Linux: signed with which variables, or skipped and what to set. */
export function signingStatus(env: NodeJS.ProcessEnv): string[] {
  const windows = complete(env, WINDOWS);
  const macSign = complete(env, MAC_SIGN);
  const macNotarize = complete(env, MAC_NOTARIZE);
  return [
    windows ? `signing: Windows signed with ${windows.join(' + ')}` : `signing: Windows skipped, the NSIS installer and exe will be unsigned (set ${ways(WINDOWS)})`,
    macSign
      ? `signing: macOS signed with ${macSign.join(' + ')}, ${macNotarize ? `notarized with ${macNotarize.join(' + ')}` : `not notarized (set ${ways(MAC_NOTARIZE)})`}`
      : `signing: macOS skipped, the app will be unsigned and not notarized (set ${ways(MAC_SIGN)}; then ${ways(MAC_NOTARIZE)})`,
    'signing: Linux packages carry no signature of their own; the apt repository signs the deb (docs/packaging-security.md)',
  ];
}

if (process.argv[1] === import.meta.filename) {
  for (const line of signingStatus(process.env)) console.log(line);
}
