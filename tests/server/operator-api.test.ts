import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RegistrationCreated } from '../../protocol';
import { databaseVariants } from '../support/databases';
import { customer, newRegistration, pc, printer, uniqueSerial } from '../support/fixtures';
import { request, type ErrorResponse } from '../support/http';
import { tokensOfEveryRole } from '../support/operator-tokens';
import { useTestHost } from '../support/use-test-host';
import type { OperatorRole } from '../../server/services/operator-roles';

const variants = await databaseVariants('operator-api.test');
// Asymmetric matchers typed as what they stand for.
const anyString = expect.any(String) as unknown as string;
const supportName = expect.stringMatching(/^test-support-/) as unknown as string;
const API = '/operator/api/v1';

interface SearchPage {
  items: Array<{ registrationNumber: string; registeredAt: string; customer?: { name: string; email?: string }; devices: Array<{ id: string; kind: string; serial: string | null }> }>;
  nextCursor: string | null;
}
interface Detail {
  registrationNumber: string;
  customer?: Record<string, string>;
  locale: string;
  consents: Array<{ privacyPolicyVersion: string; at: string }>;
  devices: Array<{ id: string; kind: string; serial: string | null; hardwareUuid?: string; releasedAt?: string; findings: string[] }>;
  events: Array<{ action: string; actor: { type: string; name?: string }; fields?: string[]; reason?: string; registrationNumber?: string }>;
}

/** Typed the way a customer reads it over the phone: lower case, no hyphens, O for 0 and L for 1. */
function asTyped(number: string): string {
  return number.replace(/-/g, '').toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
}

