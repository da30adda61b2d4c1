import crypto from 'node:crypto';
import sodium from 'libsodium-wrappers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FormSettings, RegistrationCreated } from '../../protocol';
import { sealFor } from '../../server/security/sealed-box';
import { databaseVariants } from '../support/databases';
import { newRegistration, pc } from '../support/fixtures';
import { request, type ErrorResponse } from '../support/http';
import { storedRowCounts } from '../support/stored-rows';
import { useTestHost } from '../support/use-test-host';

const variants = await databaseVariants('sealed.test');

describe.each(variants)('POST /api/v1/registrations/sealed on $kind', (variant) => {
  const suite = useTestHost(variant);
  let publicKey: string;
  const postSealed = (body: unknown) => request<RegistrationCreated & ErrorResponse>(suite.host.url, 'POST', '/api/v1/registrations/sealed', { body });

  beforeAll(async () => {
    publicKey = (await request<FormSettings>(suite.host.url, 'GET', '/api/v1/form')).body.outboxPublicKey;
  });

  it('publishes a 32-byte X25519 public key', () => {
    expect(Buffer.from(publicKey, 'base64')).toHaveLength(32);
  });

  it('registers a sealed body and replays it when sent again', async () => {
    const body = newRegistration();
    const sealed = await sealFor(JSON.stringify(body), publicKey);
    const first = await postSealed({ sealed });
    expect(first.status).toBe(201);
    const before = await storedRowCounts(suite.database);
    const replay = await postSealed({ sealed });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    const resealed = await postSealed({ sealed: await sealFor(JSON.stringify(body), publicKey) });
    expect(resealed.body).toEqual(first.body);
    expect(await storedRowCounts(suite.database)).toEqual(before);
  });

  it('shares the request-id space with plain registrations', async () => {
    const body = newRegistration();
    const plain = await request<RegistrationCreated>(suite.host.url, 'POST', '/api/v1/registrations', { body });
    const sealed = await postSealed({ sealed: await sealFor(JSON.stringify(body), publicKey) });
    expect(sealed.status).toBe(201);
    expect(sealed.body).toEqual(plain.body);
    const conflicting = await postSealed({ sealed: await sealFor(JSON.stringify({ ...body, device: pc() }), publicKey) });
    expect(conflicting.body.error.code).toBe('REQUEST_ID_CONFLICT');
  });

  it('answers as the plain endpoint would for the sealed body', async () => {
    const registered = newRegistration();
    await postSealed({ sealed: await sealFor(JSON.stringify(registered), publicKey) });
    const duplicate = await postSealed({ sealed: await sealFor(JSON.stringify(newRegistration({ device: registered.device })), publicKey) });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.matchedOn).toBe('hardwareUuid');
    const invalid = await postSealed({ sealed: await sealFor(JSON.stringify({ ...newRegistration(), password: 'x' }), publicKey) });
    expect(invalid.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'password' }] });
    const notJson = await postSealed({ sealed: await sealFor('{nope', publicKey) });
    expect(notJson.status).toBe(400);
    const notObject = await postSealed({ sealed: await sealFor('[1]', publicKey) });
    expect(notObject.status).toBe(400);
    const deep = JSON.stringify({ ...newRegistration(), extra: 'X' }).replace('"X"', `${'['.repeat(20_000)}${']'.repeat(20_000)}`);
    expect((await postSealed({ sealed: await sealFor(deep, publicKey) })).status).toBe(400);
  });

  it('answers 422 SEALED_UNREADABLE for garbage, a foreign key or tampering, storing nothing', async () => {
    const before = await storedRowCounts(suite.database);
    await sodium.ready;
    const foreignKey = sodium.to_base64(sodium.crypto_box_keypair().publicKey, sodium.base64_variants.ORIGINAL);
    const good = await sealFor(JSON.stringify(newRegistration()), publicKey);
    const tampered = Buffer.from(good, 'base64');
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    for (const sealed of [
      'not base64 at all!!',
      crypto.randomBytes(100).toString('base64'),
      'AAAA',
      await sealFor(JSON.stringify(newRegistration()), foreignKey),
      tampered.toString('base64'),
    ]) {
      const response = await postSealed({ sealed });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('SEALED_UNREADABLE');
    }
    const missing = await postSealed({});
    expect(missing.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'sealed' }] });
    expect(await storedRowCounts(suite.database)).toEqual(before);
  });
});
