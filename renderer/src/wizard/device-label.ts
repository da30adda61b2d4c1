import { pnpName, type ScannedDevice } from '../../../protocol';

/** Legal forms at the end of a maker's name ("Dell Inc.", "Logitech, Inc.", "Razer Inc"): not part of what a customer calls it. */
const LEGAL_FORM = /[\s,]+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|gmbh|ag|kk|plc)\.?$/i;
/** Makers written in capitals on purpose. */
const CAPITAL_NAMES = new Set(['ASUS', 'EIZO', 'AOC', 'BENQ', 'NEC', 'HP', 'LG', 'MSI', 'BOE', 'HKC', 'IBM', 'APC']);

/** The maker as a customer would write it: "Dell", "Lenovo", "Logitech"; a monitor's PNP id (`DEL`) as its company. */
export function makerName(device: Pick<ScannedDevice, 'vendor' | 'source'>): string {
  let name = device.source === 'edid' ? pnpName(device.vendor) : device.vendor.trim();
  for (let i = 0; i < 3 && LEGAL_FORM.test(name); i += 1) name = name.replace(LEGAL_FORM, '');
  return name
    .split(' ')
    .map((word) => (/^[A-Z]{4,}$/.test(word) && !CAPITAL_NAMES.has(word) ? word.charAt(0) + word.slice(1).toLowerCase() : word))
    .join(' ');
}

const squash = (text: string) => text.toLowerCase().replace(/[\s\-_.,]+/g, '');

/** Strips a leading maker name (as read or as cleaned) from a product name. */
function withoutMaker(text: string, makers: readonly string[]): string {
  for (const maker of makers) {
    if (maker !== '' && text.toLowerCase().startsWith(`${maker.toLowerCase()} `)) return text.slice(maker.length + 1).trim();
  }
  return text.trim();
}

export interface DeviceLabel {
  /** One line: maker and product name, never the maker twice ("Lenovo ThinkPad L490", "Dell U2415"). */
  title: string;
  /** The model number when the title does not already say it (a ThinkPad's "20Q5S0M600"). */
  modelNumber?: string;
}

/**
 * The one name a device has on every page (issue #12 item 6): the marketing name the scan
 * found, the maker once and by its name, the model number as a detail only when it adds something.
 */
export function deviceLabel(device: Pick<ScannedDevice, 'vendor' | 'source' | 'model' | 'displayName'>): DeviceLabel {
  const maker = makerName(device);
  const rawVendor = device.vendor.trim();
  const cleanedVendor = rawVendor.replace(LEGAL_FORM, '');
  const product = withoutMaker(device.displayName, [rawVendor, cleanedVendor, maker, ...(device.source === 'edid' ? [pnpName(rawVendor)] : [])]) || device.model.trim();
  const startsWithMaker = maker !== '' && product.toLowerCase().startsWith(maker.toLowerCase());
  const title = product === '' ? maker : startsWithMaker || maker === '' ? product : `${maker} ${product}`;
  const model = device.model.trim();
  const shows = model === '' || squash(title).includes(squash(model)) || squash(model).includes(squash(product));
  return shows ? { title } : { title, modelNumber: model };
}
