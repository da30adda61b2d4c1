export * from './host-client';
export * from './host-error';
