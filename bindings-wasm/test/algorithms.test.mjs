// Every algorithm against core/tests/vectors/hmac_algorithms.json (computed
// by Python's hmac and hashlib; the Rust and Python suites read it too),
// through the native API and the otpauth drop-in, and the module split that
// keeps SHA-3 out of the browser module of `nidan`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Secret, Totp, Hotp } from 'nidan';
import * as otpauth from 'nidan/otpauth';
import { load, fromHex } from './vectors.mjs';

const table = load('hmac_algorithms.json');

test('HOTP: every algorithm, three key lengths, seven counters', () => {
  assert.equal(table.hotp.length, 9 * 3 * 7);
  for (const row of table.hotp) {
    const key = fromHex(row.key_hex);
    const counter = BigInt(row.counter);
    for (const [digits, field] of [[6, 'code6'], [8, 'code8']]) {
      const hotp = new Hotp(Secret.fromBytes(key), { algorithm: row.algorithm, digits });
      assert.equal(hotp.generate(counter), row[field], `${row.algorithm} ${row.counter}`);
      const dropIn = new otpauth.HOTP({ secret: new otpauth.Secret({ buffer: key.slice().buffer }), algorithm: row.algorithm, digits });
      assert.equal(dropIn.generate({ counter }), row[field]);
      // The caller's own HMAC gives the same code: the truncation is the core's.
      const hmac = () => fromHex(row.mac_hex);
      assert.equal(otpauth.HOTP.generate({ secret: dropIn.secret, algorithm: 'CUSTOM', digits, counter, hmac }), row[field]);
    }
  }
});

test('TOTP: every algorithm at the RFC 6238 times', () => {
  assert.equal(table.totp.length, 9 * 3 * 6);
  for (const row of table.totp) {
    const key = fromHex(row.key_hex);
    const totp = new Totp(Secret.fromBytes(key), { algorithm: row.algorithm, digits: row.digits, period: row.period });
    assert.equal(totp.generate(row.time), row.code, `${row.algorithm} at ${row.time}`);
    assert.notEqual(totp.verify(row.code, { time: row.time }), null);
    const dropIn = new otpauth.TOTP({ secret: new otpauth.Secret({ buffer: key.slice().buffer }), algorithm: row.algorithm, digits: row.digits });
    assert.equal(dropIn.generate({ timestamp: row.time * 1000 }), row.code);
  }
});

test('the browser module of nidan has no SHA-3, SHA-224 or SHA-384 and says so; the others have them', async () => {
  const dist = new URL('../dist/', import.meta.url);
  const key = new Uint8Array(20).fill(7);
  for (const [name, hasSha3] of [['nidan', false], ['nidan-full', true], ['nidan-enrol', true]]) {
    const glue = await import(new URL(`../pkg/${name}/nidan.js`, import.meta.url));
    glue.initSync({ module: readFileSync(new URL(`${name}.wasm`, dist)) });
    const secret = glue.WasmSecret.fromBytes(key, false, false);
    for (const algorithm of ['SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512', 'SHA3-224', 'SHA3-256', 'SHA3-384', 'SHA3-512']) {
      const totp = glue.WasmTotp.create(secret, algorithm, 6, 30n, 0n, 'decimal');
      const available = hasSha3 || !(algorithm.startsWith('SHA3-') || algorithm === 'SHA224' || algorithm === 'SHA384');
      assert.equal(totp !== undefined, available, `${name} ${algorithm}`);
      const feature = algorithm.startsWith('SHA3-') ? 'sha3' : 'sha224-sha384';
      if (!available) assert.equal(glue.takeError(), `Parameter|ALGORITHM_UNAVAILABLE|${algorithm}|${feature}`);
    }
  }
});

test('every wasm module, the browser module of nidan included, writes Steam codes (steam.json)', async () => {
  const dist = new URL('../dist/', import.meta.url);
  const steam = load('steam.json');
  const row = steam.totp[0];
  for (const name of ['nidan', 'nidan-full', 'nidan-enrol', 'nidan-server']) {
    const glue = await import(new URL(`../pkg/${name}/nidan.js`, import.meta.url));
    glue.initSync({ module: readFileSync(new URL(`${name}.wasm`, dist)) });
    const secret = glue.WasmSecret.fromBase32(row.secret_base32, false, false);
    const totp = glue.WasmTotp.create(secret, steam.algorithm, steam.digits, BigInt(steam.period), 0n, 'steam');
    assert.notEqual(totp, undefined, name);
    assert.equal(totp.format(), 'steam');
    assert.equal(totp.generateText(0, row.unix_time), row.code, name);
  }
});
