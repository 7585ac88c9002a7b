// Differential tests: nidan's otpauth drop-in against the real otpauth
// package on thousands of random cases (seeded, so that a failure repeats).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as real from 'otpauth';
import * as nidan from 'nidan/otpauth';

/** xorshift128+: a repeatable stream of random numbers. */
function random(seed) {
  let a = BigInt(seed) | 1n;
  let b = 0x9e3779b97f4a7c15n;
  const mask = (1n << 64n) - 1n;
  const next = () => {
    let x = a;
    const y = b;
    a = y;
    x ^= (x << 23n) & mask;
    b = x ^ y ^ (x >> 17n) ^ (y >> 26n);
    return Number(((b + y) & mask) >> 11n) / 2 ** 53;
  };
  const int = (low, high) => low + Math.floor(next() * (high - low + 1));
  const pick = (items) => items[int(0, items.length - 1)];
  const bytes = (count) => Uint8Array.from({ length: count }, () => int(0, 255));
  return { next, int, pick, bytes };
}

const algorithms = ['SHA1', 'SHA256', 'SHA512', 'sha1', 'SHA-256', 'sha-512', 'SHA224', 'SHA384', 'SHA3-256', 'sha3-512'];
const CASES = 3000;

function pair(r, keyBytes = r.int(1, 64)) {
  const key = r.bytes(keyBytes);
  return [new real.Secret({ buffer: key.slice().buffer }), new nidan.Secret({ buffer: key.slice().buffer })];
}

test('Secret: the same bytes and encodings', () => {
  const r = random(1);
  for (let i = 0; i < CASES; i++) {
    const [a, b] = pair(r, r.int(0, 80));
    assert.deepEqual(b.bytes, a.bytes);
    for (const form of ['base32', 'hex', 'latin1']) assert.equal(b[form], a[form], form);
    assert.deepEqual(nidan.Secret.fromBase32(a.base32).bytes, a.bytes);
    assert.deepEqual(nidan.Secret.fromBase32(a.base32.toLowerCase()).bytes, real.Secret.fromBase32(a.base32.toLowerCase()).bytes);
    assert.deepEqual(nidan.Secret.fromHex(a.hex).bytes, real.Secret.fromHex(a.hex).bytes);
    assert.deepEqual(nidan.Secret.fromLatin1(a.latin1).bytes, real.Secret.fromLatin1(a.latin1).bytes);
  }
  for (const text of ['', 'abc', 'päss wörd', '日本語のパスワード', '🔑🔒']) {
    assert.deepEqual(nidan.Secret.fromUTF8(text).bytes, real.Secret.fromUTF8(text).bytes);
    assert.equal(nidan.Secret.fromUTF8(text).utf8, real.Secret.fromUTF8(text).utf8);
  }
  assert.equal(new nidan.Secret().bytes.length, new real.Secret().bytes.length);
  assert.equal(new nidan.Secret({ size: 32 }).bytes.length, 32);
});

test('Secret.fromHex: the core reads hex text as otpauth does, and refuses what it refuses', () => {
  const r = random(9);
  const alphabet = '0123456789abcdefABCDEF      g\tx:-é';
  const texts = ['', ' ', 'ab cd', ' a b ', 'ABcd', 'abc', '0x12', 'ab\tcd', 'zz', 'abcdé', 'abé', 'ab\ncd', 'a'.repeat(8192)];
  for (let i = 0; i < 3000; i++) {
    const [a] = pair(r, r.int(0, 40));
    const spaced = a.hex.replace(/../g, (digits) => (r.next() < 0.3 ? ' ' : '') + (r.next() < 0.5 ? digits.toLowerCase() : digits));
    texts.push(spaced, Array.from({ length: r.int(0, 12) }, () => alphabet[r.int(0, alphabet.length - 1)]).join(''));
  }
  let refused = 0;
  for (const text of texts) {
    let theirs;
    try {
      theirs = real.Secret.fromHex(text).bytes;
    } catch {
      theirs = null;
    }
    if (theirs === null) {
      refused++;
      const odd = /^[0-9a-f]*$/i.test(text.replace(/ /g, ''));
      assert.throws(() => nidan.Secret.fromHex(text),
        (e) => e.name === 'NidanSecretError' && e.code === (odd ? 'HEX_LENGTH' : 'HEX_CHARACTER'), JSON.stringify(text));
    } else {
      assert.deepEqual(nidan.Secret.fromHex(text).bytes, theirs, JSON.stringify(text));
    }
  }
  assert.ok(refused > 500 && refused < texts.length - 500, `${refused} of ${texts.length} refused`);
  // The position in the message counts characters of the text as given, from 1.
  assert.throws(() => nidan.Secret.fromHex('ab c\u00e9'), (e) => e.message === 'secret is not valid hex: character 5 is not 0-9, A-F, a-f or a space');
  // The one difference: otpauth upper-cases with Unicode's full mapping, which turns the ligature U+FB00 into FF.
  assert.deepEqual(real.Secret.fromHex('\ufb00').bytes, new Uint8Array([255]));
  assert.throws(() => nidan.Secret.fromHex('\ufb00'), (e) => e.code === 'HEX_CHARACTER');
});

