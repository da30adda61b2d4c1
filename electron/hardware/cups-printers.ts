/** A printer queue or device as CUPS reports it. */
export interface CupsPrinter {
  /** Queue name (`lpstat -v`) or the device's `info` (`lpinfo -l -v`). */
  name: string;
  uri: string;
  /** Manufacturer and model from a `usb://Make/Model?serial=…` URI (percent-decoded). */
  make: string | null;
  model: string | null;
  /** The `serial` query parameter of a usb:// URI, exactly as CUPS read it from the device. */
  serial: string | null;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** Splits a CUPS device URI; only usb:// URIs carry the USB device's own serial number. */
export function parseCupsUri(uri: string): Pick<CupsPrinter, 'make' | 'model' | 'serial'> {
  const match = /^usb:\/\/([^/?]+)\/([^?]+)(?:\?(.*))?$/.exec(uri.trim());
  if (match === null) return { make: null, model: null, serial: null };
  const params = new URLSearchParams(match[3] ?? '');
  const serial = params.get('serial');
  return { make: decode(match[1] ?? ''), model: decode(match[2] ?? ''), serial: serial === null || serial === '' ? null : serial };
}

/**
 * Reads `lpstat -v` (`device for NAME: URI`) and `lpinfo -l -v` (`Device: uri = URI` … `info = …`)
 * output, so a recording may hold either; non-USB queues are kept but carry no serial.
 */
export function parseCupsPrinters(output: string): CupsPrinter[] {
  const printers: CupsPrinter[] = [];
  let pending: CupsPrinter | null = null;
  for (const line of output.replace(/\r\n?/g, '\n').split('\n')) {
    const lpstat = /^device for ([^:]+):\s*(\S+)/.exec(line);
    if (lpstat?.[1] !== undefined && lpstat[2] !== undefined) {
      printers.push({ name: lpstat[1].trim(), uri: lpstat[2], ...parseCupsUri(lpstat[2]) });
      continue;
    }
    const device = /^[^\s:]+:\s*uri\s*=\s*(\S+)/.exec(line); // "Device:", or localized ("Dispositivo:")
    if (device?.[1] !== undefined) {
      pending = { name: '', uri: device[1], ...parseCupsUri(device[1]) };
      printers.push(pending);
      continue;
    }
    const info = /^\s+info\s*=\s*(.*)$/.exec(line);
    if (info?.[1] !== undefined && pending !== null && pending.name === '') pending.name = info[1].trim();
  }
  for (const printer of printers) if (printer.name === '') printer.name = [printer.make, printer.model].filter(Boolean).join(' ') || printer.uri;
  return printers;
}
