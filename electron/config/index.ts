export * from './desktop-config';
export * from './host-url';
