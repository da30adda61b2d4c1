export * from './api';
export * from './customer';
export * from './device-identity';
export * from './error-codes';
export * from './junk-identifiers';
export * from './registration-number';
export * from './text-rules';
export * from './desktop-api';
