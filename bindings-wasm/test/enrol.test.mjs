// `nidan/enrol`: Google Authenticator exports (the recorded samples, round
// trips, malformed input) and QR codes read back by an independent decoder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { createRequire } from 'node:module';
import jsQR from 'jsqr';
import * as nidan from 'nidan';
import { KeyUri, Secret, Totp, MigrationBatch, Qr, NidanUriError, NidanParameterError } from 'nidan/enrol';
import { load, fromHex } from './vectors.mjs';

const hex = (bytes) => Buffer.from(bytes).toString('hex');

test('the recorded samples decode to their recorded content', () => {
  const { cases } = load('otpauth_migration_samples.json');
  assert.ok(cases.length >= 2);
  for (const { uri, decoded } of cases) {
    const batch = MigrationBatch.parse(uri);
    assert.deepEqual(
      [batch.version, batch.batchSize, batch.batchIndex, batch.batchId],
      [decoded.version, decoded.batch_size, decoded.batch_index, decoded.batch_id],
    );
    assert.equal(batch.accounts.length, decoded.otp_parameters.length);
    batch.accounts.forEach((account, i) => {
      const expected = decoded.otp_parameters[i];
      assert.ok(account instanceof KeyUri);
      assert.equal(hex(account.secret.toBytes()), expected.secret_hex);
      assert.deepEqual(account.secret.toBytes(), fromHex(expected.secret_hex));
      assert.equal(account.secret.toBase32(), expected.secret_base32);
      assert.equal(account.account, expected.name);
      assert.equal(account.issuer, expected.issuer === '' ? null : expected.issuer);
      assert.deepEqual([account.kind, account.algorithm, account.digits, account.period], ['totp', 'SHA1', 6, 30]);
    });
    // Encoded again, it decodes to the same batch.
    const again = MigrationBatch.parse(batch.toUri());
    assert.deepEqual(again.accounts.map((a) => a.toUri()), batch.accounts.map((a) => a.toUri()));
    assert.equal(again.batchId, batch.batchId);
  }
});

// A small deterministic generator, so that a failure can be replayed.
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const names = ['alice', 'bob@example.com', 'José', '田中', 'a b+c', 'x/y?z&w', '🙂', 'o\'neil', '100%'];

function randomAccount(next) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const bytes = new Uint8Array(10 + Math.floor(next() * 55)).map(() => Math.floor(next() * 256));
  const issuer = next() < 0.3 ? null : pick(['ACME', 'Example Co', 'Bänk', 'GitHub', 'e-mail']);
  const hotp = next() < 0.3;
  return new KeyUri({
    secret: Secret.fromBytes(bytes),
    account: `${pick(names)}${Math.floor(next() * 1000)}`,
    issuer,
    kind: hotp ? 'hotp' : 'totp',
    algorithm: pick(['SHA1', 'SHA256', 'SHA512']),
    digits: pick([6, 8]),
    counter: hotp ? Math.floor(next() * 2 ** 40) : 0,
  });
}

test('export then parse gives the same accounts back, in numbered batches that fit', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const next = random(seed);
    const accounts = Array.from({ length: Math.floor(next() * 25) }, () => randomAccount(next));
    const maxUriLen = 400 + Math.floor(next() * 1600);
    const batchId = Math.floor(next() * 2 ** 32) - 2 ** 31;
    const uris = MigrationBatch.export(accounts, { batchId, maxUriLen });
    const back = [];
    uris.forEach((uri, index) => {
      assert.ok(uri.length <= maxUriLen, `seed ${seed}`);
      const batch = MigrationBatch.parse(uri);
      assert.deepEqual([batch.version, batch.batchSize, batch.batchIndex, batch.batchId], [1, uris.length, index, batchId]);
      back.push(...batch.accounts);
    });
    assert.equal(back.length, accounts.length, `seed ${seed}`);
    back.forEach((account, i) => {
      const original = accounts[i];
      for (const field of ['kind', 'issuer', 'account', 'algorithm', 'digits', 'period', 'counter']) {
        assert.equal(account[field], original[field], `seed ${seed}, account ${i}, ${field}`);
      }
      assert.ok(account.secret.equals(original.secret), `seed ${seed}, account ${i}`);
      assert.equal(account.toUri(), original.toUri());
    });
  }
});