describe.each(variants)('operator API on $kind', (variant) => {
  const suite = useTestHost(variant);
  let tokens: Record<OperatorRole, string>;
  const tag = Math.random().toString(36).slice(2, 8);
  // Distinctive customer values: no response a viewer gets may contain any of them.
  const people = [
    customer({ name: `Zed${tag} Alpha`, nameKana: 'ゼッド アルファ', email: `zed.${tag}@example.jp`, phone: '03-5555-0101', address: `Secret street ${tag} 1`, postalCode: '150-0001' }),
    customer({ name: `=Formula${tag}`, nameKana: 'フォーミュラ', email: `formula.${tag}@example.jp`, phone: '090-1234-0202', address: `Hidden lane ${tag} 2`, postalCode: '150-0002' }),
    customer({ name: `Ｙｕｋｉ${tag} Full`, nameKana: 'ユキ', email: `Yuki.${tag}@Example.JP`, phone: '06-6666-0303', address: `Quiet road ${tag} 3`, postalCode: '150-0003' }),
  ];
  const devices = [pc(), printer(), pc()];
  const created: RegistrationCreated[] = [];
  const viewerBytes: string[] = [];

  const call = async <T = Record<string, unknown>>(role: OperatorRole, method: string, path: string, body?: unknown) => {
    const response = await request<T>(suite.host.operatorUrl, method, `${API}${path}`, { token: tokens[role], body });
    if (role === 'viewer') viewerBytes.push(response.text);
    return response;
  };

  beforeAll(async () => {
    tokens = await tokensOfEveryRole(suite.database);
    for (let i = 0; i < people.length; i += 1) {
      const response = await request<RegistrationCreated>(suite.host.url, 'POST', '/api/v1/registrations', { body: newRegistration({ customer: people[i], device: devices[i] }) });
      expect(response.status).toBe(201);
      created.push(response.body);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });

  it('finds a registration by its number as customers type it, by serial and by hardware UUID, for every role', async () => {
    const [first] = created;
    const device = devices[0];
    if (!first || !device?.serial || !device.hardwareUuid) throw new Error('fixture');
    for (const role of ['viewer', 'support', 'admin'] as const) {
      for (const q of [asTyped(first.registrationNumber), ` ${device.serial.toLowerCase()} `, device.hardwareUuid.toUpperCase()]) {
        const found = await call<SearchPage>(role, 'GET', `/registrations?q=${encodeURIComponent(q)}`);
        expect(found.status, q).toBe(200);
        expect(found.body.items.map((item) => item.registrationNumber), q).toEqual([first.registrationNumber]);
        expect(found.body.items[0]?.devices).toEqual([{ id: anyString, kind: 'pc', vendor: device.vendor, model: device.model, serial: device.serial }]);
        if (role === 'viewer') expect(found.body.items[0]).not.toHaveProperty('customer');
        else expect(found.body.items[0]?.customer).toEqual({ name: people[0]?.name, email: people[0]?.email });
      }
    }
  });

  it('finds by e-mail, phone and name or reading prefix for support and admin only', async () => {
    const queries: Array<[string, number]> = [
      [`YUKI.${tag}@example.jp`, 2],
      ['+81 3 5555 0101', 0],
      ['0355550101', 0],
      ['０９０－１２３４－０２０２', 1],
      [`yuki${tag}`, 2],
      [`zed${tag.toUpperCase()} al`, 0],
      ['ゼッド', 0],
    ];
    for (const [q, index] of queries) {
      const found = await call<SearchPage>('support', 'GET', `/registrations?q=${encodeURIComponent(q)}`);
      expect(found.status).toBe(200);
      expect(found.body.items.map((item) => item.registrationNumber), q).toContain(created[index]?.registrationNumber);
      const viewer = await call<SearchPage>('viewer', 'GET', `/registrations?q=${encodeURIComponent(q)}`);
      expect(viewer.body.items, `viewer ${q}`).toEqual([]);
    }
  });

  it('pages newest first with an opaque cursor and filters by kind', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/registrations?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await call<SearchPage>('admin', 'GET', path);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.body.items.map((item) => item.registrationNumber));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(created.map((item) => item.registrationNumber).reverse());
    const printers = await call<SearchPage>('viewer', 'GET', '/registrations?kind=printer');
    expect(printers.body.items.map((item) => item.registrationNumber)).toEqual([created[1]?.registrationNumber]);
    const bad = await call<ErrorResponse>('viewer', 'GET', '/registrations?limit=101&cursor=nonsense');
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect((await call<ErrorResponse>('viewer', 'GET', '/registrations?cursor=nonsense')).status).toBe(422);
  });

  it('shows the detail without customer fields to viewers and audits support reading them', async () => {
    const number = created[0]?.registrationNumber ?? '';
    const viewer = await call<Detail>('viewer', 'GET', `/registrations/${asTyped(number)}`);
    expect(viewer.status).toBe(200);
    expect(viewer.body).not.toHaveProperty('customer');
    expect(viewer.body.locale).toBe('ja');
    expect(viewer.body.consents).toEqual([{ privacyPolicyVersion: '2026-01', at: anyString }]);
    expect(viewer.body.devices[0]).toMatchObject({ kind: 'pc', serial: devices[0]?.serial, hardwareUuid: devices[0]?.hardwareUuid?.toLowerCase(), findings: [] });
    expect(viewer.body.events.map((event) => event.action)).toContain('registered');
    const viewedCount = (detail: Detail) => detail.events.filter((event) => event.action === 'operator_viewed').length;
    const before = viewedCount(viewer.body);
    expect(viewedCount((await call<Detail>('viewer', 'GET', `/registrations/${number}`)).body)).toBe(before);
    const support = await call<Detail>('support', 'GET', `/registrations/${number}`);
    expect(support.body.customer).toEqual(people[0]);
    expect(viewedCount(support.body)).toBe(before + 1);
    const viewed = support.body.events.filter((event) => event.action === 'operator_viewed');
    expect(viewed.at(-1)).toMatchObject({ actor: { type: 'operator', name: supportName }, registrationNumber: number });
    for (const path of ['/registrations/0000-0000-0000', '/registrations/not-a-number']) {
      const missing = await call<ErrorResponse>('support', 'GET', path);
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('lets support correct a customer (merged, validated as API.md, audited with field names and reason); viewers may not', async () => {
    const number = created[2]?.registrationNumber ?? '';
    const body = { customer: { email: `new.${tag}@example.jp` }, reason: 'customer called to fix the e-mail' };
    const refused = await call<ErrorResponse>('viewer', 'PATCH', `/registrations/${number}`, body);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const invalid = await call<ErrorResponse>('support', 'PATCH', `/registrations/${number}`, { customer: { email: 'nope', phone: '12' }, reason: 'typo' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.fields?.map((field) => field.path).sort()).toEqual(['customer.email', 'customer.phone']);
    expect((await call<ErrorResponse>('support', 'PATCH', `/registrations/${number}`, { customer: {}, reason: 'x' })).status).toBe(422);
    const changed = await call<{ changed: boolean; changedFields: string[] }>('support', 'PATCH', `/registrations/${number}`, body);
    expect(changed.body).toEqual({ changed: true, changedFields: ['email'] });
    const again = await call<{ changed: boolean }>('support', 'PATCH', `/registrations/${number}`, body);
    expect(again.body).toEqual({ changed: false, changedFields: [] });
    const byNewEmail = await call<SearchPage>('support', 'GET', `/registrations?q=${encodeURIComponent(`NEW.${tag}@example.jp`)}`);
    expect(byNewEmail.body.items.map((item) => item.registrationNumber)).toEqual([number]);
    const detail = await call<Detail>('support', 'GET', `/registrations/${number}`);
    expect(detail.body.customer?.email).toBe(`new.${tag}@example.jp`);
    expect(detail.body.customer?.name).toBe(people[2]?.name);
    expect(detail.body.events.find((event) => event.action === 'operator_corrected')).toMatchObject({ fields: ['email'], reason: body.reason });
  });

  it('releases a device once (409 ALREADY_RELEASED after), after which it registers anew with 201', async () => {
    const number = created[1]?.registrationNumber ?? '';
    const detail = await call<Detail>('viewer', 'GET', `/registrations/${number}`);
    const deviceId = detail.body.devices[0]?.id ?? '';
    expect((await call<ErrorResponse>('viewer', 'POST', `/devices/${deviceId}/release`, { reason: 'sold second hand' })).status).toBe(403);
    expect((await call<ErrorResponse>('support', 'POST', `/devices/${deviceId}/release`, { reason: 'no' })).status).toBe(422);
    expect((await call<ErrorResponse>('support', 'POST', '/devices/unknown-device/release', { reason: 'sold second hand' })).status).toBe(404);
    const released = await call<{ releasedAt: string }>('support', 'POST', `/devices/${deviceId}/release`, { reason: 'sold second hand' });
    expect(released.status).toBe(200);
    expect(Date.parse(released.body.releasedAt)).not.toBeNaN();
    const twice = await call<ErrorResponse>('support', 'POST', `/devices/${deviceId}/release`, { reason: 'sold second hand' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ALREADY_RELEASED');
    const after = await call<Detail>('support', 'GET', `/registrations/${number}`);
    expect(after.body.devices[0]?.releasedAt).toBe(released.body.releasedAt);
    expect(after.body.events.find((event) => event.action === 'operator_released')).toMatchObject({ reason: 'sold second hand', actor: { type: 'operator' } });
    const anew = await request<RegistrationCreated>(suite.host.url, 'POST', '/api/v1/registrations', { body: newRegistration({ device: devices[1] }) });
    expect(anew.status).toBe(201);
    expect(anew.body.registrationNumber).not.toBe(number);
    // Search shows current devices only: the released one is under the new registration now.
    const bySerial = await call<SearchPage>('viewer', 'GET', `/registrations?q=${encodeURIComponent(devices[1]?.serial ?? '')}`);
    expect(bySerial.body.items.map((item) => item.registrationNumber)).toEqual([anew.body.registrationNumber]);
  });

  it('records every 409 so /refusals explains it to support (and only to support)', async () => {
    const device = devices[0];
    if (!device?.serial) throw new Error('fixture');
    const duplicate = await request(suite.host.url, 'POST', '/api/v1/registrations', { body: newRegistration({ device: { ...device, hardwareUuid: undefined } }) });
    expect(duplicate.status).toBe(409);
    expect((await call<ErrorResponse>('viewer', 'GET', '/refusals')).status).toBe(403);
    const refusals = await call<{ items: Array<Record<string, unknown>>; nextCursor: string | null }>('support', 'GET', `/refusals?q=${encodeURIComponent(device.serial.toLowerCase())}`);
    expect(refusals.status).toBe(200);
    expect(refusals.body.items).toEqual([
      { at: anyString, endpoint: 'POST /api/v1/registrations', device: { kind: 'pc', vendor: device.vendor, model: device.model, serial: device.serial }, reason: 'duplicate', matchedOn: 'serial', registrationNumber: created[0]?.registrationNumber },
    ]);
    const byHolder = await call<{ items: unknown[] }>('support', 'GET', `/refusals?q=${asTyped(created[0]?.registrationNumber ?? '')}`);
    expect(byHolder.body.items).toHaveLength(1);
    expect((await call<{ items: unknown[] }>('support', 'GET', `/refusals?q=${uniqueSerial()}`)).body.items).toEqual([]);
  });

  it('lists the audit with filters and paging, as JSON or formula-safe CSV, for support only', async () => {
    const number = created[2]?.registrationNumber ?? '';
    await call('support', 'PATCH', `/registrations/${number}`, { customer: { address: `Moved ${tag} 9` }, reason: '=HYPERLINK("http://x")' });
    expect((await call<ErrorResponse>('viewer', 'GET', '/audit')).status).toBe(403);
    const events = await call<{ items: Array<{ id: string; action: string; registrationNumber?: string; actor: { name?: string } }>; nextCursor: string | null }>('support', 'GET', `/audit?registrationNumber=${asTyped(number)}`);
    expect(events.status).toBe(200);
    expect(events.body.items.every((event) => event.registrationNumber === number)).toBe(true);
    expect(events.body.items.map((event) => event.action)).toEqual(expect.arrayContaining(['registered', 'operator_corrected']));
    const ids = events.body.items.map((event) => Number(event.id));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const firstPage = await call<{ items: Array<{ id: string }>; nextCursor: string | null }>('support', 'GET', `/audit?registrationNumber=${number}&limit=1`);
    expect(firstPage.body.nextCursor).not.toBeNull();
    const secondPage = await call<{ items: Array<{ id: string }> }>('support', 'GET', `/audit?registrationNumber=${number}&limit=1&cursor=${encodeURIComponent(firstPage.body.nextCursor ?? '')}`);
    expect(secondPage.body.items[0]?.id).toBe(events.body.items[1]?.id);
    const actorName = events.body.items.find((event) => event.actor.name)?.actor.name ?? '';
    const byActor = await call<{ items: Array<{ actor: { name?: string } }> }>('support', 'GET', `/audit?actor=${encodeURIComponent(actorName)}`);
    expect(byActor.body.items.length).toBeGreaterThan(0);
    expect(byActor.body.items.every((event) => event.actor.name === actorName)).toBe(true);
    const future = await call<{ items: unknown[] }>('support', 'GET', `/audit?from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`);
    expect(future.body.items).toEqual([]);
    const csv = await request(suite.host.operatorUrl, 'GET', `${API}/audit?registrationNumber=${number}`, { token: tokens.support, headers: { accept: 'text/csv' } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = parseCsv<Record<string, string>>(csv.text, { columns: true });
    expect(rows.map((row) => row.id)).toEqual(events.body.items.map((event) => event.id));
    expect(rows.find((row) => row.action === 'operator_corrected' && row.fields === 'address')?.reason).toBe(`'=HYPERLINK("http://x")`);
  });

  it('exports one CSV row per registered device, customer columns for support only, formula-safe, audited', async () => {
    const viewer = await call('viewer', 'GET', '/exports/registrations.csv');
    expect(viewer.status).toBe(200);
    expect(viewer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const viewerRows: string[][] = parseCsv(viewer.text);
    expect(viewerRows[0]).toEqual(['registrationNumber', 'kind', 'vendor', 'model', 'serial', 'hardwareUuid', 'registeredAt']);
    expect(viewerRows.length - 1).toBe(3);
    const support = await call('support', 'GET', '/exports/registrations.csv');
    const supportRows = parseCsv<Record<string, string>>(support.text, { columns: true });
    expect(Object.keys(supportRows[0] ?? {})).toEqual(['registrationNumber', 'kind', 'vendor', 'model', 'serial', 'hardwareUuid', 'registeredAt', 'name', 'nameKana', 'email', 'phone', 'postalCode', 'address', 'country']);
    expect(supportRows.find((row) => row.registrationNumber === created[1]?.registrationNumber)).toBeUndefined();
    expect(supportRows.find((row) => row.registrationNumber === created[0]?.registrationNumber)?.email).toBe(people[0]?.email);
    const printers = await call('support', 'GET', '/exports/registrations.csv?kind=printer');
    expect(parseCsv(printers.text)).toHaveLength(2);
    const formulaExport = await call('support', 'GET', '/exports/registrations.csv?kind=pc');
    expect(formulaExport.text).not.toMatch(/(^|,)=/m);
    const audit = await call<{ items: Array<{ action: string; actor: { type: string } }> }>('support', 'GET', '/audit?limit=100');
    expect(audit.body.items.filter((event) => event.action === 'exported').length).toBeGreaterThanOrEqual(4);
  });

  it('answers /stats for every role', async () => {
    const stats = await call<{ registrations: number; devicesByKind: Record<string, number>; perDay: Array<{ date: string; registrations: number; duplicatesRefused: number }> }>('viewer', 'GET', '/stats');
    expect(stats.status).toBe(200);
    expect(stats.body.registrations).toBe(4);
    expect(stats.body.devicesByKind).toEqual({ pc: 2, printer: 1 });
    expect(stats.body.perDay).toHaveLength(30);
    const today = stats.body.perDay.at(-1);
    expect(today).toEqual({ date: new Date().toISOString().slice(0, 10), registrations: 4, duplicatesRefused: 1 });
  });

  it('never sent a viewer any customer value', () => {
    expect(viewerBytes.length).toBeGreaterThan(20);
    const all = viewerBytes.join('\n');
    const values = people.flatMap((person) => [person.name, person.nameKana ?? '', person.email ?? '', person.phone ?? '', person.address, person.postalCode ?? '']).filter((value) => value.length > 0);
    values.push(`new.${tag}@example.jp`, `Moved ${tag} 9`, tag);
    for (const value of values) expect(all, value).not.toContain(value);
  });
});
