// Bad input at the boundary: every entry point gets every bad value. Each
// call must throw a NidanError (or give the documented "wrong code" answer),
// and after each one the module must still compute the RFC answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret, Totp, Hotp, normalizeCode, NidanError } from 'nidan';
import * as enrol from 'nidan/enrol';
import * as otpauth from 'nidan/otpauth';

const badNumbers = [NaN, Infinity, -Infinity, -1, -0.5, 1.5, 2 ** 53, 2 ** 64, 1e308, -(2n ** 63n), 2n ** 64n, -1n];
const badValues = [
  ...badNumbers, undefined, null, true, '', '６', 'x'.repeat(70000), '\ud800', {}, [], Symbol('s'), () => 1,
  new Uint8Array(0), new Uint8Array(70000), new ArrayBuffer(3), { bytes: 7 }, { valueOf: () => 6 },
];

const rfcBytes = new TextEncoder().encode('12345678901234567890');

/** The module still answers, and answers right. */
function stillRight() {
  const secret = Secret.fromBytes(rfcBytes);
  assert.equal(new Totp(secret, { digits: 8 }).generate(59), '94287082');
  assert.equal(new Hotp(secret).generate(9), '520489');
  assert.equal(new otpauth.TOTP({ secret: otpauth.Secret.fromLatin1('12345678901234567890'), digits: 8 }).generate({ timestamp: 59000 }), '94287082');
  assert.equal(enrol.KeyUri.parse('otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8').toTotp().generate(59), '94287082');
  assert.equal(normalizeCode('１２３ ４５６'), '123456');
}

function outcome(call) {
  try {
    return { value: call() };
  } catch (error) {
    return { error };
  }
}

const secret = Secret.fromBytes(rfcBytes);
const enrolSecret = enrol.Secret.fromBytes(rfcBytes); // KeyUri is nidan/enrol's, with its own classes
const totp = new Totp(secret);
const hotp = new Hotp(secret);
const oldSecret = otpauth.Secret.fromLatin1('12345678901234567890');
const entryPoints = {
  'Secret.fromBase32': (v) => Secret.fromBase32(v),
  'Secret.fromBase32 options': (v) => Secret.fromBase32('JBSWY3DPEHPK3PXP', v),
  'Secret.fromTypedBase32': (v) => Secret.fromTypedBase32(v),
  'Secret.fromBytes': (v) => Secret.fromBytes(v),
  'Secret.generate bytes': (v) => Secret.generate({ bytes: v }),
  'new Totp secret': (v) => new Totp(v),
  'new Totp options': (v) => new Totp(secret, v),
  'new Totp digits': (v) => new Totp(secret, { digits: v }),
  'new Totp period': (v) => new Totp(secret, { period: v }),
  'new Totp t0': (v) => new Totp(secret, { t0: v }),
  'new Totp algorithm': (v) => new Totp(secret, { algorithm: v }),
  'Totp.generate': (v) => totp.generate(v),
  'Totp.timeStep': (v) => totp.timeStep(v),
  'Totp.generateAtStep': (v) => totp.generateAtStep(v),
  'Totp.verify code': (v) => totp.verify(v, { time: 59 }),
  'Totp.verify time': (v) => totp.verify('123456', { time: v }),
  'Totp.verify behind': (v) => totp.verify('123456', { behind: v }),
  'Totp.verify ahead': (v) => totp.verify('123456', { ahead: v }),
  'Totp.verify lastAccepted': (v) => totp.verify('123456', { lastAccepted: v }),
  'new Hotp digits': (v) => new Hotp(secret, { digits: v }),
  'Hotp.generate': (v) => hotp.generate(v),
  'Hotp.verify code': (v) => hotp.verify(v, 0),
  'Hotp.verify counter': (v) => hotp.verify('123456', v),
  'Hotp.verify lookAhead': (v) => hotp.verify('123456', 0, { lookAhead: v }),
  'KeyUri.parse': (v) => enrol.KeyUri.parse(v),
  'new KeyUri': (v) => new enrol.KeyUri(v),
  'new KeyUri account': (v) => new enrol.KeyUri({ secret: enrolSecret, account: v }),
  'new KeyUri issuer': (v) => new enrol.KeyUri({ secret: enrolSecret, account: 'a', issuer: v }),
  'new KeyUri counter': (v) => new enrol.KeyUri({ secret: enrolSecret, account: 'a', kind: 'hotp', counter: v }),
  'new KeyUri period': (v) => new enrol.KeyUri({ secret: enrolSecret, account: 'a', period: v }).toUri(),
  normalizeCode: (v) => normalizeCode(v),
  'otpauth.Secret': (v) => new otpauth.Secret({ size: v }),
  'otpauth.Secret.fromBase32': (v) => otpauth.Secret.fromBase32(v),
  'otpauth.Secret.fromHex': (v) => otpauth.Secret.fromHex(v),
  'otpauth.TOTP.generate timestamp': (v) => otpauth.TOTP.generate({ secret: oldSecret, timestamp: v }),
  'otpauth.TOTP.generate secret': (v) => otpauth.TOTP.generate({ secret: v }),
  'otpauth.TOTP.generate period': (v) => otpauth.TOTP.generate({ secret: oldSecret, period: v }),
  'otpauth.TOTP.validate token': (v) => otpauth.TOTP.validate({ secret: oldSecret, token: v }),
  'otpauth.TOTP.validate window': (v) => otpauth.TOTP.validate({ secret: oldSecret, token: '123456', window: v }),
  'otpauth.TOTP.counter': (v) => otpauth.TOTP.counter({ timestamp: v }),
  'otpauth.TOTP.remaining period': (v) => otpauth.TOTP.remaining({ period: v }),
  'otpauth.HOTP.generate counter': (v) => otpauth.HOTP.generate({ secret: oldSecret, counter: v }),
  'otpauth.HOTP.generate digits': (v) => otpauth.HOTP.generate({ secret: oldSecret, digits: v }),
  'otpauth.HOTP.validate counter': (v) => otpauth.HOTP.validate({ secret: oldSecret, token: '123456', counter: v }),
  'otpauth.URI.parse': (v) => otpauth.URI.parse(v),
  'otpauth.TOTP algorithm': (v) => new otpauth.TOTP({ algorithm: v }),
};

