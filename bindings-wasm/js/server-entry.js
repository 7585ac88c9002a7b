// `nidan/server`: the native API plus the server side of two-step login.
export * from './index.js';
export { Record, Login, RecoveryCodes, DeliveredCode } from './server.js';
