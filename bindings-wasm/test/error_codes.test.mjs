// Error codes come from the core: errorCodes() is the core's list, which
// the table in the core's documentation of `Error` (core/src/error.rs, read
// here) documents; every error of each family carries the code that table
// gives its Rust error, and every code the JS layer throws itself is one of
// the documented ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import {
  errorCodes, Secret, Totp, NidanError, NidanSecretError, NidanUriError, NidanParameterError,
} from 'nidan';
import { KeyUri, NidanUriError as EnrolUriError } from 'nidan/enrol';
import { documentedErrorCodes } from './vectors.mjs';

const documented = documentedErrorCodes();
/** The documented code of a Rust error (`SecretTooShort`, `ArgumentError::Number`). */
const codeOf = (error) => documented.find((row) => row.error === error)?.code;

test('errorCodes() is the core\'s table of codes, in order', () => {
  assert.ok(documented.length >= 44);
  assert.deepEqual(errorCodes(), documented.map((row) => row.code));
  assert.equal(new Set(errorCodes()).size, errorCodes().length);
});

test('each family\'s errors carry the code the core documents for them', () => {
  const key = Secret.fromBase32('JBSWY3DPEHPK3PXP');
  const cases = [
    [() => Secret.fromBase32('MZXW6'), NidanSecretError, 'SecretTooShort'],
    [() => Secret.fromBase32('JBSWY3DPEHPK3PX1'), NidanSecretError, 'Base32Character'],
    [() => KeyUri.parse('https://example.com/'), EnrolUriError, 'UriScheme'],
    [() => KeyUri.parse('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=6&digits=6'), EnrolUriError, 'UriDuplicateParameter'],
    [() => new Totp(key, { digits: 11 }), NidanParameterError, 'Digits'],
    [() => new Totp(key, { period: 0 }), NidanParameterError, 'Period'],
    [() => new Totp(key, { digits: 6.5 }), NidanParameterError, 'ArgumentError::Number'],
    [() => new Totp(key, 'options'), NidanParameterError, 'ArgumentError::Invalid'],
    [() => Secret.fromBase32('A'.repeat(70_000)), NidanParameterError, 'ArgumentError::TooLong'],
  ];
  for (const [call, Type, error] of cases) {
    const expected = codeOf(error);
    assert.ok(expected, `${error} is in the table`);
    assert.throws(call, (e) => e instanceof Type && e.code === expected, `${error}: ${expected}`);
  }
  assert.ok(new NidanError('m', 'X') instanceof Error);
});

test('every code the JS layer throws itself is one of errorCodes()', () => {
  const folder = new URL('../js/', import.meta.url);
  const thrown = new Set();
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.js'))) {
    const source = readFileSync(new URL(name, folder), 'utf8');
    for (const [, code] of source.matchAll(/fail\('([A-Z0-9_]+)'/g)) thrown.add(code);
    for (const [, code] of source.matchAll(/new Nidan\w*Error\([^;]*?, '([A-Z0-9_]+)'\)/g)) thrown.add(code);
  }
  assert.ok(thrown.has('INVALID_NUMBER'), [...thrown].join(' '));
  // Hex keys are read by the core (nidan::hex), so the JS layer has no hex error of its own.
  assert.ok(!thrown.has('HEX_CHARACTER'), [...thrown].join(' '));
  const codes = new Set(errorCodes());
  assert.deepEqual([...thrown].filter((code) => !codes.has(code)), []);
});
