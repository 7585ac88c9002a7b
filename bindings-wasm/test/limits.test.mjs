// The defaults and limits are the Rust core's: `limits()` reads them from the
// wasm module (src/limits.rs, nidan::limits), and the package behaves by
// them. No value is typed here: each is read from `limits()`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as nidan from 'nidan';
import * as enrol from 'nidan/enrol';
import * as server from 'nidan/server';
import { ascii } from './vectors.mjs';

const LIMITS = nidan.limits();
const secret = () => nidan.Secret.fromBytes(ascii('12345678901234567890'));

test('limits: every entry names the core defaults and limits, the same in every entry', () => {
  const codes = [
    'secretMinBytes', 'secretMinRandomBytes', 'secretRandomBytes', 'secretMaxBytes', 'minDigits', 'maxDigits',
    'totpAlgorithm', 'totpDigits', 'totpPeriod', 'totpT0', 'totpFormat', 'hotpAlgorithm', 'hotpDigits', 'hotpFormat',
    'hotpLookAhead', 'windowBehind', 'windowAhead', 'windowMaxSide', 'maxInputLen', 'uriMaxLen',
  ];
  const migration = ['migrationMaxLen', 'migrationMaxUriLen', 'migrationVersion', 'migrationBatchIdBytes'];
  const serverSide = [
    'recoveryCount', 'recoveryMaxCount', 'recoveryMinPepperBytes', 'deliveredDigits', 'deliveredLifetime',
    'deliveredMaxAttempts', 'deliveredRandomLen', 'loginMaxLearned', 'loginFactor', 'loginMaxWait', 'loginMaxFailures',
    'throttleMaxFailures', 'recordMaxDrift',
  ];
  assert.deepEqual(Object.keys(LIMITS), codes);
  assert.deepEqual(Object.keys(enrol.limits()), [...codes, ...migration]);
  assert.deepEqual(Object.keys(server.limits()), [...codes, ...serverSide]);
  for (const [name, value] of Object.entries({ ...enrol.limits(), ...server.limits() })) {
    assert.ok(Number.isSafeInteger(value) || /^[A-Za-z0-9-]+$/.test(value), `${name}: ${value}`);
    if (name in LIMITS) assert.equal(value, LIMITS[name], name);
  }
  // A new object each call: changing one changes nothing in the package.
  nidan.limits().totpDigits = 99;
  assert.equal(new nidan.Totp(secret()).digits, LIMITS.totpDigits);
});

test('limits: a Totp and an Hotp take the core defaults', () => {
  const totp = new nidan.Totp(secret());
  assert.deepEqual(
    [totp.algorithm, totp.digits, totp.period, totp.t0],
    [LIMITS.totpAlgorithm, LIMITS.totpDigits, LIMITS.totpPeriod, LIMITS.totpT0],
  );
  assert.equal(totp.generate(0).length, LIMITS.totpDigits);
  assert.equal(totp.timeStep(0).end, LIMITS.totpPeriod);
  const hotp = new nidan.Hotp(secret());
  assert.deepEqual([hotp.algorithm, hotp.digits], [LIMITS.hotpAlgorithm, LIMITS.hotpDigits]);
  for (const Otp of [nidan.Totp, nidan.Hotp]) {
    for (const digits of [LIMITS.minDigits, LIMITS.maxDigits]) assert.equal(new Otp(secret(), { digits }).digits, digits);
    for (const digits of [LIMITS.minDigits - 1, LIMITS.maxDigits + 1]) {
      assert.throws(() => new Otp(secret(), { digits }), { code: 'DIGITS' });
    }
  }
});

