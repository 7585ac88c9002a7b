// The native API: secrets, time helpers, verification, HOTP, URIs, errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import {
  Secret, Totp, Hotp, normalizeCode, NidanError, NidanSecretError, NidanUriError, NidanParameterError,
} from 'nidan';
import * as nidan from 'nidan';
import * as enrol from 'nidan/enrol';
import { ascii } from './vectors.mjs';

const rfc = () => Secret.fromBytes(ascii('12345678901234567890'));

test('secrets: generated from crypto.getRandomValues, 160 bits by default, never printed', () => {
  const secret = Secret.generate();
  assert.equal(secret.byteLength, 20);
  assert.equal(Secret.generate({ bytes: 32 }).byteLength, 32);
  assert.notDeepEqual(secret.toBytes(), Secret.generate().toBytes());
  assert.throws(() => Secret.generate({ bytes: 15 }), { name: 'NidanSecretError', code: 'SECRET_TOO_SHORT' });
  assert.throws(() => Secret.generate({ bytes: 257 }), { code: 'SECRET_TOO_LONG' });
  const base32 = secret.toBase32();
  for (const shown of [String(secret), JSON.stringify({ secret }), inspect(secret), `${secret}`]) {
    assert.ok(!shown.includes(base32), shown);
    assert.ok(shown.includes('20 bytes'), shown);
  }
  assert.equal(Secret.fromBase32('JBSWY3DPEHPK3PXP').toBase32Grouped(), 'JBSW Y3DP EHPK 3PXP');
  assert.ok(Secret.fromTypedBase32('jbsw y3dp ehpk 3pxp').equals(Secret.fromBase32('JBSWY3DPEHPK3PXP')));
  assert.ok(!secret.equals(Secret.fromBase32('JBSWY3DPEHPK3PXP')));
  assert.throws(() => new Secret(), { code: 'INVALID_ARGUMENT' });
});

test('secrets: free() wipes the key, and a freed secret refuses to work', () => {
  const secret = Secret.fromBase32('JBSWY3DPEHPK3PXP');
  const totp = new Totp(secret);
  secret.free();
  secret.free();
  assert.equal(String(secret), 'Secret(freed)');
  assert.throws(() => secret.toBase32(), { code: 'INVALID_ARGUMENT' });
  assert.throws(() => new Totp(secret), { code: 'INVALID_ARGUMENT' });
  assert.equal(totp.generate(59), '996554');
});

test('short keys are refused unless allowed', () => {
  assert.throws(() => Secret.fromBase32('MZXW6'), { code: 'SECRET_TOO_SHORT' });
  assert.equal(Secret.fromBase32('MZXW6', { allowShort: true }).byteLength, 3);
  assert.throws(() => Secret.fromBytes(new Uint8Array(9)), { code: 'SECRET_TOO_SHORT' });
  assert.equal(Secret.fromBytes(new Uint16Array(5)).byteLength, 10);
  assert.equal(Secret.fromBytes(new ArrayBuffer(12)).byteLength, 12);
  assert.throws(() => Secret.fromBytes(new Uint8Array(0), { allowShort: true }), { code: 'SECRET_EMPTY' });
});

test('TOTP: time helpers for an authenticator screen', () => {
  const totp = new Totp(rfc());
  assert.deepEqual(totp.timeStep(1111111111), { step: 37037037, start: 1111111110, end: 1111111140, remaining: 29 });
  assert.deepEqual(totp.timeStep(1111111139).remaining, 1);
  assert.deepEqual(totp.timeStep(59n), { step: 1n, start: 30n, end: 60n, remaining: 1n });
  const now = totp.timeStep();
  assert.ok(now.remaining >= 1 && now.remaining <= 30);
  // The default time is now: the code of this step, or of the next one if it just began.
  assert.ok([now.step, now.step + 1].map((step) => totp.generateAtStep(step)).includes(totp.generate()));
  assert.equal(totp.generateAtStep(37037038), '266759');
  assert.deepEqual({ ...totp }, { algorithm: 'SHA1', digits: 6, period: 30, t0: 0, format: 'decimal' });
  assert.ok(Object.isFrozen(totp));
  const custom = new Totp(rfc(), { algorithm: 'sha-512', digits: 10, period: 60, t0: 100 });
  assert.equal(custom.algorithm, 'SHA512');
  assert.equal(custom.step(100 + 119), 1);
  assert.equal(custom.generate(1e9).length, 10);
});

