// `nidan/enrol`: the native API plus Google Authenticator exports and QR codes.
export * from './index.js';
export { MigrationBatch } from './migration.js';
export { Qr } from './qr.js';