test('HOTP: the same codes and validate results', () => {
  const r = random(2);
  for (let i = 0; i < CASES; i++) {
    const [a, b] = pair(r);
    const config = { algorithm: r.pick(algorithms), digits: r.int(6, 10), counter: r.int(0, 2 ** r.int(1, 53) - 1) };
    const mine = new nidan.HOTP({ ...config, secret: b, issuer: 'x', label: 'y' });
    const theirs = new real.HOTP({ ...config, secret: a, issuer: 'x', label: 'y' });
    assert.equal(mine.algorithm, theirs.algorithm);
    assert.equal(mine.generate(), theirs.generate());
    assert.equal(mine.counter, theirs.counter);
    const counter = Math.max(0, config.counter + r.int(-3, 3));
    const code = real.HOTP.generate({ secret: a, algorithm: config.algorithm, digits: config.digits, counter });
    const token = r.next() < 0.7 ? code : String(r.int(0, 10 ** config.digits - 1)).padStart(config.digits, '0');
    const window = r.int(0, 4);
    // otpauth reaches below counter 0 by wrapping to 2^64 - 1; nidan stops at 0.
    if (mine.counter - window < 0) continue;
    assert.equal(mine.validate({ token, window }), theirs.validate({ token, window }), JSON.stringify({ config, token, window }));
    assert.equal(
      nidan.HOTP.validate({ token, secret: b, algorithm: config.algorithm, digits: config.digits, counter: mine.counter, window }),
      real.HOTP.validate({ token, secret: a, algorithm: config.algorithm, digits: config.digits, counter: theirs.counter, window }),
    );
    assert.equal(mine.toString(), theirs.toString());
  }
});

test('TOTP: the same codes, counters, remaining time and validate results', () => {
  const r = random(3);
  for (let i = 0; i < CASES; i++) {
    const [a, b] = pair(r);
    const config = {
      issuer: r.pick(['', 'ACME', 'Big Bank & Co']), label: r.pick(['alice@example.com', 'bob', 'Ünïcödé', "O'Brien (ops)*!"]),
      algorithm: r.pick(algorithms), digits: r.int(6, 10), period: r.pick([30, 30, 60, r.int(1, 3600)]),
    };
    const mine = new nidan.TOTP({ ...config, secret: b });
    const theirs = new real.TOTP({ ...config, secret: a });
    const timestamp = r.int(0, 2 ** 42);
    assert.equal(mine.generate({ timestamp }), theirs.generate({ timestamp }), JSON.stringify({ config, timestamp }));
    assert.equal(mine.counter({ timestamp }), theirs.counter({ timestamp }));
    assert.equal(mine.remaining({ timestamp }), theirs.remaining({ timestamp }));
    const offset = r.int(-3, 3) * config.period * 1000;
    const token = r.next() < 0.7
      ? theirs.generate({ timestamp: Math.max(0, timestamp + offset) })
      : String(r.int(0, 10 ** config.digits - 1)).padStart(config.digits, '0');
    const window = r.int(0, 4);
    if (theirs.counter({ timestamp }) - window < 0) continue;
    assert.equal(mine.validate({ token, timestamp, window }), theirs.validate({ token, timestamp, window }));
    assert.equal(mine.toString(), theirs.toString());
    assert.equal(nidan.URI.stringify(mine), real.URI.stringify(theirs));
  }
  // The default timestamp is now: the answer is theirs just before or just after.
  const around = (theirs, mine) => {
    const before = theirs();
    const answer = mine();
    assert.ok([before, theirs()].includes(answer), `${answer} is neither ${before} nor the next`);
  };
  around(() => real.TOTP.counter(), () => nidan.TOTP.counter());
  const key = 'JBSWY3DPEHPK3PXP';
  around(() => new real.TOTP({ secret: key }).generate(), () => new nidan.TOTP({ secret: key }).generate());
});

