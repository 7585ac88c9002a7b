// What every app computes: the RFC 6238 SHA-1 code at time 59 (8 digits,
// 94287082) through each entry of the package, each with its own module.
import { Secret, Totp } from 'nidan';
import { TOTP } from 'nidan/otpauth';
import * as enrol from 'nidan/enrol';

const KEY = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"

export function codes() {
  return [
    new Totp(Secret.fromBase32(KEY), { digits: 8 }).generate(59),
    new TOTP({ secret: KEY, digits: 8 }).generate({ timestamp: 59_000 }),
    new enrol.Totp(enrol.Secret.fromBase32(KEY), { digits: 8 }).generate(59),
  ].join(' ');
}
