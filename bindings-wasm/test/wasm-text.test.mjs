// The text the bundles embed the wasm module as (js/wasm-text.js): every
// byte sequence comes back exactly, the text is printable ASCII without `"`
// or `\` (a plain string literal nothing re-escapes), and the bundles carry
// the module that build.sh built.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { encodeWasm, decodeWasm } from '../js/wasm-text.js';

const roundTrip = (bytes) => {
  const text = encodeWasm(bytes);
  assert.doesNotMatch(text, /[^\x20-\x7e]|["\\]/);
  assert.deepEqual(decodeWasm(text), bytes);
  return text;
};

test('every byte value, alone and in runs, comes back', () => {
  for (let value = 0; value < 256; value++) roundTrip(Uint8Array.of(value, value, 0, value));
  roundTrip(new Uint8Array(0));
  roundTrip(Uint8Array.from({ length: 256 }, (_, i) => i));
});

test('random bytes of every skew come back', () => {
  let seed = 1;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (const spread of [1, 3, 17, 91, 92, 200, 256]) {
    roundTrip(Uint8Array.from({ length: 5000 }, () => next() % spread));
  }
});

test('frequent bytes take one character, rare ones two', () => {
  const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i < 990 ? i % 91 : 200 + (i % 10)));
  assert.equal(roundTrip(bytes).length, 64 + 990 + 2 * 10);
});

test('the browser bundle embeds the module build.sh built', () => {
  const wasm = new Uint8Array(readFileSync(new URL('../dist/nidan.wasm', import.meta.url)));
  const bundle = readFileSync(new URL('../dist/nidan.mjs', import.meta.url), 'utf8');
  assert.ok(bundle.includes(`"${encodeWasm(wasm)}"`));
});

test('the text gzips within 1 % of the module; base64 would cost a third more', () => {
  const wasm = readFileSync(new URL('../dist/nidan.wasm', import.meta.url));
  const size = (data) => gzipSync(data, { level: 9 }).length;
  assert.ok(size(encodeWasm(new Uint8Array(wasm))) <= size(wasm) * 1.01);
  assert.ok(size(wasm.toString('base64')) >= size(wasm) * 1.3);
});