const text = (r) => {
  const alphabet = ['a', 'Z', '0', ' ', '@', '.', '-', '_', '&', '=', '?', '#', '+', '%', '/', 'é', '日', '🔑', ','];
  return Array.from({ length: r.int(1, 12) }, () => r.pick(alphabet)).join('');
};

function fields(otp) {
  const common = {
    type: otp.constructor.name, issuer: otp.issuer, label: otp.label, issuerInLabel: otp.issuerInLabel,
    secret: otp.secret.base32, algorithm: otp.algorithm, digits: otp.digits,
  };
  return 'period' in otp ? { ...common, period: otp.period } : { ...common, counter: otp.counter };
}

test('URI: the same parsed enrolments', () => {
  const r = random(4);
  for (let i = 0; i < CASES; i++) {
    const [a] = pair(r, r.int(10, 64));
    const hotp = r.next() < 0.3;
    const config = {
      issuer: r.next() < 0.3 ? '' : text(r), label: text(r), issuerInLabel: r.next() < 0.8, secret: a,
      algorithm: r.pick(algorithms), digits: r.int(6, 8),
    };
    const otp = hotp ? new real.HOTP({ ...config, counter: r.int(0, 2 ** 40) }) : new real.TOTP({ ...config, period: r.int(1, 300) });
    const uri = otp.toString();
    const expected = fields(real.URI.parse(uri));
    // The one deliberate difference: after the label's issuer and ':', the
    // Key URI Format's optional spaces (%20) are not part of the account;
    // otpauth drops only raw spaces there.
    const prefixed = config.issuer !== '' && config.issuerInLabel;
    if (prefixed) expected.label = expected.label.replace(/^ +/, '');
    if (expected.label === '') {
      // An empty account is refused, as Google Authenticator refuses it.
      assert.throws(() => nidan.URI.parse(uri), { code: 'ACCOUNT_EMPTY' });
      continue;
    }
    if (config.issuer !== '' && expected.label.startsWith(' ')) {
      // A key with an issuer must build a URI that reads back: its account
      // cannot start with a space (it would be dropped after the ':').
      assert.throws(() => nidan.URI.parse(uri), { code: 'URI_LABEL' });
      continue;
    }
    assert.deepEqual(fields(nidan.URI.parse(uri)), expected, uri);
    if (!prefixed || !config.label.startsWith(' ')) {
      assert.equal(nidan.URI.parse(uri).toString(), real.URI.parse(uri).toString());
    }
  }
});