test('batches: the constructor, a random batch id by default, toString without secrets', () => {
  const key = KeyUri.parse('otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME');
  const batch = new MigrationBatch([key], { batchSize: 2, batchIndex: 1, batchId: -7 });
  assert.deepEqual([batch.version, batch.batchSize, batch.batchIndex, batch.batchId], [1, 2, 1, -7]);
  const back = MigrationBatch.parse(batch.toUri());
  assert.deepEqual([back.version, back.batchSize, back.batchIndex, back.batchId], [1, 2, 1, -7]);
  assert.ok(Object.isFrozen(batch) && Object.isFrozen(batch.accounts));
  const ids = new Set(Array.from({ length: 8 }, () => new MigrationBatch([]).batchId));
  assert.ok(ids.size > 1, 'random batch ids');
  for (const id of ids) assert.ok(Number.isInteger(id) && id >= -(2 ** 31) && id < 2 ** 31);
  for (const shown of [String(batch), JSON.stringify(batch), inspect(batch)]) {
    assert.ok(!shown.includes('JBSW'), shown);
    assert.ok(shown.includes('accounts=1'), shown);
  }
  assert.deepEqual(MigrationBatch.export([]), []);
  assert.deepEqual([MigrationBatch.MAX_LEN, MigrationBatch.DEFAULT_MAX_URI_LEN], [8192, 1000]);
});

test('accounts the format cannot carry, and bad arguments, are refused', () => {
  const secret = Secret.fromBase32('JBSWY3DPEHPK3PXP');
  const seven = new KeyUri({ secret, account: 'a', digits: 7 });
  assert.throws(() => MigrationBatch.export([seven]), { name: 'NidanUriError', code: 'MIGRATION_VALUE' });
  const sixty = new KeyUri({ secret, account: 'a', period: 60 });
  assert.throws(() => new MigrationBatch([sixty]).toUri(), (e) => e instanceof NidanUriError && /period/.test(e.message));
  const big = new KeyUri({ secret, account: 'x'.repeat(500) });
  assert.throws(() => MigrationBatch.export([big], { maxUriLen: 100 }), { code: 'URI_TOO_LONG' });
  for (const accounts of [null, 5, 'abc', {}, [secret], [undefined]]) {
    assert.throws(() => MigrationBatch.export(accounts), { name: 'NidanParameterError', code: 'INVALID_ARGUMENT' });
  }
  assert.throws(() => MigrationBatch.export([{ ...seven }]), /KeyUri objects from nidan\/enrol/);
  // URIs are nidan/enrol's; a Secret of `nidan` belongs to another module instance.
  assert.equal(nidan.KeyUri, undefined);
  const foreign = nidan.Secret.fromBase32('JBSWY3DPEHPK3PXP');
  assert.throws(() => new KeyUri({ secret: foreign, account: 'a' }), { code: 'INVALID_ARGUMENT', message: /Secret from nidan\/enrol/ });
  for (const batchId of [2 ** 31, -(2 ** 31) - 1, 1.5, NaN, '1', 1n]) {
    assert.throws(() => MigrationBatch.export([], { batchId }), { code: 'INVALID_NUMBER' });
  }
  for (const maxUriLen of [-1, 2 ** 32, 0.5, NaN]) {
    assert.throws(() => MigrationBatch.export([], { maxUriLen }), { code: 'INVALID_NUMBER' });
  }
});

/** An export URI around raw payload bytes. */
const exportOf = (payload) => `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(payload).toString('base64'))}`;
/** A valid account message (secret, name "a", TOTP) followed by `extra` bytes. */
const account = (extra = []) => [0x0a, 10, ...Buffer.from('0123456789'), 0x12, 1, 0x61, 0x30, 2, ...extra];
const payload = (message) => [0x0a, message.length, ...message];

