import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseEdid } from '../../electron/hardware/edid';
import { isInternalConnector, monitorDevices } from '../../electron/hardware/monitor-devices';
import { corpusFile } from './corpus-files';
import { EDID_EXPECTATIONS } from './edid-expectations';

const available = EDID_EXPECTATIONS.filter(([file]) => corpusFile(file) !== null);

async function bytesOf(file: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(corpusFile(file) ?? ''));
}

describe('monitors by EDID', () => {
  it(`vendor and serial of every corpus EDID (${available.length})`, async () => {
    const problems: string[] = [];
    for (const [file, vendor, serial] of available) {
      const edid = parseEdid(await bytesOf(file));
      const seen = { vendor: edid?.vendor, serial: edid?.serial };
      if (JSON.stringify(seen) !== JSON.stringify({ vendor, serial })) problems.push(`${file}: got ${JSON.stringify(seen)} want ${JSON.stringify({ vendor, serial })}`);
    }
    expect(problems).toEqual([]);
    expect(new Set(available.map((row) => row[1])).size).toBeGreaterThan(60);
  });

  it('reads the model name (0xFC), the 0xFF text before the 32-bit serial, and rejects shared values', async () => {
    expect(parseEdid(await bytesOf('edid/glpi-agent/glpi-agent_lcd.dell-U2415.bin'))).toMatchObject({ vendor: 'DEL', name: 'DELL U2415', serialText: '7MT019AI34EU', serial: '7MT019AI34EU' });
    // BenQ BL2420: 32-bit serial 21573 (0x5445, shared by 372 models) but a real 0xFF text
    expect(parseEdid(await bytesOf('edid/glpi-agent/glpi-agent_benq-bl2420-tf.bin'))?.serial).toBe('X1J08410019');
    // iiyama PL2779A: 0xFF "0" and 32-bit 16843009 (0x01010101): nothing trustworthy
    expect(parseEdid(await bytesOf('edid/glpi-agent/glpi-agent_iiyama-PL2779A.bin'))).toMatchObject({ serialText: '0', serialNumber: 16843009, serial: null });
    // Philips 150S: 0xFF " HD  000237" loses the outer spaces and its inner run becomes one space (canonical form)
    expect(parseEdid(await bytesOf('edid/glpi-agent/glpi-agent_lcd.philips-150s.bin'))?.serial).toBe('HD 000237');
    // HannStar HSD03E9: no 0xFF text, 32-bit serial 6035: a real per-model number, sent with product code 03E9
    expect(parseEdid(await bytesOf('edid/linuxhw-EDID/Digital_HannStar_HSD03E9_B9B23A023C23.txt'))).toMatchObject({ serial: '6035', productCodeHex: '03E9' });
    // Lenovo LT2452: no 0xFF descriptor, 32-bit serial used
    expect(parseEdid(await bytesOf('edid/glpi-agent/glpi-agent_lenovo-LT2452.bin'))?.serial).toBe('1514688565');
    expect(parseEdid(new Uint8Array(128))).toBeNull();
    expect(parseEdid(new Uint8Array([0, 255, 255, 255, 255, 255, 255, 0]))).toBeNull();
  });

  it('lists internal panels as not identifiable and external monitors with their serial', async () => {
    expect(isInternalConnector('card0-eDP-1')).toBe(true);
    expect(isInternalConnector('card1-LVDS-1')).toBe(true);
    expect(isInternalConnector('card0-DSI-1')).toBe(true);
    expect(isInternalConnector('card0-DP-1')).toBe(false);
    expect(isInternalConnector('card0-HDMI-A-1')).toBe(false);
    const warnings: string[] = [];
    const devices = monitorDevices(
      [
        { connector: 'card0-eDP-1', bytes: await bytesOf('edid/glpi-agent/glpi-agent_lcd.internal.bin') },
        { connector: 'card0-HDMI-A-1', bytes: await bytesOf('edid/glpi-agent/glpi-agent_acer-b247y.bin') },
        { connector: 'card0-DP-2', bytes: new Uint8Array([1, 2, 3]) },
      ],
      warnings,
    );
    expect(devices.map((d) => [d.scanned.id, d.scanned.vendor, d.scanned.serial, d.scanned.identifiable, d.scanned.reason])).toEqual([
      ['monitor-card0-eDP-1', 'TOS', null, false, 'internal-panel'],
      ['monitor-card0-HDMI-A-1', 'ACR', 'TJYEE0068521', true, undefined],
    ]);
    expect(devices[1]?.identity).toMatchObject({ kind: 'monitor', vendor: 'ACR', serial: 'TJYEE0068521', source: 'edid' });
    expect(devices[1]?.identity?.edidProductCode).toMatch(/^[0-9A-F]{4}$/);
    expect(warnings).toEqual(['EDID of card0-DP-2 could not be read']);
  });
});
