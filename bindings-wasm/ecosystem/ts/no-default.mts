// Checked, never run: ESM gets named exports only, as Node gives them, so a
// default import must not type-check (it would fail at run time).
// @ts-expect-error: nidan has no default export
import nidan from 'nidan';
// @ts-expect-error: nidan/otpauth neither (import * as OTPAuth)
import OTPAuth from 'nidan/otpauth';

export const unused = [nidan, OTPAuth];
