import crypto from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Customer, DeviceIdentity } from '../../../../protocol';
import { startHost } from '../../../../server/start-host';
import { customer, newRegistration, pc, printer } from '../../../support/fixtures';
import { startOidcProvider, type TestOidcProvider } from '../../../support/oidc-provider';

/** A registration the stack made through the customer API, with what an operator searches it by. */
export interface SeededRegistration {
  number: string;
  device: DeviceIdentity;
  customer: Customer;
}


/** A real host whose operator listener signs people in at a real OpenID provider, holding a small, known set of registrations. */
export interface OperatorStack {
  /** The customer listener (where the wizard registers). */
  customerUrl: string;
  /** The operator listener (the console). */
  operatorUrl: string;
  idp: TestOidcProvider;
  /** Kiryu's PC; B's PC shares its installation id (both carry cloned_installation), and a second registration of it was refused. */
  a: SeededRegistration;
  /** A PC whose customer's name and address begin with formula characters. */
  b: SeededRegistration;
  /** A printer whose owner left no e-mail; a buyer asked for it, so the transfer waits for an operator. */
  c: SeededRegistration & { transferId: string };
  /** `POST /api/v1/registrations` on the customer listener; answers the status. */
  register(device: DeviceIdentity, who?: Customer): Promise<number>;
  close(): Promise<void>;
}

async function postJson(url: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}

/** Starts the provider and the host (own SQLite store, mail into a folder, e-mail optional), then registers A, B and C and the refused duplicate. */
export async function startOperatorStack(): Promise<OperatorStack> {
  const dir = await mkdtemp(join(tmpdir(), 'console-flows-'));
  const idp = await startOidcProvider();
  const host = await startHost({
    port: 0,
    operatorPort: 0,
    host: '127.0.0.1',
    databaseUrl: `sqlite:${join(dir, 'registrations.sqlite')}`,
    dataDir: dir,
    env: { ...idp.hostEnv, LOG_LEVEL: 'warn', FIELD_POLICIES: 'email=optional', MAIL_DIR: join(dir, 'mail'), PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_TIME_COST: '1' },
  });
  idp.allowRedirect(`${host.operatorUrl}/auth/callback`);
  const tag = crypto.randomBytes(3).toString('hex');
  const register = async (device: DeviceIdentity, who: Customer = customer({ email: `someone.${tag}@example.jp` })) =>
    (await postJson(`${host.url}/api/v1/registrations`, newRegistration({ device, customer: who }))).status;
  const seed = async (device: DeviceIdentity, who: Customer): Promise<SeededRegistration> => {
    const created = await postJson(`${host.url}/api/v1/registrations`, { ...newRegistration({ device }), customer: who });
    if (created.status !== 201) throw new Error(`seeding answered ${created.status}: ${JSON.stringify(created.body)}`);
    return { number: String(created.body.registrationNumber), device, customer: who };
  };
  const installationId = crypto.randomBytes(32).toString('hex');
  const a = await seed(pc({ installationId }), customer({ name: '桐生 一馬', nameKana: 'キリュウ カズマ', email: `kazuma.kiryu.${tag}@example.jp`, phone: '090-4821-7730', postalCode: '160-0021', address: '東京都新宿区歌舞伎町1-2-3' }));
  const b = await seed(pc({ installationId, vendor: 'FUJITSU', model: 'ESPRIMO D7012' }), customer({ name: '=Formula 伊藤', nameKana: 'イトウ', email: `formula.${tag}@example.jp`, phone: '06-6111-2222', address: '@大阪府大阪市北区梅田1-1' }));
  const c = await seed(printer(), customer({ name: '沢村 遥', nameKana: 'サワムラ ハルカ', email: undefined, phone: '011-555-0101', postalCode: '060-0001', address: '北海道札幌市中央区北1条西2丁目' }));
  const duplicate = await register(a.device, customer({ email: `buyer.${tag}@example.jp` }));
  if (duplicate !== 409) throw new Error(`the duplicate answered ${duplicate}`);
  const transfer = await postJson(`${host.url}/api/v1/transfers`, { device: c.device, locale: 'ja' });
  if (transfer.status !== 202) throw new Error(`the transfer answered ${transfer.status}`);
  return {
    customerUrl: host.url,
    operatorUrl: host.operatorUrl,
    idp,
    a,
    b,
    c: { ...c, transferId: String(transfer.body.transferId) },
    register,
    close: async () => {
      await host.close();
      await idp.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