test('limits: secrets are generated and read within the core lengths', () => {
  assert.equal(nidan.Secret.generate().byteLength, LIMITS.secretRandomBytes);
  for (const bytes of [LIMITS.secretMinRandomBytes, LIMITS.secretMaxBytes]) {
    assert.equal(nidan.Secret.generate({ bytes }).byteLength, bytes);
  }
  assert.throws(() => nidan.Secret.generate({ bytes: LIMITS.secretMinRandomBytes - 1 }), { code: 'SECRET_TOO_SHORT' });
  assert.throws(() => nidan.Secret.generate({ bytes: LIMITS.secretMaxBytes + 1 }), { code: 'SECRET_TOO_LONG' });
  assert.equal(nidan.Secret.fromBytes(new Uint8Array(LIMITS.secretMinBytes)).byteLength, LIMITS.secretMinBytes);
  assert.throws(() => nidan.Secret.fromBytes(new Uint8Array(LIMITS.secretMinBytes - 1)), { code: 'SECRET_TOO_SHORT' });
  assert.throws(() => nidan.Secret.fromBytes(new Uint8Array(LIMITS.maxInputLen + 1)), { code: 'INPUT_TOO_LONG' });
  assert.throws(() => nidan.Secret.fromBase32('A'.repeat(LIMITS.maxInputLen + 1)), { code: 'INPUT_TOO_LONG' });
});

test('limits: the verification window and the HOTP look-ahead are the core defaults', () => {
  const totp = new nidan.Totp(secret());
  const { totpPeriod: period, windowBehind: behind, windowAhead: ahead, windowMaxSide: side } = LIMITS;
  const time = 1000 * period;
  assert.equal(totp.verify(totp.generate(time - behind * period), { time }).kind, 'accepted');
  assert.equal(totp.verify(totp.generate(time - (behind + 1) * period), { time }).kind, 'rejected');
  assert.equal(totp.verify(totp.generate(time + ahead * period), { time }).kind, 'accepted');
  assert.equal(totp.verify(totp.generate(time + (ahead + 1) * period), { time }).kind, 'rejected');
  totp.verify('000000', { time, behind: side, ahead: side });
  assert.throws(() => totp.verify('000000', { time, behind: side + 1 }), { code: 'WINDOW_TOO_LARGE' });
  const hotp = new nidan.Hotp(secret());
  assert.notEqual(hotp.verify(hotp.generate(5 + LIMITS.hotpLookAhead), 5), null);
  assert.equal(hotp.verify(hotp.generate(5 + LIMITS.hotpLookAhead + 1), 5), null);
});

test('limits: URIs and exports', () => {
  const base32 = secret().toBase32();
  const uri = `otpauth://totp/a?secret=${base32}&x=`;
  const longest = uri + 'y'.repeat(LIMITS.uriMaxLen - uri.length);
  assert.equal(enrol.KeyUri.parse(longest).account, 'a');
  assert.throws(() => enrol.KeyUri.parse(`${longest}y`), { code: 'URI_TOO_LONG' });
  const key = new enrol.KeyUri({ secret: enrol.Secret.fromBase32(base32), account: 'a' });
  assert.deepEqual([key.algorithm, key.digits, key.period], [LIMITS.totpAlgorithm, LIMITS.totpDigits, LIMITS.totpPeriod]);

  const { MigrationBatch } = enrol;
  const own = enrol.limits();
  assert.equal(MigrationBatch.MAX_LEN, own.migrationMaxLen);
  assert.equal(MigrationBatch.DEFAULT_MAX_URI_LEN, own.migrationMaxUriLen);
  const accounts = Array.from({ length: 40 }, (_, i) => enrol.KeyUri.parse(`otpauth://totp/ACME:user${i}?secret=${base32}`));
  const uris = MigrationBatch.export(accounts, { batchId: 1 });
  assert.ok(uris.length > 1);
  assert.ok(uris.every((text) => text.length <= own.migrationMaxUriLen));
  assert.equal(MigrationBatch.export(accounts, { batchId: 1, maxUriLen: own.migrationMaxLen }).length, 1);
  const batch = new MigrationBatch(accounts.slice(0, 1));
  assert.deepEqual([batch.version, batch.batchSize, batch.batchIndex], [own.migrationVersion, 1, 0]);
  assert.throws(() => MigrationBatch.parse(`${uris[0]}&${'x'.repeat(own.migrationMaxLen)}`), { code: 'URI_TOO_LONG' });
});

