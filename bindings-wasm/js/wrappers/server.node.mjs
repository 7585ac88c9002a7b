// `nidan/server` for Node ESM: the same instance as require('nidan/server').
import shared from './server-shared.cjs';

export const {
  Secret, Totp, Hotp, KeyUri, normalizeCode, NidanError, NidanSecretError, NidanUriError, NidanParameterError,
  Record, Login, RecoveryCodes, DeliveredCode,
} = shared;
