// The otpauth drop-in for browsers and bundlers: `import * as OTPAuth from 'nidan/otpauth'`.
import { otpauth } from './nidan.mjs';

export const { HOTP, TOTP, Secret, URI, version } = otpauth;
