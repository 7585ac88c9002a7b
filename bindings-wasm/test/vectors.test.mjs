// The core's JSON vectors, through the native API and the otpauth drop-in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Secret, Totp, Hotp, NidanError, NidanSecretError, NidanParameterError, limits,
} from 'nidan';
import * as otpauth from 'nidan/otpauth';
import { load, scenario, ascii, fromHex } from './vectors.mjs';

const rfcSecret = () => Secret.fromBytes(ascii('12345678901234567890'));

test('RFC 4226 appendix D: counters 0-9 with 6, 7 and 8 digits', () => {
  const table = load('rfc4226_hotp.json');
  assert.equal(table.vectors.length, 10);
  assert.ok(Secret.fromBase32(table.secret_base32).equals(rfcSecret()));
  for (const digits of [6, 7, 8]) {
    const hotp = new Hotp(rfcSecret(), { digits });
    const dropIn = new otpauth.HOTP({ secret: otpauth.Secret.fromLatin1(table.secret_ascii), digits });
    for (const row of table.vectors) {
      const expected = row[`hotp_${digits}`];
      assert.equal(hotp.generate(row.counter), expected);
      assert.equal(hotp.generate(BigInt(row.counter)), expected);
      assert.equal(dropIn.generate({ counter: row.counter }), expected);
      assert.deepEqual(hotp.verify(expected, row.counter), { step: row.counter, drift: 0, nextCounter: row.counter + 1 });
    }
  }
});

test('RFC 6238 appendix B: all 18 rows, seeds as long as the hash', () => {
  const table = load('rfc6238_totp.json');
  assert.equal(table.vectors.length, 18);
  for (const row of table.vectors) {
    const secret = Secret.fromBytes(ascii(row.seed_ascii));
    assert.equal(secret.byteLength, row.seed_len_bytes);
    const totp = new Totp(secret, { algorithm: row.mode, digits: 8 });
    assert.equal(totp.generate(row.unix_time), row.totp_8, `${row.mode} at ${row.unix_time}`);
    assert.equal(totp.step(row.unix_time), row.T_decimal);
    assert.equal(new Totp(secret, { algorithm: row.mode }).generate(row.unix_time), row.totp_6);
    const dropIn = new otpauth.TOTP({ secret: otpauth.Secret.fromLatin1(row.seed_ascii), algorithm: row.mode, digits: 8 });
    assert.equal(dropIn.generate({ timestamp: row.unix_time * 1000 }), row.totp_8);
    assert.equal(dropIn.counter({ timestamp: row.unix_time * 1000 }), row.T_decimal);
  }
  for (const [mode, seed] of Object.entries(table.seeds)) {
    const secret = Secret.fromBase32(seed.base32_unpadded);
    assert.deepEqual(secret.toBytes(), fromHex(seed.hex), mode);
    assert.equal(secret.toBase32(), seed.base32_unpadded);
  }
});

test('RFC 6238: the 20-byte seed for SHA-256/512 gives the known wrong codes', () => {
  for (const row of load('rfc6238_totp.json').negative_wrong_seed_vectors) {
    const wrong = new Totp(Secret.fromBytes(ascii(row.seed_ascii)), { algorithm: row.mode, digits: 8 });
    assert.equal(wrong.generate(row.unix_time), row.totp_8);
  }
});

const errorCodes = {
  'non-alphabet': 'BASE32_CHARACTER',
  'impossible length': 'BASE32_LENGTH',
  'wrong padding': 'BASE32_PADDING',
  'non-canonical': 'BASE32_TRAILING_BITS',
};

test('base32 cases: the strict reader', () => {
  const { cases } = load('base32_cases.json');
  assert.ok(cases.length >= 30);
  for (const c of cases) {
    if (c.strict_result === 'ok') {
      if (c.bytes === 0) {
        assert.throws(() => Secret.fromBase32(c.input, { allowShort: true }), { code: 'SECRET_EMPTY' });
        continue;
      }
      const secret = Secret.fromBase32(c.input, { allowShort: true });
      assert.deepEqual(secret.toBytes(), fromHex(c.hex), c.id);
      if (c.bytes < 10) {
        assert.throws(() => Secret.fromBase32(c.input), { name: 'NidanSecretError', code: 'SECRET_TOO_SHORT' }, c.id);
      } else {
        assert.equal(Secret.fromBase32(c.input).byteLength, c.bytes);
      }
    } else {
      const code = Object.entries(errorCodes).find(([prefix]) => c.error.startsWith(prefix))?.[1];
      assert.ok(code, `${c.id}: ${c.error}`);
      assert.throws(() => Secret.fromBase32(c.input, { allowShort: true }), (e) => {
        assert.ok(e instanceof NidanSecretError, c.id);
        assert.equal(e.code, code, c.id);
        return true;
      });
    }
  }
});

