// `nidan/enrol`: the native API plus otpauth URIs (`KeyUri`), Google
// Authenticator exports, QR codes and the import mode for authenticator apps.
export * from './index.js';
export { KeyUri } from './uri.js';
export { MigrationBatch } from './migration.js';
export { Qr } from './qr.js';
