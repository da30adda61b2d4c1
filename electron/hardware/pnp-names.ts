/** Company names of common EDID PNP ids, for display only (the registered vendor stays the PNP id, as read). */
const PNP_NAMES: Readonly<Record<string, string>> = {
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