test('base32 cases: the reader for typed keys', () => {
  const cases = Object.fromEntries(load('base32_cases.json').cases.map((c) => [c.id, c]));
  const hello = fromHex('48656c6c6f21deadbeef');
  for (const id of ['hyphens', 'spaces', 'non-ascii-fullwidth']) {
    assert.deepEqual(Secret.fromTypedBase32(cases[id].input).toBytes(), hello, id);
    assert.deepEqual(otpauth.Secret.fromBase32(cases[id].input).bytes, hello, id);
  }
  for (const id of ['digit-one', 'digit-zero', 'nul-byte', 'impossible-length-3', '26char-128bit-noncanonical']) {
    assert.throws(() => Secret.fromTypedBase32(cases[id].input), NidanSecretError, id);
  }
});

test('scenario: a window of one step each way', () => {
  const s = scenario('totp-window-skew1');
  const totp = new Totp(rfcSecret());
  for (const [step, code] of Object.entries(s.codes_by_step)) {
    assert.equal(totp.generateAtStep(Number(step)), code);
    const verdict = totp.verify(code, { time: s.verifier_time });
    if (s.expect.accept_steps.includes(Number(step))) {
      assert.deepEqual(verdict, { kind: 'accepted', accepted: true, step: Number(step), drift: Number(step) - s.T });
    } else {
      assert.equal(verdict.kind, 'rejected', step);
    }
    const dropIn = otpauth.TOTP.validate({
      token: code, secret: otpauth.Secret.fromLatin1(s.secret_ascii), timestamp: s.verifier_time * 1000, window: s.skew,
    });
    assert.equal(dropIn, verdict.accepted ? verdict.drift : null);
  }
});

test('scenario: a code is refused once its step was accepted', () => {
  const s = scenario('totp-replay-same-step');
  const totp = new Totp(rfcSecret());
  let lastAccepted = null;
  for (const attempt of s.sequence) {
    const verdict = totp.verify(attempt.code, { time: attempt.time, lastAccepted });
    const expected = { accept: 'accepted', reject_replay: 'replayed', reject: 'rejected' }[attempt.expect];
    assert.equal(verdict.kind, expected, JSON.stringify(attempt));
    if (verdict.accepted) {
      assert.equal(verdict.step, attempt.matched_step);
      lastAccepted = verdict.step;
    }
  }
});

test('scenario: the window is clipped at step 0, not wrapped', () => {
  const s = scenario('totp-window-at-epoch-start');
  const totp = new Totp(rfcSecret());
  for (const [step, code] of Object.entries(s.codes_by_step)) {
    assert.equal(totp.verify(code, { time: s.verifier_time }).step, Number(step));
  }
  assert.equal(totp.generateAtStep(2n ** 64n - 1n), s['code_at_wrapped_counter_2^64-1']);
  assert.equal(totp.verify(s['code_at_wrapped_counter_2^64-1'], { time: s.verifier_time }).kind, 'rejected');
});

test('scenario: times before T0 are refused', () => {
  const totp = new Totp(rfcSecret(), { t0: 30 });
  assert.throws(() => totp.generate(29), { name: 'NidanParameterError', code: 'TIME_BEFORE_T0' });
  assert.throws(() => totp.verify('123456', { time: 0 }), { code: 'TIME_BEFORE_T0' });
  assert.throws(() => new Totp(rfcSecret()).generate(-1), { code: 'INVALID_NUMBER' });
});

test('scenario: times beyond 32 bits', () => {
  const s = scenario('totp-large-time-64bit');
  const totp = new Totp(rfcSecret(), { digits: s.digits });
  assert.equal(totp.generate(s.verifier_time), s.code);
  assert.equal(totp.step(BigInt(s.verifier_time)), BigInt(`0x${s.T_hex}`));
});