test('every bad input gets a NidanError or a wrong-code answer, and the module keeps answering right', () => {
  let calls = 0;
  for (const [name, call] of Object.entries(entryPoints)) {
    for (const value of badValues) {
      const result = outcome(() => call(value));
      calls++;
      const where = `${name}(${typeof value === 'symbol' ? 'symbol' : String(value).slice(0, 30)})`;
      if (result.error) {
        assert.ok(result.error instanceof NidanError || result.error instanceof enrol.NidanError, `${where} threw ${result.error}`);
        assert.equal(typeof result.error.code, 'string', where);
        assert.ok(result.error.message.length > 0, where);
      } else {
        const v = result.value;
        const fine = v === null || v?.kind === 'rejected' || v instanceof Secret || v instanceof Totp || v instanceof Hotp
          || v instanceof enrol.KeyUri || v instanceof otpauth.Secret || v instanceof otpauth.TOTP || typeof v === 'string'
          // a default (undefined means "now" or "the default") gives a normal answer
          // counter() and remaining() of a millisecond timestamp (fractions allowed)
          || typeof v === 'number'
          // undefined means "now" or "the default"
          || (value === undefined && (typeof v?.step === 'number' || v?.kind === 'accepted'));
        assert.ok(fine, `${where} returned ${String(v)}`);
      }
      stillRight();
    }
  }
  assert.ok(calls > 1000);
});

test('a wrong code is never an exception', () => {
  for (const code of badValues) {
    assert.equal(totp.verify(code, { time: 59 }).kind, 'rejected');
    assert.equal(hotp.verify(code, 0), null);
    assert.equal(otpauth.TOTP.validate({ secret: oldSecret, token: code, timestamp: 59000 }), null);
  }
  stillRight();
});
