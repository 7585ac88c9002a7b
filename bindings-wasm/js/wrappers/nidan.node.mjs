// `nidan` for Node ESM: the same instance as require('nidan').
import shared from './shared.cjs';

export const {
  Secret, Totp, Hotp, KeyUri, normalizeCode, NidanError, NidanSecretError, NidanUriError, NidanParameterError,
} = shared.native;
