import { deviceId, identityOf, modelText, type FoundDevice } from './found-device';
import { parseEdid } from './edid';
import { pnpName } from '../../protocol/vendor-names';

/** Connector names of built-in panels (`card0-eDP-1`, `LVDS-1`, DSI on tablets): part of the PC, never offered. */
export function isInternalConnector(connector: string): boolean {
  return /(^|[-_])(eDP|LVDS|DSI)([-_]|\d|$)/i.test(connector);
}

/** Monitors from their EDIDs; unreadable EDIDs are reported as warnings, not devices. */
export function monitorDevices(edids: readonly { connector: string; bytes: Uint8Array }[], warnings: string[]): FoundDevice[] {
  const devices: FoundDevice[] = [];
  for (const { connector, bytes } of edids) {
    const edid = parseEdid(bytes);
    if (edid === null) {
      if (bytes.length > 0) warnings.push(`EDID of ${connector} could not be read`);
      continue;
    }
    const internal = isInternalConnector(connector);
    const model = modelText(edid.name ?? `${edid.vendor}${edid.productCodeHex}`);
    const identifiable = !internal && edid.serial !== null;
    const reason = internal ? ('internal-panel' as const) : edid.serial === null ? (edid.serialText !== null || edid.serialNumber !== 0 ? ('junk-serial' as const) : ('no-serial' as const)) : undefined;
    const scanned = {
      id: deviceId('monitor', connector),
      kind: 'monitor' as const,
      source: 'edid' as const,
      vendor: edid.vendor,
      model,
      displayName: model.toLowerCase().startsWith(pnpName(edid.vendor).toLowerCase()) ? model : `${pnpName(edid.vendor)} ${model}`,
      serial: internal ? null : edid.serial,
      edidProductCode: edid.productCodeHex,
      identifiable,
      ...(reason === undefined ? {} : { reason }),
    };
    devices.push({ scanned, identity: identifiable ? identityOf(scanned) : null });
  }
  return devices;
}
