// The native API, whatever the platform.
export { Secret, Totp, Hotp, normalizeCode } from './native.js';
export { NidanError, NidanSecretError, NidanUriError, NidanParameterError, errorCodes } from './errors.js';
export { limits } from './checks.js';
