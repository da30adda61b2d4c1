import crypto, { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config';
import { rsaPublicKey } from './make-credential';
import type { TpmPublic } from './tpm-public';

const MAX_CHAIN = 6;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

/** Every CA certificate (PEM, one or many per file, or DER) in the TPM makers' CA folder; read once at start. */
export function loadEkCaCertificates(dir: string): X509Certificate[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new ConfigError(`Invalid configuration: TPM_EK_CA_DIR cannot be read (${dir})`);
  }
  const certificates: X509Certificate[] = [];
  for (const name of names.sort()) {
    const file = path.join(dir, name);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      continue; // sub-folders and unreadable entries are not certificates
    }
    const text = bytes.toString('latin1');
    const blocks = text.includes('-----BEGIN CERTIFICATE-----') ? (text.match(PEM_BLOCK) ?? []) : [bytes];
    for (const block of blocks) {
      try {
        const certificate = new X509Certificate(block);
        if (certificate.ca) certificates.push(certificate);
      } catch {
        throw new ConfigError(`Invalid configuration: TPM_EK_CA_DIR holds ${name}, which is not a PEM or DER certificate`);
      }
    }
  }
  if (certificates.length === 0) throw new ConfigError(`Invalid configuration: TPM_EK_CA_DIR (${dir}) holds no CA certificate`);
  return certificates;
}

function validAt(certificate: X509Certificate, now: number): boolean {
  return Date.parse(certificate.validFrom) <= now && now <= Date.parse(certificate.validTo);
}

function issuedBy(child: X509Certificate, issuer: X509Certificate): boolean {
  return child.checkIssued(issuer) && child.verify(issuer.publicKey);
}

/** Why an EK certificate was not accepted (logged as a reason, never with the certificate). */
export type EkRefusal = 'unreadable' | 'expired' | 'untrusted' | 'key_mismatch';

/**
 * Checks an EK certificate: it parses, is valid now, and chains (signature, validity and CA flag at
 * every step) to a self-signed CA of the configured folder; and its key is the EK the client sent.
 * Returns the hex SHA-256 of the EK's SubjectPublicKeyInfo, the value manifests bind serials to.
 */
export function verifyEkCertificate(der: Buffer, ek: TpmPublic, cas: readonly X509Certificate[], now: number): { ekPublicSha256: string } | { refused: EkRefusal } {
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(der);
  } catch {
    return { refused: 'unreadable' };
  }
  if (!validAt(leaf, now)) return { refused: 'expired' };
  let current = leaf;
  let trusted = false;
  for (let depth = 0; depth < MAX_CHAIN && !trusted; depth += 1) {
    const issuer = cas.find((ca) => validAt(ca, now) && issuedBy(current, ca));
    if (!issuer) break;
    if (issuedBy(issuer, issuer)) trusted = true;
    else current = issuer;
  }
  if (!trusted) return { refused: 'untrusted' };
  if (!ek.rsa || leaf.publicKey.asymmetricKeyType !== 'rsa' || !leaf.publicKey.equals(rsaPublicKey(ek.rsa.modulus, ek.rsa.exponent))) return { refused: 'key_mismatch' };
  const spki = leaf.publicKey.export({ format: 'der', type: 'spki' });
  return { ekPublicSha256: crypto.createHash('sha256').update(spki).digest('hex') };
}