test('where nidan is stricter than otpauth, it says so with a NidanError', () => {
  const strict = [
    // a parameter given twice
    [() => nidan.URI.parse('otpauth://totp/b?secret=JBSWY3DPEHPK3PXP&digits=6&digits=8'), 'URI_DUPLICATE_PARAMETER'],
    // algorithms the core does not have
    [() => new nidan.TOTP({ algorithm: 'MD5' }), 'ALGORITHM'],
    // digits outside 6 to 10
    [() => new nidan.TOTP({ digits: 4 }).generate(), 'DIGITS'],
    // windows beyond 100 steps, with nidan's HMAC or the caller's
    [() => new nidan.TOTP().validate({ token: '123456', window: 101 }), 'WINDOW_TOO_LARGE'],
    [() => new nidan.TOTP({ hmac: () => new Uint8Array(20) }).validate({ token: '123456', window: 101 }), 'WINDOW_TOO_LARGE'],
    // a caller's MAC too short to truncate
    [() => new nidan.HOTP({ hmac: () => new Uint8Array(18) }).generate(), 'MAC_TOO_SHORT'],
    // fractions and negative numbers
    [() => new nidan.TOTP({ period: 0.5 }).generate(), 'INVALID_NUMBER'],
    [() => new nidan.TOTP({ period: 0.5 }).toString(), 'INVALID_NUMBER'],
    [() => new nidan.HOTP({ counter: -1 }).generate(), 'INVALID_NUMBER'],
    // generated keys under 128 bits
    [() => new nidan.Secret({ size: 10 }), 'SECRET_TOO_SHORT'],
    // keys the core cannot hold (over 256 bytes) cannot make codes
    [() => new nidan.TOTP({ secret: new nidan.Secret({ size: 300 }) }).generate(), 'SECRET_TOO_LONG'],
    // base32 with stray bits
    [() => nidan.Secret.fromBase32('AAAQEAYEAUDAOCAJBIFQYDIOB7'), 'BASE32_TRAILING_BITS'],
  ];
  for (const [call, code] of strict) assert.throws(call, (e) => e instanceof Error && e.name.startsWith('Nidan') && e.code === code);
  // otpauth accepts each of these:
  real.URI.parse('otpauth://totp/b?secret=JBSWY3DPEHPK3PXP&digits=6&digits=8');
  new real.HOTP({ hmac: () => new Uint8Array(19) }).generate();
  new real.TOTP({ period: 0.5 }).generate();
  new real.TOTP({ period: 0.5 }).toString();
});

test('the hmac option: the caller computes the MAC, the core truncates it, as otpauth does', () => {
  const r = random(7);
  const calls = [];
  for (let i = 0; i < 500; i++) {
    const mac = r.bytes(r.int(19, 64));
    const hmac = (algorithm, key, message) => {
      calls.push([algorithm, key.length, Array.from(message)]);
      return mac;
    };
    const [a, b] = pair(r);
    const digits = r.int(6, 8);
    const counter = r.int(0, 2 ** 40);
    const config = { algorithm: r.pick(['CUSTOM', 'my-mac', 'SHA1']), digits, counter, hmac };
    assert.equal(nidan.HOTP.generate({ ...config, secret: b }), real.HOTP.generate({ ...config, secret: a }));
    // The same arguments reach the function in both.
    assert.deepEqual(calls[0], calls[1]);
    calls.length = 0;
    const token = real.HOTP.generate({ ...config, secret: a });
    const window = r.int(0, 3);
    assert.equal(
      nidan.HOTP.validate({ ...config, token, secret: b, window }),
      real.HOTP.validate({ ...config, token, secret: a, window }),
    );
    calls.length = 0;
  }
  const uri = 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&algorithm=My_MAC&issuer=ACME';
  const hmac = () => new Uint8Array(20);
  const parsed = nidan.URI.parse(uri, { hmac });
  assert.equal(parsed.algorithm, real.URI.parse(uri, { hmac }).algorithm);
  assert.equal(parsed.hmac, hmac);
  assert.equal(parsed.toString(), real.URI.parse(uri, { hmac }).toString());
});

test('every algorithm otpauth offers gives otpauth\'s codes', () => {
  const r = random(8);
  const names = ['SHA224', 'SHA384', 'SHA3-224', 'SHA3-256', 'SHA3-384', 'SHA3-512', 'sha2-224', 'SHA-384', 'sha3-256'];
  for (let i = 0; i < 300; i++) {
    const [a, b] = pair(r, r.int(10, 200));
    const config = { algorithm: r.pick(names), digits: r.int(6, 8), counter: r.int(0, 2 ** 40) };
    assert.equal(new nidan.HOTP({ ...config, secret: b }).generate(), new real.HOTP({ ...config, secret: a }).generate());
    assert.equal(new nidan.HOTP({ ...config, secret: b }).algorithm, new real.HOTP({ ...config, secret: a }).algorithm);
  }
});
