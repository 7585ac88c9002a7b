// Type checks (tsc, not run): code written for otpauth compiles against nidan/otpauth.
import * as OTPAuth from 'nidan/otpauth';

const totp = new OTPAuth.TOTP({
  issuer: 'ACME', label: 'Alice', algorithm: 'SHA1', digits: 6, period: 30,
  secret: OTPAuth.Secret.fromBase32('NB2W45DFOIZA'),
});
const token: string = totp.generate({ timestamp: Date.now() });
const delta: number | null = totp.validate({ token, window: 1 });
const uri: string = OTPAuth.URI.stringify(totp);
const parsed = OTPAuth.URI.parse(uri);
if (parsed instanceof OTPAuth.TOTP) {
  const seconds: number = parsed.remaining() / 1000;
  void seconds;
}
const hotp = new OTPAuth.HOTP({ secret: new OTPAuth.Secret({ size: 20 }), counter: 0 });
const hex: string = hotp.secret.hex;
const remaining: number = OTPAuth.TOTP.remaining({ period: 30 });
void [delta, hex, remaining, hotp.generate(), hotp.counter, OTPAuth.version];
// otpauth's hmac option: the caller's HMAC, typed as otpauth types it.
const hmac: OTPAuth.HmacFunction = (algorithm: string, key: Uint8Array, message: Uint8Array) => {
  void [algorithm, key, message];
  return new Uint8Array(20);
};
const custom = new OTPAuth.HOTP({ algorithm: 'CUSTOM', hmac });
const customCode: string = OTPAuth.HOTP.generate({ secret: custom.secret, counter: 1, hmac });
const reparsed = OTPAuth.URI.parse(custom.toString(), { hmac });
void [customCode, reparsed.hmac];
