// Type checks (tsc, not run): the package from CommonJS.
import nidan = require('nidan');
import OTPAuth = require('nidan/otpauth');

const totp = new nidan.Totp(nidan.Secret.fromBase32('JBSWY3DPEHPK3PXP'));
const code: string = totp.generate();
const delta: number | null = new OTPAuth.TOTP({ secret: 'JBSWY3DPEHPK3PXP' }).validate({ token: code, window: 1 });
void delta;

import enrol = require('nidan/enrol');
const qrWidth: number = new enrol.Qr('hello').width;
void qrWidth;
const parsed = enrol.KeyUri.parse('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP');
const uri: string = new enrol.KeyUri({ secret: parsed.secret, account: 'alice', issuer: 'ACME' }).toUri();
void uri;
// @ts-expect-error KeyUri is nidan/enrol's: nidan has codes only
void nidan.KeyUri;
