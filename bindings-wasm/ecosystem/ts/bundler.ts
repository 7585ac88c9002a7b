// TypeScript with `moduleResolution: bundler`: the same named exports, no default.
import { Secret, Totp } from 'nidan';
import { TOTP, URI } from 'nidan/otpauth';
import { KeyUri, MigrationBatch, Qr } from 'nidan/enrol';
// @ts-expect-error: KeyUri is nidan/enrol's (nidan has codes only)
import { KeyUri as NoKeyUri } from 'nidan';
// @ts-expect-error: nidan has no default export
import nidan from 'nidan';

const KEY = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
export const codes: string[] = [
  new Totp(Secret.fromBase32(KEY), { digits: 8 }).generate(59),
  new TOTP({ secret: KEY, digits: 8 }).generate({ timestamp: 59_000 }),
];
export const uses = [KeyUri, URI, MigrationBatch, Qr, nidan, NoKeyUri];