test('scenario: HOTP look-ahead and resynchronisation', () => {
  const s = scenario('hotp-lookahead');
  const hotp = new Hotp(rfcSecret());
  for (const [counter, code] of Object.entries(s.codes_by_counter)) assert.equal(hotp.generate(Number(counter)), code);
  let counter = s.server_counter;
  for (const attempt of s.sequence) {
    // The scenario's window C..C+s-1 is a look-ahead of s-1 past C.
    const found = hotp.verify(attempt.code, counter, { lookAhead: s.lookahead_s - 1 });
    if (attempt.expect === 'accept') {
      assert.equal(found.step, attempt.matched_counter);
      assert.equal(found.nextCounter, attempt.new_server_counter);
      counter = found.nextCounter;
    } else {
      assert.equal(found, null, JSON.stringify(attempt));
    }
  }
});

test('scenario: only exact ASCII digits are a code', () => {
  const s = scenario('code-input-format');
  const hotp = new Hotp(rfcSecret());
  const totp = new Totp(rfcSecret());
  for (const c of s.cases) {
    const accepted = hotp.verify(c.input, s.hotp_counter) !== null;
    assert.equal(accepted, c.expect === 'accept', JSON.stringify(c.input));
    assert.equal(totp.verify(c.input, { time: 0 }).accepted, c.expect === 'accept');
  }
});

test('Steam Guard codes (steam.json, as the Rust and Python suites read it)', () => {
  const table = load('steam.json');
  assert.equal(limits().totpFormat, 'decimal');
  assert.equal(limits().hotpFormat, 'decimal');
  for (const row of table.totp) {
    const secret = Secret.fromBase32(row.secret_base32);
    const totp = new Totp(secret, { algorithm: table.algorithm, digits: table.digits, period: table.period, format: 'steam' });
    assert.deepEqual([totp.format, totp.digits], ['steam', 5]);
    assert.equal(totp.generate(row.unix_time), row.code);
    assert.equal(totp.generate(BigInt(row.unix_time)), row.code);
    assert.equal(totp.generateAtStep(row.step), row.code);
    assert.equal(totp.step(row.unix_time), row.step);
    assert.match(row.code, new RegExp(`^[${table.alphabet}]{5}$`));
    assert.deepEqual(totp.verify(row.code, { time: row.unix_time, behind: 0, ahead: 0 }),
      { kind: 'accepted', accepted: true, step: row.step, drift: 0 });
    // Steam codes are upper case only, and a decimal code of the same key is no Steam code.
    assert.equal(totp.verify(row.code.toLowerCase(), { time: row.unix_time }).kind, 'rejected');
    assert.equal(totp.verify(new Totp(secret).generate(row.unix_time), { time: row.unix_time }).kind, 'rejected');
    assert.equal(totp.verify(row.code, { time: row.unix_time, lastAccepted: row.step }).kind, 'replayed');
  }
  const hotp = new Hotp(Secret.fromBytes(ascii(table.hotp.secret_ascii)), { digits: 5, format: 'STEAM' });
  assert.equal(hotp.format, 'steam');
  for (const row of table.hotp.vectors) {
    assert.equal(hotp.generate(row.counter), row.code);
    assert.deepEqual(hotp.verify(row.code, row.counter), { step: row.counter, drift: 0, nextCounter: row.counter + 1 });
  }
  assert.equal(new Hotp(rfcSecret()).format, 'decimal');
  assert.equal(new Totp(rfcSecret()).format, 'decimal');
});

test('Steam: a bad format or length is a NidanParameterError with the core\'s code', () => {
  const secret = Secret.fromBase32(load('steam.json').totp[0].secret_base32);
  const refused = (options, code, message) => assert.throws(() => new Totp(secret, options),
    (e) => e instanceof NidanParameterError && e.code === code && message.test(e.message));
  refused({ format: 'hex' }, 'FORMAT', /format must be decimal or steam/);
  refused({ format: 'steam' }, 'DIGITS', /digits/);
  refused({ format: 'steam', digits: 6 }, 'DIGITS', /digits/);
  assert.throws(() => new Hotp(secret, { format: 'steam', digits: 8 }), (e) => e instanceof NidanParameterError && e.code === 'DIGITS');
  assert.throws(() => new Hotp(secret, { format: 'base26', digits: 5 }), (e) => e instanceof NidanParameterError && e.code === 'FORMAT');
  assert.throws(() => new Totp(secret, { format: 5 }), (e) => e instanceof NidanError && e.code === 'INVALID_ARGUMENT');
});
