import { describe, expect, it } from 'vitest';
import { createRowJudge, headerColumns } from '../../server/manifest/manifest-rows';

const columns = headerColumns(['kind', 'vendor', 'model', 'serial', 'hardwareUuid', 'shippedAt']);
if (columns === null) throw new Error('the contract header was refused');

describe('the manifest row judge (product and ship date checked once per distinct value)', () => {
  it('gives each row its own line and serial while the product it repeats is judged once', () => {
    const judge = createRowJudge(columns, 'm-1');
    const first = judge(['pc', 'ＬＥＮＯＶＯ', 'ThinkPad\u200B T14', 'PF1ABC01', '', '2026-11-01'], 2);
    const second = judge(['pc', 'ＬＥＮＯＶＯ', 'ThinkPad\u200B T14', 'PF1ABC02', '', '2026-11-01'], 3);
    expect(first).toMatchObject({ ok: true, row: { manifest_id: 'm-1', line: 2, vendor: 'LENOVO', vendor_key: 'LENOVO', model: 'ThinkPad T14', serial: 'PF1ABC01', shipped_at: Date.parse('2026-11-01') } });
    expect(second).toMatchObject({ ok: true, row: { line: 3, serial: 'PF1ABC02' } });
    // Two rows never share one object: a later change to one cannot reach the other.
    expect(first.ok && second.ok && first.row !== second.row).toBe(true);
  });

  it('refuses a bad product or date on every row that repeats it, with the same message', () => {
    const judge = createRowJudge(columns, 'm-1');
    const bad = ['pc', 'Vendor\u0007', 'Model', 'SER1AL01', '', ''];
    expect(judge(bad, 2)).toEqual({ ok: false, code: 'BAD_ROW', message: 'vendor: contains control characters' });
    expect(judge(bad, 3)).toEqual({ ok: false, code: 'BAD_ROW', message: 'vendor: contains control characters' });
    expect(judge(['pc', 'Acme', 'Model', 'SER1AL01', '', '2026-13-45'], 4)).toEqual({ ok: false, code: 'BAD_ROW', message: 'shippedAt: not a real date' });
    expect(judge(['pc', 'Acme', 'Model', 'SER1AL01', '', '2026-13-45'], 5)).toMatchObject({ ok: false, message: 'shippedAt: not a real date' });
    // A cell with U+0000 is judged on its own, never mistaken for a memo key of other cells.
    expect(judge(['pc', 'Acme\u0000Model', '', 'SER1AL01', '', ''], 6)).toMatchObject({ ok: false, code: 'BAD_ROW' });
    expect(judge(['pc', 'Acme', 'Model', 'SER1AL01', '', ''], 7)).toMatchObject({ ok: true, row: { vendor: 'Acme', model: 'Model' } });
  });

  it('stays right past the memo size: 10,000 distinct models, each judged as it would be alone', () => {
    const judge = createRowJudge(columns, 'm-1');
    for (let i = 0; i < 10_000; i += 1) {
      const model = i % 1000 === 0 ? `Model\u0001${i}` : `Model ${i}`;
      const judged = judge(['printer', 'Brother', model, `E7${(i * 7919 + 104_729).toString(36).toUpperCase()}Q`, '', ''], i + 2);
      if (i % 1000 === 0) expect(judged).toMatchObject({ ok: false, message: 'model: contains control characters' });
      else expect(judged).toMatchObject({ ok: true, row: { model: `Model ${i}`, line: i + 2 } });
    }
  });
});
