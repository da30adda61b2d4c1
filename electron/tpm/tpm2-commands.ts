import crypto from 'node:crypto';
import { TPM_ALG, TpmReader, TpmWriter } from '../../protocol/tpm-structures';
import { RETRYABLE_RESPONSE_CODES, TpmResponseError } from './tpm2-response-codes';
import type { TpmTransport } from './tpm-transport';

const TPM_ST = { noSessions: 0x8001, sessions: 0x8002 } as const;
const TPM_CC = {
  ActivateCredential: 0x147,
  Create: 0x153,
  CreatePrimary: 0x131,
  FlushContext: 0x165,
  GetCapability: 0x17a,
  Load: 0x157,
  NV_Read: 0x14e,
  NV_ReadPublic: 0x169,
  PolicySecret: 0x151,
  StartAuthSession: 0x176,
} as const;
type CommandName = keyof typeof TPM_CC;

/** Permanent handles (Part 2 §7.4). */
export const TPM_RH = { owner: 0x40000001, null: 0x40000007, password: 0x40000009, endorsement: 0x4000000b } as const;
/** TPMA_NV bits that say who may read an index (Part 2 §13.4). */
const TPMA_NV = { ownerRead: 1 << 17, authRead: 1 << 18, written: 1 << 29 } as const;
const TPM_SE_POLICY = 0x01;
const TPM_CAP_TPM_PROPERTIES = 6;
const TPM_PT_NV_BUFFER_MAX = 0x12c;
const RETRIES = 3;

/**
 * How one handle of a command is authorized. Every object we use has an empty authValue, so a
 * password session carries no secret; a policy session needs no HMAC (no PolicyAuthValue/Password).
 */
export type TpmAuth = { kind: 'password' } | { kind: 'policy'; session: number };
export const PASSWORD: TpmAuth = { kind: 'password' };

/** What the TPM answered: the handles it returned, then a reader over the response parameters. */
interface Answer {
  handles: number[];
  params: TpmReader;
}

/** An object the TPM created: its public (TPM2B_PUBLIC) and, for Create, its wrapped private part (TPM2B_PRIVATE). */
export interface CreatedObject {
  outPublic: Buffer;
  outPrivate: Buffer;
}

function authArea(auths: readonly TpmAuth[]): Uint8Array {
  const area = new TpmWriter();
  for (const auth of auths) {
    if (auth.kind === 'password') area.u32(TPM_RH.password).sized(new Uint8Array(0)).u8(0x01).sized(new Uint8Array(0));
    // continueSession clear: the TPM flushes the policy session once the command succeeded.
    else area.u32(auth.session).sized(crypto.randomBytes(32)).u8(0x00).sized(new Uint8Array(0));
  }
  return area.bytes();
}

/** A TPM2B_SENSITIVE_CREATE with an empty userAuth and no data, then the template, no outsideInfo, no PCRs. */
function creationParameters(template: Uint8Array): Uint8Array {
  return new TpmWriter().sized(new TpmWriter().sized(new Uint8Array(0)).sized(new Uint8Array(0)).bytes()).raw(template).sized(new Uint8Array(0)).u32(0).bytes();
}

/**
 * The few TPM 2.0 commands attestation needs, marshalled by hand (Part 3), over any transport.
 * Commands go out one at a time; an error response becomes a TpmResponseError naming the command.
 */
export class Tpm2 {
  private queue: Promise<unknown> = Promise.resolve();
  constructor(private readonly transport: TpmTransport) {}

