// `nidan/otpauth` for Node ESM: `import * as OTPAuth from 'nidan/otpauth'`.
import shared from './shared.cjs';

export const { HOTP, TOTP, Secret, URI, version } = shared.otpauth;
