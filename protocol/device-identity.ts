import { z } from 'zod';
import { hasControlCharacters } from './text-rules';

/** Device kinds of API.md; "modem" covers modems and ISDN terminal adapters. */
export const DEVICE_KINDS = [
  'pc',
  'printer',
  'scanner',
  'modem',
  'monitor',
  'storage',
  'camera',
  'audio',
  'input',
  'other',
] as const;
export const deviceKindSchema = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof deviceKindSchema>;

export const DEVICE_SOURCES = ['firmware', 'usb', 'edid', 'cups', 'manual'] as const;
export const deviceSourceSchema = z.enum(DEVICE_SOURCES);
export type DeviceSource = z.infer<typeof deviceSourceSchema>;

/** Vendor and model: control characters and lone surrogates are refused; format characters (Cf) are removed by canonicalisation. */
const identifierText = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((value) => !hasControlCharacters(value), { message: 'contains control characters' });

/** A device's identifiers as read by the desktop app (API.md `DeviceIdentity`). */
export const deviceIdentitySchema = z.object({
  kind: deviceKindSchema,
  vendor: identifierText(1, 100),
  model: identifierText(0, 100).optional(),
  // Any text: a serial or UUID that is not printable ASCII after NFKC is junk (dropped), not a 422 (API.md December additions).
  serial: z.string().min(1).max(64).nullable().optional(),
  hardwareUuid: z.string().min(1).max(64).optional(),
  usbVendorId: z.string().regex(/^[0-9a-fA-F]{4}$/, 'must be 4 hex digits').optional(),
  usbProductId: z.string().regex(/^[0-9a-fA-F]{4}$/, 'must be 4 hex digits').optional(),
  edidProductCode: z.string().regex(/^[0-9a-fA-F]{4}$/, 'must be 4 hex digits').optional(),
  installationId: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits').optional(),
  source: deviceSourceSchema,
});
export type DeviceIdentity = z.infer<typeof deviceIdentitySchema>;

/** What the host echoes back about a device; never more than this. */
export const deviceSummarySchema = z.object({
  kind: deviceKindSchema,
  vendor: z.string(),
  model: z.string(),
  serial: z.string().nullable(),
});
export type DeviceSummary = z.infer<typeof deviceSummarySchema>;
