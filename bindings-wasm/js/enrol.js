// `nidan/enrol`: the native API plus Google Authenticator exports, QR codes
// and the import mode for authenticator apps.
export * from './index.js';
export { MigrationBatch } from './migration.js';
export { importKeyUri } from './import.js';
export { Qr } from './qr.js';