test('malformed exports give NidanUriError, never a crash', () => {
  assert.equal(MigrationBatch.parse(exportOf(payload(account()))).accounts[0].account, 'a');
  const cases = [
    ['otpauth://totp/a?secret=JBSWY3DPEHPK3PXP', 'MIGRATION_SCHEME'],
    ['otpauth-migration://online?data=AA', 'MIGRATION_SCHEME'],
    ['otpauth-migration://offline?', 'URI_MISSING_PARAMETER'],
    ['otpauth-migration://offline?data=AA&data=AA', 'URI_DUPLICATE_PARAMETER'],
    ['otpauth-migration://offline?data=%G0', 'URI_PERCENT_ENCODING'],
    ['otpauth-migration://offline?data=A', 'MIGRATION_BASE64'],
    ['otpauth-migration://offline?data=A!AA', 'MIGRATION_BASE64'],
    ['otpauth-migration://offline?data=AB', 'MIGRATION_BASE64'], // bits past the last byte
    [`otpauth-migration://offline?data=${'A'.repeat(9000)}`, 'URI_TOO_LONG'],
    [exportOf([0x0a, 50, 1, 2]), 'MIGRATION_PROTOBUF'], // a message longer than the data
    [exportOf([0x0a]), 'MIGRATION_PROTOBUF'],
    [exportOf([0x10, 0xff]), 'MIGRATION_PROTOBUF'], // a varint cut short
    [exportOf([0x0b]), 'MIGRATION_PROTOBUF'], // wire type 3
    [exportOf(payload(account([0x20, 9]))), 'MIGRATION_VALUE'], // algorithm 9
    [exportOf(payload(account([0x28, 3]))), 'MIGRATION_VALUE'], // digits 3
    [exportOf(payload([0x0a, 10, ...Buffer.from('0123456789'), 0x30, 0]))], // no type
    [exportOf(payload([0x12, 1, 0x61, 0x30, 2])), 'SECRET_EMPTY'],
    [exportOf(payload([0x0a, 3, 1, 2, 3, 0x30, 2])), 'SECRET_TOO_SHORT'],
    [exportOf(payload(account([0x12, 2, 0xc3, 0x28]))), 'MIGRATION_UTF8'],
  ];
  for (const [uri, code] of cases) {
    assert.throws(() => MigrationBatch.parse(uri), (error) => {
      const family = code?.startsWith('SECRET') ? 'NidanSecretError' : 'NidanUriError';
      assert.equal(error.name, family, `${uri.slice(0, 60)}: ${error.name}`);
      if (code !== undefined) assert.equal(error.code, code, uri.slice(0, 60));
      return true;
    });
  }
  for (const value of [null, 1, {}, 'x'.repeat(70000)]) {
    assert.throws(() => MigrationBatch.parse(value), (e) => e instanceof NidanParameterError);
  }
  // Random bytes: an error or a batch, and the module still works.
  const next = random(99);
  for (let i = 0; i < 500; i++) {
    const bytes = Array.from({ length: Math.floor(next() * 60) }, () => Math.floor(next() * 256));
    try {
      MigrationBatch.parse(exportOf(bytes));
    } catch (error) {
      assert.ok(error.name === 'NidanUriError' || error.name === 'NidanSecretError', String(error));
    }
  }
  assert.equal(new Totp(Secret.fromBase32('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'), { digits: 8 }).generate(59), '94287082');
});

/** The QR code drawn as an RGBA image, `scale` pixels per module, with the quiet zone. */
function draw(qr, scale = 4, quiet = 4) {
  const side = (qr.width + 2 * quiet) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < qr.width; y++) {
    for (let x = 0; x < qr.width; x++) {
      if (!qr.isDark(x, y)) continue;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const at = (((y + quiet) * scale + dy) * side + (x + quiet) * scale + dx) * 4;
          pixels.fill(0, at, at + 3);
        }
      }
    }
  }
  return { pixels, side };
}

