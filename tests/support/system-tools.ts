import { execFileSync } from 'node:child_process';

/** Debian packages some suites need, with what each enables; scripts/run-tests.mjs prints the same table. */
export const SYSTEM_TOOLS = {
  nginx: { bin: 'nginx', pkg: 'nginx', what: 'the fleet fault tests (three hosts behind nginx)' },
  swtpm: { bin: 'swtpm', pkg: 'swtpm swtpm-tools', what: 'the TPM attestation tests (software TPM)' },
  tpm2: { bin: 'tpm2_createek', pkg: 'tpm2-tools', what: 'the TPM attestation tests (tpm2-tools)' },
  desktopFileValidate: { bin: 'desktop-file-validate', pkg: 'desktop-file-utils', what: 'validation of the autostart entry' },
  cc: { bin: 'cc', pkg: 'gcc', what: 'the Linux state helper (fbr-state-helper) tests' },
  postgresServer: { bin: '/usr/lib/postgresql/15/bin/pg_ctl', pkg: 'postgresql-15', what: 'the PostgreSQL restart fault test (a private cluster of its own)' },
} as const;
export type SystemTool = keyof typeof SYSTEM_TOOLS;

function onPath(bin: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * True when every tool is installed. Missing under CI=true (CI skips nothing): throws, so the suite
 * fails; elsewhere the caller skips with `describe.skipIf(!haveTools(...))` and run-tests lists it.
 */
export function haveTools(...tools: SystemTool[]): boolean {
  const missing = tools.filter((tool) => !onPath(SYSTEM_TOOLS[tool].bin));
  if (missing.length === 0) return true;
  const how = missing.map((tool) => `apt-get install -y ${SYSTEM_TOOLS[tool].pkg}`).join('; ');
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`CI skips nothing, but ${missing.map((t) => SYSTEM_TOOLS[t].bin).join(', ')} is missing: ${how}`);
  return false;
}
