// The otpauth drop-in for Node ESM: `import * as OTPAuth from 'nidan/otpauth'`.
import nidan from './nidan.cjs';

export const { HOTP, TOTP, Secret, URI, version } = nidan.otpauth;
