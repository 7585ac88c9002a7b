// `nidan/server`: the native API plus the server side of two-step login
// (Record, Login, RecoveryCodes, DeliveredCode), with its own module nidan-server.wasm.
import 'nidan-init';

export * from '../index.js';
export { Record, Login, RecoveryCodes, DeliveredCode } from '../server.js';
