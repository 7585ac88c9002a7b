// Type checks (tsc, not run): `nidan/server`, the server side of two-step login.
import { DeliveredCode, Login, Record, RecoveryCodes, Secret, Totp, normalizeCode } from 'nidan/server';
import type { Attempt, Confirmation, Recovery } from 'nidan/server';

const pepper = new Uint8Array(32);
const totp = new Totp(Secret.generate());
const login = new Login({ maxFailures: 20, factor: 2 });
const attempt: Attempt = login.attempt(totp, new Record(), normalizeCode('123 456') ?? '', { time: 1_700_000_000 });
const stored: string | undefined = attempt.record?.toText();
const kind: 'accepted' | 'replayed' | 'rejected' | 'throttled' | 'locked' = attempt.kind;
const [codes, printed]: [RecoveryCodes, string[]] = RecoveryCodes.generate({ pepper });
const recovery: Recovery = login.recover(Record.fromText(stored ?? ''), codes, printed[0], { pepper });
const [sent, code]: [DeliveredCode, string] = DeliveredCode.generate({ pepper, lifetime: 300 });
const confirmation: Confirmation = sent.check(code, { pepper });
void [kind, recovery.remaining, confirmation.attemptsLeft, codes.remaining];

// @ts-expect-error the pepper is required
RecoveryCodes.generate({ count: 10 });
// @ts-expect-error a Totp, not a secret
login.attempt(Secret.generate(), new Record(), '123456');
