// Type checks (tsc, not run): the native API from an ES module.
import { Secret, Totp, Hotp, normalizeCode, limits, NidanError, NidanSecretError, type Verdict } from 'nidan';
import * as otpauth from 'nidan/otpauth';

const secret: Secret = Secret.generate({ bytes: 20 });
const totp = new Totp(secret, { algorithm: 'SHA256', digits: 8, period: 30 });
const code: string = totp.generate();
const small: number = totp.timeStep(1_700_000_000).remaining;
const big: bigint = totp.timeStep(1_700_000_000n).step;
const verdict: Verdict<number> = totp.verify(code, { behind: 2, ahead: 0, lastAccepted: null });
if (verdict.accepted) {
  const step: number = verdict.step;
  const drift: number = verdict.drift;
  void [step, drift];
} else if (verdict.kind === 'rejected') {
  const none: null = verdict.step;
  void none;
}
const bigVerdict = totp.verify(code, { time: 1_700_000_000n });
if (bigVerdict.kind !== 'rejected') {
  const step: bigint = bigVerdict.step;
  void step;
}
const steam = new Totp(secret, { digits: 5, format: 'steam' });
const steamFormat: 'decimal' | 'steam' = steam.format;
void steamFormat;
const hotp = new Hotp(Secret.fromBase32('JBSWY3DPEHPK3PXP'), { format: 'Decimal' });
const match = hotp.verify('123456', 5, { lookAhead: 3 });
const next: number | undefined = match?.nextCounter;
const bigMatch = hotp.verify('123456', 5n);
const nextBig: bigint | undefined = bigMatch?.nextCounter;
const typed: string | null = normalizeCode('123 456');
const defaultDigits: number | string | undefined = limits().totpDigits;
void defaultDigits;
try {
  Secret.fromTypedBase32('jbsw y3dp');
} catch (e) {
  if (e instanceof NidanSecretError) {
    const c: string = e.code;
    void c;
  }
  if (e instanceof NidanError) void e.message;
}
const dropIn: string = new otpauth.TOTP({ secret: 'JBSWY3DPEHPK3PXP' }).generate();
void [small, big, next, nextBig, typed, dropIn];

// @ts-expect-error Secret has no public constructor
new Secret();
// @ts-expect-error codes are strings
hotp.generate('5');

// @ts-expect-error KeyUri is nidan/enrol's: nidan has codes only
import { KeyUri as NoKeyUri } from 'nidan';
void NoKeyUri;
