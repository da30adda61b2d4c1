import { describe, expect, it } from 'vitest';
import { DEFAULT_REGISTERED_KINDS } from '../../protocol';
import { loadConfig } from '../../server/config';

describe('DEVICE_KINDS (the kinds the maker registers)', () => {
  it('defaults to the PC and the peripherals a maker sells with it, not webcams, audio or drives', () => {
    const kinds = loadConfig({}).deviceKinds;
    expect(kinds).toEqual([...DEFAULT_REGISTERED_KINDS]);
    expect(kinds).not.toContain('camera');
    expect(kinds).not.toContain('audio');
    expect(kinds).not.toContain('storage');
  });

  it('takes a comma-separated list and refuses an unknown kind by name', () => {
    expect(loadConfig({ DEVICE_KINDS: 'pc, monitor,pc' }).deviceKinds).toEqual(['pc', 'monitor']);
    expect(() => loadConfig({ DEVICE_KINDS: 'pc,ups' })).toThrow(/DEVICE_KINDS "ups" is not a device kind/);
  });
});
