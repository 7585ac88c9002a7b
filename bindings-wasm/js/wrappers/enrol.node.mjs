// `nidan/enrol` for Node ESM: the same instance as require('nidan/enrol').
import shared from './enrol-shared.cjs';

export const {
  Secret, Totp, Hotp, KeyUri, normalizeCode, NidanError, NidanSecretError, NidanUriError, NidanParameterError,
  MigrationBatch, Qr, importKeyUri,
} = shared;