test('TOTP: an asymmetric window, the drift, and replays refused by step', () => {
  const totp = new Totp(rfc());
  const time = 1111111111;
  const behind2 = totp.generateAtStep(37037035);
  assert.equal(totp.verify(behind2, { time }).kind, 'rejected');
  assert.deepEqual(totp.verify(behind2, { time, behind: 2, ahead: 0 }), { kind: 'accepted', accepted: true, step: 37037035, drift: -2 });
  const ahead1 = totp.generateAtStep(37037038);
  assert.equal(totp.verify(ahead1, { time, behind: 2, ahead: 0 }).kind, 'rejected');
  const first = totp.verify(ahead1, { time });
  assert.deepEqual(first, { kind: 'accepted', accepted: true, step: 37037038, drift: 1 });
  const again = totp.verify(ahead1, { time: time + 5, lastAccepted: first.step });
  assert.deepEqual(again, { kind: 'replayed', accepted: false, step: 37037038, drift: 1 });
  const older = totp.verify(totp.generateAtStep(37037037), { time, lastAccepted: first.step });
  assert.equal(older.kind, 'replayed');
  assert.equal(totp.verify(ahead1, { time: BigInt(time) }).step, 37037038n);
  assert.equal(totp.verify(ahead1, { time, lastAccepted: 37037037n }).kind, 'accepted');
  assert.throws(() => totp.verify(ahead1, { time, ahead: 101 }), { code: 'WINDOW_TOO_LARGE' });
  for (const wrong of [undefined, null, 123456, '', ' 266759', '２６６７５９', {}]) {
    assert.equal(totp.verify(wrong, { time }).kind, 'rejected');
  }
});

test('HOTP: look-ahead, the counter to store, and bigint counters', () => {
  const hotp = new Hotp(rfc());
  assert.deepEqual(hotp.verify('969429', 1, { lookAhead: 3 }), { step: 3, drift: 2, nextCounter: 4 });
  assert.equal(hotp.verify('969429', 1), null);
  assert.equal(hotp.verify('969429', 4, { lookAhead: 3 }), null);
  assert.deepEqual(hotp.verify('969429', 3n), { step: 3n, drift: 0, nextCounter: 4n });
  const top = 2n ** 64n - 1n;
  assert.equal(hotp.verify(hotp.generate(top), top, { lookAhead: 0 }), null);
  const last = hotp.generate(top - 1n);
  assert.deepEqual(hotp.verify(last, top - 2n, { lookAhead: 5 }), { step: top - 1n, drift: 1, nextCounter: top });
  const edge = Number.MAX_SAFE_INTEGER;
  assert.throws(() => hotp.verify(hotp.generate(edge), edge), { code: 'INVALID_NUMBER' });
  assert.equal(hotp.verify(hotp.generate(edge), BigInt(edge)).nextCounter, BigInt(edge) + 1n);
});

test('normalizeCode: what people type, turned into digits', () => {
  assert.equal(normalizeCode('１２３ ４５６'), '123456');
  assert.equal(normalizeCode('123-456'), '123456');
  assert.equal(normalizeCode(' 12 34 56 78 '), '12345678');
  for (const bad of ['12345', '12345a', '', '12345678901', null, 123456, 'x'.repeat(100000)]) assert.equal(normalizeCode(bad), null);
});

test('KeyUri is nidan/enrol\'s: nidan has codes only', () => {
  assert.equal(nidan.KeyUri, undefined);
  assert.equal(typeof enrol.KeyUri.parse, 'function');
});

