// No MAC is ever keyed with an empty key: every way of making a generator
// from no key bytes, in the native API and in the otpauth drop-in (where
// otpauth itself would compute codes from the empty key), is refused with
// SECRET_EMPTY.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret, Totp, Hotp } from 'nidan';
import { KeyUri } from 'nidan/enrol'; // URIs are nidan/enrol's
import * as otpauth from 'nidan/otpauth';
import * as real from 'otpauth';

const empty = { name: 'NidanSecretError', code: 'SECRET_EMPTY' };

test('native API: an empty key cannot be made, so no generator has one', () => {
  assert.throws(() => Secret.fromBytes(new Uint8Array(0), { allowShort: true }), empty);
  assert.throws(() => Secret.fromBase32('', { allowShort: true }), empty);
  assert.throws(() => Secret.fromTypedBase32(' - '), empty);
  assert.throws(() => KeyUri.parse('otpauth://totp/a?secret='), empty);
  // A freed secret is wiped, and generators refuse it (native.test.mjs).
  const secret = Secret.fromBase32('JBSWY3DPEHPK3PXP');
  secret.free();
  assert.throws(() => new Totp(secret), { code: 'INVALID_ARGUMENT' });
  assert.throws(() => new Hotp(secret), { code: 'INVALID_ARGUMENT' });
});

test('otpauth drop-in: a Secret of no bytes generates and validates nothing', () => {
  // otpauth itself keys its HMAC with the empty key and makes a code.
  assert.match(new real.TOTP({ secret: real.Secret.fromUTF8('') }).generate({ timestamp: 59_000 }), /^\d{6}$/);
  const secrets = [otpauth.Secret.fromUTF8(''), otpauth.Secret.fromBase32(''), new otpauth.Secret({ buffer: new ArrayBuffer(0) })];
  for (const secret of secrets) {
    assert.equal(secret.bytes.length, 0);
    assert.throws(() => new otpauth.TOTP({ secret }).generate({ timestamp: 59_000 }), empty);
    assert.throws(() => otpauth.TOTP.generate({ secret, timestamp: 59_000 }), empty);
    assert.throws(() => new otpauth.HOTP({ secret }).generate({ counter: 1 }), empty);
    assert.throws(() => otpauth.HOTP.validate({ secret, token: '287082' }), empty);
    assert.throws(() => new otpauth.TOTP({ secret }).validate({ token: '287082', timestamp: 59_000 }), empty);
  }
});
