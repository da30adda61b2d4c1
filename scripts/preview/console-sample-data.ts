import crypto from 'node:crypto';
import { formSettingsSchema, type Customer, type DeviceIdentity } from '../../protocol';
import type { OperatorRole } from '../../protocol/operator-api';
import { runOperatorCli } from '../../server/cli/operator-cli';

const PEOPLE: Customer[] = [
  { name: '山田 太郎', nameKana: 'ヤマダ タロウ', email: 'taro.yamada@example.jp', phone: '03-1234-5678', postalCode: '100-0001', address: '東京都千代田区千代田1-1', country: 'JP' },
  { name: '佐藤 花子', nameKana: 'サトウ ハナコ', email: 'hanako.sato@example.jp', phone: '06-6123-4567', postalCode: '530-0001', address: '大阪府大阪市北区梅田1-1-3', country: 'JP' },
  { name: '鈴木 一郎', nameKana: 'スズキ イチロウ', email: 'ichiro.suzuki@example.jp', phone: '052-123-4567', postalCode: '450-0002', address: '愛知県名古屋市中村区名駅4-7-1', country: 'JP' },
  { name: 'Emily Carter', nameKana: undefined, email: 'emily.carter@example.com', phone: '+1 415 555 0132', postalCode: '94103', address: '500 Howard St, San Francisco, CA', country: 'US' },
  { name: '高橋 美咲', nameKana: 'タカハシ ミサキ', email: 'misaki.takahashi@example.jp', phone: '011-222-3333', postalCode: '060-0001', address: '北海道札幌市中央区北1条西2丁目', country: 'JP' },
  { name: 'Oliver Smith', nameKana: undefined, email: 'oliver.smith@example.co.uk', phone: '+44 20 7946 0958', postalCode: 'SW1A 1AA', address: '10 Downing Street, London', country: 'GB' },
];

const DEVICES: Array<Omit<DeviceIdentity, 'serial'> & { prefix: string }> = [
  { kind: 'pc', vendor: 'LENOVO', model: 'ThinkCentre M75q Gen 2', source: 'firmware', prefix: 'PF' },
  { kind: 'printer', vendor: 'Canon', model: 'PIXUS TS8330', usbVendorId: '04a9', usbProductId: '1824', source: 'usb', prefix: 'CN' },
  { kind: 'monitor', vendor: 'EIZO', model: 'FlexScan EV2785', source: 'edid', prefix: '2' },
  { kind: 'scanner', vendor: 'EPSON', model: 'DS-530 II', usbVendorId: '04b8', usbProductId: '0159', source: 'usb', prefix: 'X6' },
];

async function post(url: string, body: unknown): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  await response.arrayBuffer();
  return response.status;
}

/** Registers sample customers' devices through the customer API (as the wizard would), then repeats one so a duplicate refusal is on record. */
export async function seedSampleRegistrations(hostUrl: string, count = 12): Promise<void> {
  const form = formSettingsSchema.parse(await (await fetch(`${hostUrl}/api/v1/form`)).json());
  let first: DeviceIdentity | undefined;
  for (let index = 0; index < count; index += 1) {
    const template = DEVICES[index % DEVICES.length] ?? DEVICES[0];
    const customer = PEOPLE[index % PEOPLE.length] ?? PEOPLE[0];
    if (template === undefined || customer === undefined) continue;
    const { prefix, ...identity } = template;
    const device: DeviceIdentity = { ...identity, serial: `${prefix}${crypto.randomBytes(4).toString('hex').toUpperCase()}`, ...(identity.kind === 'pc' ? { hardwareUuid: crypto.randomUUID() } : {}) };
    first ??= device;
    const status = await post(`${hostUrl}/api/v1/registrations`, {
      requestId: crypto.randomUUID(), device, customer, password: 'preview-password-1', consent: { privacyPolicyVersion: form.privacyPolicy.version }, locale: customer.country === 'JP' ? 'ja' : 'en',
    });
    if (status !== 201) throw new Error(`sample registration ${index} answered ${status}`);
  }
  if (first !== undefined) {
    await post(`${hostUrl}/api/v1/registrations`, {
      requestId: crypto.randomUUID(), device: first, customer: PEOPLE[1], password: 'preview-password-2', consent: { privacyPolicyVersion: form.privacyPolicy.version },
    });
  }
}

/** Makes an operator token with the `npm run operator -- token create` program itself, run in-process on the host's store; the token is its last output line. */
export async function createTokenWithCli(env: Record<string, string>, name: string, role: OperatorRole): Promise<string> {
  let stdout = '';
  let stderr = '';
  const code = await runOperatorCli(['token', 'create', '--name', name, '--role', role], { env, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  const token = stdout.trim().split('\n').at(-1);
  if (code !== 0 || token === undefined || token === '') throw new Error(`token create exited ${code}: ${stderr.trim()}`);
  return token;
}
