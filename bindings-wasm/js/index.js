// Everything the package exports, whatever the platform.
export { Secret, Totp, Hotp, KeyUri, normalizeCode } from './native.js';
export { NidanError, NidanSecretError, NidanUriError, NidanParameterError } from './errors.js';
export * as otpauth from './otpauth.js';
