// TypeScript with `moduleResolution: bundler`: the same named exports, no default.
import { KeyUri, Secret, Totp } from 'nidan';
import { TOTP, URI } from 'nidan/otpauth';
import { MigrationBatch, Qr } from 'nidan/enrol';
// @ts-expect-error: nidan has no default export
import nidan from 'nidan';

const KEY = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
export const codes: string[] = [
  new Totp(Secret.fromBase32(KEY), { digits: 8 }).generate(59),
  new TOTP({ secret: KEY, digits: 8 }).generate({ timestamp: 59_000 }),
];
export const uses = [KeyUri, URI, MigrationBatch, Qr, nidan];