  private execute(name: CommandName, handles: readonly number[], auths: readonly TpmAuth[], params: Uint8Array, responseHandles = 0): Promise<Answer> {
    const body = new TpmWriter();
    for (const handle of handles) body.u32(handle);
    if (auths.length > 0) {
      const area = authArea(auths);
      body.u32(area.length).raw(area);
    }
    body.raw(params);
    const size = 10 + body.length;
    const command = Buffer.from(new TpmWriter().u16(auths.length > 0 ? TPM_ST.sessions : TPM_ST.noSessions).u32(size).u32(TPM_CC[name]).raw(body.bytes()).bytes());
    const run = async (): Promise<Answer> => {
      for (let attempt = 1; ; attempt += 1) {
        const response = await this.transport.submit(command);
        const reader = new TpmReader(response);
        const tag = reader.u16();
        reader.u32(); // size: the transport framed the response by it
        const code = reader.u32();
        if (code !== 0) {
          if (RETRYABLE_RESPONSE_CODES.has(code) && attempt < RETRIES) continue;
          throw new TpmResponseError(name, code);
        }
        const returned = Array.from({ length: responseHandles }, () => reader.u32());
        const params = tag === TPM_ST.sessions ? new TpmReader(reader.take(reader.u32())) : reader;
        return { handles: returned, params };
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** TPM2_GetCapability(TPM_PT_NV_BUFFER_MAX): how many NV bytes one NV_Read may return. */
  async nvBufferMax(): Promise<number> {
    const { params } = await this.execute('GetCapability', [], [], new TpmWriter().u32(TPM_CAP_TPM_PROPERTIES).u32(TPM_PT_NV_BUFFER_MAX).u32(1).bytes());
    params.u8(); // moreData
    params.u32(); // capability
    const count = params.u32();
    const property = count > 0 ? params.u32() : 0;
    const value = count > 0 ? params.u32() : 0;
    return property === TPM_PT_NV_BUFFER_MAX && value > 0 ? value : 512;
  }

  /** TPM2_NV_ReadPublic: the index's attributes and data size. */
  async nvReadPublic(index: number): Promise<{ attributes: number; dataSize: number }> {
    const { params } = await this.execute('NV_ReadPublic', [index], [], new Uint8Array(0));
    const nvPublic = new TpmReader(params.sized());
    nvPublic.u32(); // nvIndex
    nvPublic.u16(); // nameAlg
    const attributes = nvPublic.u32();
    nvPublic.sized(); // authPolicy
    return { attributes, dataSize: nvPublic.u16() };
  }

  /**
   * The whole content of an NV index, read in chunks the TPM accepts. Authorized by the index itself
   * when it allows that (AUTHREAD), else by the owner hierarchy, each with an empty password.
   * `maxChunk` caps each read below the TPM's own limit (tests make it small to read in many pieces).
   */
  async nvReadAll(index: number, maxChunk = 1024): Promise<Buffer> {
    const { attributes, dataSize } = await this.nvReadPublic(index);
    if (!(attributes & TPMA_NV.written)) throw new Error(`NV index 0x${index.toString(16)} was never written`);
    const authHandle = attributes & TPMA_NV.authRead ? index : attributes & TPMA_NV.ownerRead ? TPM_RH.owner : null;
    if (authHandle === null) throw new Error(`NV index 0x${index.toString(16)} is readable by neither itself nor the owner`);
    const chunk = Math.min(await this.nvBufferMax(), maxChunk);
    const parts: Buffer[] = [];
    for (let offset = 0; offset < dataSize; offset += chunk) {
      const size = Math.min(chunk, dataSize - offset);
      const { params } = await this.execute('NV_Read', [authHandle, index], [PASSWORD], new TpmWriter().u16(size).u16(offset).bytes());
      parts.push(Buffer.from(params.sized()));
    }
    return Buffer.concat(parts);
  }

  /** TPM2_CreatePrimary under a hierarchy (empty hierarchy auth): the object's handle and TPM2B_PUBLIC. */
  async createPrimary(hierarchy: number, template: Uint8Array): Promise<{ handle: number; outPublic: Buffer }> {
    const { handles, params } = await this.execute('CreatePrimary', [hierarchy], [PASSWORD], creationParameters(template), 1);
    return { handle: handles[0] ?? 0, outPublic: Buffer.from(params.sizedWhole()) };
  }

  /** TPM2_Create: a child key under `parent`, returned wrapped (not loaded). */
  async create(parent: number, auth: TpmAuth, template: Uint8Array): Promise<CreatedObject> {
    const { params } = await this.execute('Create', [parent], [auth], creationParameters(template));
    const outPrivate = Buffer.from(params.sizedWhole());
    return { outPrivate, outPublic: Buffer.from(params.sizedWhole()) };
  }

  /** TPM2_Load: a wrapped child key back into the TPM; its transient handle. */
  async load(parent: number, auth: TpmAuth, object: CreatedObject): Promise<number> {
    const { handles } = await this.execute('Load', [parent], [auth], new TpmWriter().raw(object.outPrivate).raw(object.outPublic).bytes(), 1);
    return handles[0] ?? 0;
  }

  /** TPM2_StartAuthSession: an unbound, unsalted SHA-256 policy session. */
  async startPolicySession(): Promise<number> {
    const params = new TpmWriter().sized(crypto.randomBytes(32)).sized(new Uint8Array(0)).u8(TPM_SE_POLICY).u16(TPM_ALG.null).u16(TPM_ALG.sha256).bytes();
    const { handles } = await this.execute('StartAuthSession', [TPM_RH.null, TPM_RH.null], [], params, 1);
    return handles[0] ?? 0;
  }

  /** TPM2_PolicySecret: extends the session's policy with "knows the authValue of `authHandle`" (empty here). */
  async policySecret(authHandle: number, session: number): Promise<void> {
    const empty = new Uint8Array(0);
    await this.execute('PolicySecret', [authHandle, session], [PASSWORD], new TpmWriter().sized(empty).sized(empty).sized(empty).u32(0).bytes());
  }

  /** TPM2_ActivateCredential: the secret of a TPM2B_ID_OBJECT + TPM2B_ENCRYPTED_SECRET made for `activated` under `key`. */
  async activateCredential(activated: number, activatedAuth: TpmAuth, key: number, keyAuth: TpmAuth, credentialBlob: Buffer, encryptedSecret: Buffer): Promise<Buffer> {
    const { params } = await this.execute('ActivateCredential', [activated, key], [activatedAuth, keyAuth], new TpmWriter().raw(credentialBlob).raw(encryptedSecret).bytes());
    return Buffer.from(params.sized());
  }

  /** TPM2_FlushContext: frees a transient object or a session. */
  async flushContext(handle: number): Promise<void> {
    await this.execute('FlushContext', [], [], new TpmWriter().u32(handle).bytes());
  }
}
