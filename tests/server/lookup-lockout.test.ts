import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { DeviceIdentity } from '../../protocol';
import { databaseVariants } from '../support/databases';
import { newRegistration, PASSWORD, pc } from '../support/fixtures';
import { request } from '../support/http';
import { storedRowCounts } from '../support/stored-rows';
import { useTestHost } from '../support/use-test-host';

const variants = await databaseVariants('lookup-lockout.test');

/** The device as sent with only its serial key. */
function serialOnly(device: DeviceIdentity): DeviceIdentity {
  const { hardwareUuid: _dropped, ...rest } = device;
  return rest;
}

/** The device as sent with only its hardware-UUID key. */
function uuidOnly(device: DeviceIdentity): DeviceIdentity {
  const { serial: _dropped, ...rest } = device;
  return rest;
}

describe.each(variants)('lookup lockout made exact on $kind', (variant) => {
  const suite = useTestHost(variant, { LOOKUP_MAX_FAILURES: '5', LOOKUP_LOCKOUT_WINDOW_SECONDS: '2' });
  const lookup = async (device: DeviceIdentity, password: string) => (await request(suite.host.url, 'POST', '/api/v1/registrations/lookup', { body: { device, password } })).status;
  const register = async () => {
    const device = pc();
    expect((await request(suite.host.url, 'POST', '/api/v1/registrations', { body: newRegistration({ device }) })).status).toBe(201);
    return device;
  };

  it('counts a registered PC once, whichever of its serial and UUID each guess sends', async () => {
    const device = await register();
    const bySerial = serialOnly(device);
    const byUuid = uuidOnly(device);
    const statuses = [];
    for (const guess of [bySerial, byUuid, bySerial, byUuid, bySerial]) statuses.push(await lookup(guess, 'wrong password'));
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(await lookup(byUuid, PASSWORD)).toBe(429);
    expect(await lookup(bySerial, PASSWORD)).toBe(429);
    expect(await lookup(device, PASSWORD)).toBe(429);
  });

  it('counts an unknown device per key presented', async () => {
    const unknown = pc();
    for (let i = 0; i < 5; i += 1) expect(await lookup(serialOnly(unknown), PASSWORD)).toBe(401);
    expect(await lookup(serialOnly(unknown), PASSWORD)).toBe(429);
    // The same serial with a UUID sent too is still over the serial's budget.
    expect(await lookup(unknown, PASSWORD)).toBe(429);
    expect(await lookup(uuidOnly(unknown), PASSWORD)).toBe(401);
  });

  it('purges expired failures of keys that are never sent again', async () => {
    for (let i = 0; i < 3; i += 1) expect(await lookup(pc(), PASSWORD)).toBe(401);
    await sleep(2100);
    expect(await lookup(serialOnly(pc()), PASSWORD)).toBe(401);
    expect((await storedRowCounts(suite.database)).lookup_failures).toBe(1);
  });
});
