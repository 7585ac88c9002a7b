// TypeScript, ESM (node16 and nodenext): types and run time agree.
import { Secret, Totp } from 'nidan';
import { TOTP } from 'nidan/otpauth';
import * as enrol from 'nidan/enrol';

const KEY = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const code: string = new Totp(Secret.fromBase32(KEY), { digits: 8 }).generate(59);
const dropIn: string = new TOTP({ secret: KEY, digits: 8 }).generate({ timestamp: 59_000 });
const enrolled: string = new enrol.Totp(enrol.Secret.fromBase32(KEY), { digits: 8 }).generate(59);
console.log([code, dropIn, enrolled].join(' '));