test('KeyUri (nidan/enrol): parse, build, and parse(build(x)) == x', () => {
  // nidan/enrol's own classes (a module of its own).
  const { KeyUri, Secret, NidanError, NidanSecretError, NidanUriError } = enrol; // eslint-disable-line no-shadow
  const key = KeyUri.parse('otpauth://totp/ACME%20Co:john@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co');
  assert.deepEqual({ ...key }, {
    kind: 'totp', issuer: 'ACME Co', account: 'john@example.com', algorithm: 'SHA1', digits: 6, format: 'decimal',
    period: 30, counter: null,
  });
  assert.equal(key.secret.toBase32(), 'JBSWY3DPEHPK3PXP');
  assert.equal(key.toUri(),
    'otpauth://totp/ACME%20Co:john@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30');
  assert.equal(key.toTotp().generate(59), '996554');
  assert.throws(() => key.toHotp(), { name: 'NidanUriError', code: 'KEY_IS_TOTP' });
  assert.ok(!String(key).includes('JBSW') && !inspect(key).includes('JBSW'));

  const built = new KeyUri({
    secret: Secret.fromBase32('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'), account: 'alice', issuer: 'Exchange', kind: 'hotp',
    algorithm: 'sha256', digits: 8, counter: 2n ** 60n,
  });
  const back = KeyUri.parse(built.toUri());
  assert.deepEqual({ ...back }, { ...built });
  assert.equal(back.counter, 2n ** 60n);
  assert.equal(back.toHotp().generate(0), built.toHotp().generate(0));
  assert.equal(KeyUri.parse('otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=7').counter, 7);

  const errors = [
    ['otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&secret=GEZDGNBVGY3TQOJQ', NidanUriError, 'URI_DUPLICATE_PARAMETER'],
    ['otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP', NidanUriError, 'URI_MISSING_PARAMETER'],
    ['http://totp/a?secret=JBSWY3DPEHPK3PXP', NidanUriError, 'URI_SCHEME'],
    ['otpauth://totp/a?secret=JBSWY3DP', NidanSecretError, 'SECRET_TOO_SHORT'],
    [`otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&x=${'y'.repeat(3000)}`, NidanUriError, 'URI_TOO_LONG'],
  ];
  for (const [uri, type, code] of errors) {
    assert.throws(() => KeyUri.parse(uri), (e) => e instanceof type && e instanceof NidanError && e.code === code, uri);
  }
  const secret = Secret.generate();
  assert.throws(() => new KeyUri({ secret, account: 'a', digits: 9 }).toUri(), { code: 'DIGITS' });
  assert.throws(() => new KeyUri({ secret, account: 'a', issuer: 'A:B' }).toUri(), { code: 'URI_LABEL' });
  assert.throws(() => new KeyUri({ secret, account: 'a', kind: 'motp' }), { code: 'INVALID_ARGUMENT' });
});

test('errors: Error objects with a stable name and code, and no secret in the message', () => {
  const secretText = 'JBSWY3DPEHPK3PX1';
  try {
    Secret.fromBase32(secretText);
    assert.fail('should throw');
  } catch (e) {
    assert.ok(e instanceof Error && e instanceof NidanError && e instanceof NidanSecretError);
    assert.equal(e.name, 'NidanSecretError');
    assert.equal(e.code, 'BASE32_CHARACTER');
    assert.equal(e.message, 'secret is not valid base32: character 16 is not in the alphabet A-Z, 2-7');
    assert.ok(!e.message.includes('JBSW') && !e.stack.includes('JBSW'));
  }
  assert.throws(() => new Totp(rfc(), { algorithm: 'MD5' }), { name: 'NidanParameterError', code: 'ALGORITHM' });
  assert.throws(() => new Totp(rfc(), { period: 0 }), { code: 'PERIOD' });
  assert.throws(() => new Hotp(rfc(), { digits: 11 }), { code: 'DIGITS' });
  assert.ok(new NidanParameterError('x', 'Y') instanceof NidanError);
});

test('steps and counters beyond 32 bits: numbers and bigints give otpauth\'s codes', async () => {
  const real = await import('otpauth');
  const seed = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  const totp = new Totp(Secret.fromBase32(seed));
  const hotp = new Hotp(Secret.fromBase32(seed), { digits: 8 });
  for (const counter of [2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 40 + 12345, 2 ** 53 - 1]) {
    const theirs = real.HOTP.generate({ secret: real.Secret.fromBase32(seed), counter });
    assert.equal(totp.generateAtStep(counter), theirs, `step ${counter}`);
    assert.equal(totp.generateAtStep(BigInt(counter)), theirs, `step ${counter}n`);
    const eight = real.HOTP.generate({ secret: real.Secret.fromBase32(seed), counter, digits: 8 });
    assert.equal(hotp.generate(counter), eight, `counter ${counter}`);
    assert.deepEqual(hotp.verify(eight, BigInt(counter)), { step: BigInt(counter), drift: 0, nextCounter: BigInt(counter) + 1n });
    assert.equal(totp.verify(theirs, { time: BigInt(counter) * 30n, behind: 0, ahead: 0 }).step, BigInt(counter));
    if (counter * 30 <= Number.MAX_SAFE_INTEGER) assert.equal(totp.verify(theirs, { time: counter * 30 }).step, counter);
  }
});
