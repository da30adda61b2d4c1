export * from './api';
export * from './canonical-identity';
export * from './attestation-api';
export * from './customer';
export * from './device-identity';
export * from './error-codes';
export * from './junk-identifiers';
export * from './lifecycle-api';
export * from './registration-number';
export * from './text-rules';
export * from './vendor-names';
export * from './desktop-api';
// operator-api.ts is imported by path: its audit and transfer types are the operator's view of lifecycle-api's.
