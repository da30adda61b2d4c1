import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { databaseVariants } from '../support/databases';
import { request } from '../support/http';
import { useTestHost } from '../support/use-test-host';

const variants = await databaseVariants('openapi.test');

describe.each(variants)('GET /openapi.json on $kind', (variant) => {
  const suite = useTestHost(variant);

  it('is a valid OpenAPI 3.1 document covering every endpoint of API.md', async () => {
    const response = await request<Record<string, unknown> & { openapi: string; paths: Record<string, Record<string, unknown>> }>(suite.host.url, 'GET', '/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    const result = await new Validator().validate(response.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(response.body.paths).sort()).toEqual(
      [
        '/api/v1/form',
        '/api/v1/registrations',
        '/api/v1/registrations/sealed',
        '/api/v1/registrations/lookup',
        '/api/v1/registrations/{registrationNumber}',
        '/api/v1/registrations/{registrationNumber}/devices',
        '/healthz',
        '/readyz',
        '/openapi.json',
      ].sort(),
    );
    const register = response.body.paths['/api/v1/registrations']?.post as { responses: Record<string, unknown> };
    expect(Object.keys(register.responses)).toEqual(expect.arrayContaining(['201', '400', '409', '413', '422', '429']));
    expect(JSON.stringify(response.body)).toContain('DEVICE_ALREADY_REGISTERED');
  });
});
