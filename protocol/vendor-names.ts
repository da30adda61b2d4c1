/**
 * Company names of common EDID PNP manufacturer ids: shown in the wizard instead of the three
 * letters, and read into the vendor key so a Dell monitor (`DEL`) is the same vendor as a Dell PC.
 */
export const PNP_NAMES: Readonly<Record<string, string>> = {
  ACR: 'Acer', AOC: 'AOC', APP: 'Apple', AUO: 'AU Optronics', BNQ: 'BenQ', BOE: 'BOE', CMN: 'Chimei Innolux', CMO: 'Chi Mei',
  DEL: 'Dell', ENC: 'EIZO', EIZ: 'EIZO', FUS: 'Fujitsu Siemens', GSM: 'LG', HPN: 'HP', HWP: 'HP', HSD: 'HannStar', IVM: 'iiyama',
  LEN: 'Lenovo', LGD: 'LG Display', LPL: 'LG Philips', MEI: 'Panasonic', MSI: 'MSI', NEC: 'NEC', PHL: 'Philips', SAM: 'Samsung',
  SDC: 'Samsung Display', SHP: 'Sharp', SNY: 'Sony', TOS: 'Toshiba', TSB: 'Toshiba', VSC: 'ViewSonic', ASU: 'ASUS', AUS: 'ASUS',
  EIZO: 'EIZO', IQT: 'Hyundai ImageQuest', MAX: 'Belinea', CPQ: 'Compaq', NEX: 'Nexgen', HKC: 'HKC', VIZ: 'Vizio',
};

/** A display name for a PNP id: the company when known, else the id itself. */
export function pnpName(pnpId: string): string {
  return PNP_NAMES[pnpId] ?? pnpId;
}

/**
 * Words that name a company's legal form or group rather than the company, dropped from the end
 * of a vendor key (`Lenovo Group Limited`, `Dell Inc.`, `Seiko Epson Corporation`, `ASUSTeK COMPUTER INC.`).
 */
export const VENDOR_FORM_WORDS: ReadonlySet<string> = new Set([
  'INC', 'INCORPORATED', 'CORP', 'CORPORATION', 'CO', 'COMPANY', 'LTD', 'LIMITED', 'LLC', 'GMBH', 'AG', 'SA', 'SAS', 'BV', 'NV',
  'PLC', 'KK', 'SPA', 'AB', 'OY', 'GROUP', 'HOLDINGS', 'INTERNATIONAL', 'COMPUTER', 'COMPUTERS', 'ELECTRONICS', 'TECHNOLOGY',
  'TECHNOLOGIES', 'SYSTEMS', 'JAPAN', 'USA',
]);

/** Compact vendor keys that firmware and USB descriptors spell differently for one maker. */
export const VENDOR_KEY_ALIASES: Readonly<Record<string, string>> = {
  HEWLETTPACKARD: 'HP', HPINC: 'HP', HPE: 'HP', HEWLETTPACKARDENTERPRISE: 'HP', ASUSTEK: 'ASUS', SEIKOEPSON: 'EPSON',
  MICROSTAR: 'MSI', MICROSTARINTL: 'MSI', GOLDSTAR: 'LG', LGE: 'LG', FUJITSUSIEMENS: 'FUJITSU', FUJITSUCLIENT: 'FUJITSU',
  TOSHIBAAMERICA: 'TOSHIBA', DYNABOOK: 'TOSHIBA', CANONKABUSHIKIKAISHA: 'CANON',
  BROTHERINDUSTRIES: 'BROTHER', GIGABYTETECHNOLOGY: 'GIGABYTE', GIGABYTE: 'GIGABYTE',
};
