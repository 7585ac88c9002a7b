// Node ESM: the same instance as require('nidan').
import nidan from './nidan.cjs';

export const {
  Secret, Totp, Hotp, KeyUri, normalizeCode, NidanError, NidanSecretError, NidanUriError, NidanParameterError, otpauth,
} = nidan;