test('limits: the batch id is the core reading of crypto.getRandomValues', (t) => {
  const drawn = [];
  t.mock.method(globalThis.crypto, 'getRandomValues', (array) => {
    drawn.push(array.byteLength);
    new DataView(array.buffer, array.byteOffset, array.byteLength).setInt32(0, -2, true);
    return array;
  });
  const account = enrol.KeyUri.parse(`otpauth://totp/ACME:a?secret=${secret().toBase32()}`);
  // Any 32-bit number, negative ones included, as Google Authenticator draws them.
  assert.equal(new enrol.MigrationBatch([account]).batchId, -2);
  assert.equal(enrol.MigrationBatch.parse(enrol.MigrationBatch.export([account])[0]).batchId, -2);
  assert.deepEqual(drawn, [enrol.limits().migrationBatchIdBytes, enrol.limits().migrationBatchIdBytes]);
});

test('limits: the server side takes the core defaults', () => {
  const own = server.limits();
  const pepper = new Uint8Array(32).fill(7);
  assert.equal(server.RecoveryCodes.MAX_COUNT, own.recoveryMaxCount);
  const [codes, printed] = server.RecoveryCodes.generate({ pepper });
  assert.deepEqual([codes.count, printed.length], [own.recoveryCount, own.recoveryCount]);
  assert.throws(() => server.RecoveryCodes.generate({ pepper, count: own.recoveryMaxCount + 1 }), { code: 'SETTING' });
  assert.throws(() => server.RecoveryCodes.generate({ pepper: new Uint8Array(own.recoveryMinPepperBytes - 1) }));
  const [stored, code] = server.DeliveredCode.generate({ pepper, time: 1000 });
  assert.equal(code.length, own.deliveredDigits);
  assert.equal(stored.expiresAt, 1000 + own.deliveredLifetime);
  assert.equal(stored.attemptsLeft, own.deliveredMaxAttempts);
  assert.throws(() => server.DeliveredCode.fromRandom(new Uint8Array(own.deliveredRandomLen - 1), { pepper }),
    { code: 'RANDOM_TOO_SHORT' });
  const login = new server.Login();
  assert.deepEqual(
    [login.behind, login.ahead, login.maxLearned, login.factor, login.maxWait, login.maxFailures],
    [own.windowBehind, own.windowAhead, own.loginMaxLearned, own.loginFactor, own.loginMaxWait, own.loginMaxFailures],
  );
  new server.Login({ maxFailures: own.throttleMaxFailures });
  assert.throws(() => new server.Login({ maxFailures: own.throttleMaxFailures + 1 }), { code: 'SETTING' });
});

test('limits: the defaults and limits the README API table shows are the core ones', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const api = readme.split('\n## API\n')[1].split('\n## ')[0];
  const own = { ...enrol.limits(), ...server.limits() };
  const shown = {
    'bytes = ': own.secretRandomBytes, "algorithm = '": `${own.totpAlgorithm}'`, 'digits = ': own.totpDigits,
    'period = ': own.totpPeriod, 't0 = ': own.totpT0, 'behind = ': own.windowBehind, 'ahead = ': own.windowAhead,
    'lookAhead = ': own.hotpLookAhead, 'maxUriLen = ': own.migrationMaxUriLen, 'version = ': own.migrationVersion,
    'totpDigits: ': own.totpDigits, 'secretMaxBytes: ': own.secretMaxBytes, 'windowMaxSide: ': own.windowMaxSide,
  };
  for (const [prefix, value] of Object.entries(shown)) {
    const written = [...api.matchAll(new RegExp(`[{ ,(]${prefix.replace(/[()]/g, '\\$&')}([^ ,})|]+)`, 'g'))];
    assert.ok(written.length > 0, `the API table shows no ${prefix}`);
    for (const [, text] of written) assert.equal(text, String(value), `${prefix}${text}`);
  }
  assert.match(api, new RegExp(`\\(${own.secretMinRandomBytes} to ${own.secretMaxBytes} bytes\\)`));
  assert.match(api, new RegExp(`${own.minDigits} to ${own.maxDigits} digits`));
  assert.match(api, new RegExp(`at most ${own.windowMaxSide}\\s+steps to a side`));
});