test('QR codes read back, by an independent decoder (jsQR), to the exact text', () => {
  const secret = Secret.fromBase32('JBSWY3DPEHPK3PXP');
  const next = random(7);
  const texts = [
    new KeyUri({ secret, account: 'alice@example.com', issuer: 'ACME Co' }).toUri(),
    new KeyUri({ secret: Secret.generate({ bytes: 64 }), account: '田中 🙂', issuer: 'Bänk', algorithm: 'SHA512', digits: 8 }).toUri(),
    ...MigrationBatch.export(Array.from({ length: 12 }, () => randomAccount(next))),
    'hello',
  ];
  for (const text of texts) {
    const qr = new Qr(text);
    assert.equal((qr.width - 17) % 4, 0, 'a QR code is 21, 25, 29, ... modules wide');
    const { pixels, side } = draw(qr);
    const read = jsQR(pixels, side, side);
    assert.ok(read !== null, `no QR code found for ${text.slice(0, 40)}`);
    assert.equal(read.data, text);
    // The SVG (qrcode's renderer, 8 units per module) draws the same modules.
    const svg = qr.toSvg();
    const side8 = qr.width + 8;
    assert.ok(svg.includes('<svg') && svg.includes(`viewBox="0 0 ${side8 * 8} ${side8 * 8}"`));
    const drawn = new Set([...svg.matchAll(/M(\d+) (\d+)h8v8/g)].map((m) => `${m[1] / 8 - 4},${m[2] / 8 - 4}`));
    const dark = new Set();
    for (let y = 0; y < qr.width; y++) for (let x = 0; x < qr.width; x++) if (qr.isDark(x, y)) dark.add(`${x},${y}`);
    assert.deepEqual(drawn, dark);
    assert.equal(qr.toTerminal().split('\n').length - 1, Math.ceil(side8 / 2));
  }
});

test('QR codes: bad input is an error, freed codes refuse to work, nothing shows the text', () => {
  assert.throws(() => new Qr('x'.repeat(3000)), { name: 'NidanParameterError', code: 'QR_TOO_LONG' });
  assert.throws(() => new Qr('x'.repeat(70000)), { code: 'INPUT_TOO_LONG' });
  for (const value of [undefined, null, 1, {}]) assert.throws(() => new Qr(value), { code: 'INVALID_ARGUMENT' });
  const uri = 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP';
  const qr = new Qr(uri);
  for (const [x, y] of [[-1, 0], [0, NaN], [1.5, 0], [0, 2 ** 32], ['1', 0], [0n, 0]]) {
    assert.throws(() => qr.isDark(x, y), { code: 'INVALID_NUMBER' });
  }
  assert.equal(qr.isDark(qr.width, 0), false);
  assert.equal(qr.isDark(2 ** 32 - 1, 2 ** 32 - 1), false);
  for (const shown of [String(qr), JSON.stringify(qr), inspect(qr)]) {
    assert.ok(!shown.includes('JBSW'), shown);
    assert.equal(shown.replace(/"/g, ''), `Qr(${qr.width}x${qr.width})`);
  }
  qr.free();
  qr.free();
  assert.throws(() => qr.toSvg(), { code: 'INVALID_ARGUMENT' });
  assert.throws(() => qr.isDark(0, 0), { code: 'INVALID_ARGUMENT' });
});

test('nidan/enrol from require and import is one instance, with the whole native API', () => {
  const required = createRequire(import.meta.url)('nidan/enrol');
  assert.equal(required.MigrationBatch, MigrationBatch);
  assert.equal(required.KeyUri, KeyUri);
  for (const name of Object.keys(nidan)) assert.ok(name in required, name);
  assert.equal(new required.Totp(Secret.fromBase32('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')).generate(59), '287082');
});
