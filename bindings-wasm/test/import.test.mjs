// The import mode of `nidan/enrol`: the real-world corpus (read by the Rust
// and Python suites too), repairs as values, one result per export account.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import {
  KeyUri, MigrationBatch, Totp, NidanError, NidanSecretError, NidanUriError, NidanParameterError,
} from 'nidan/enrol';
import { load } from './vectors.mjs';

const corpus = load('real_world_uris.json');
const families = { secret: NidanSecretError, uri: NidanUriError, parameter: NidanParameterError };
const hex = (bytes) => Buffer.from(bytes).toString('hex');

function keyJson(key) {
  const value = {
    type: key.kind, issuer: key.issuer, account: key.account,
    secret_hex: hex(key.secret.toBytes()), algorithm: key.algorithm, digits: key.digits,
  };
  if (key.format !== 'decimal') value.format = key.format;
  if (key.kind === 'totp') value.period = key.period;
  else value.counter = key.counter;
  return value;
}

function importedJson({ key, repairs }) {
  return { key: keyJson(key), repairs: repairs.map(({ message, ...fields }) => fields) };
}

function assertError(error, expected, what) {
  assert.ok(error instanceof families[expected.family], `${what}: ${error}`);
  assert.equal(error.message, expected.message, what);
}

test('corpus URIs give their strict and import results', () => {
  assert.ok(corpus.uris.length >= 20);
  for (const entry of corpus.uris) {
    const { id, uri } = entry;
    if ('error' in entry.strict) {
      assert.throws(() => KeyUri.parse(uri), (error) => (assertError(error, entry.strict, `${id} strict`), true));
    } else {
      assert.deepEqual({ key: keyJson(KeyUri.parse(uri)) }, entry.strict, id);
    }
    if ('error' in entry.import) {
      assert.throws(() => KeyUri.importUri(uri), (error) => (assertError(error, entry.import, `${id} import`), true));
      continue;
    }
    const imported = KeyUri.importUri(uri);
    assert.deepEqual(importedJson(imported), entry.import, id);
    const { check } = entry;
    // Decimal and Steam Guard codes alike (the package computes both).
    if (check !== undefined) {
      const code = check.time !== undefined
        ? imported.key.toTotp().generate(check.time)
        : imported.key.toHotp().generate(check.counter);
      assert.equal(code, check.code, id);
    }
    // Every imported key builds a URI that reads back to it.
    const again = KeyUri.importUri(imported.key.toUri());
    assert.deepEqual(keyJson(again.key), keyJson(imported.key), id);
  }
});

test('corpus exports give their strict and import results, one per account', () => {
  for (const entry of corpus.exports) {
    const { id, uri } = entry;
    if ('error' in entry.strict) {
      assert.throws(() => MigrationBatch.parse(uri), (error) => (assertError(error, entry.strict, `${id} strict`), true));
    } else {
      assert.deepEqual({ accounts: MigrationBatch.parse(uri).accounts.map(keyJson) }, entry.strict, id);
    }
    const result = MigrationBatch.importUri(uri);
    assert.equal(result.accounts.length, entry.import.accounts.length, id);
    result.accounts.forEach((account, index) => {
      const expected = entry.import.accounts[index];
      if ('error' in expected) {
        assertError(account, expected, `${id} account ${index}`);
        assert.ok(result.failures.some((failure) => failure.index === index && failure.error === account), id);
      } else {
        assert.deepEqual(importedJson(account), expected, `${id} account ${index}`);
      }
    });
    assert.deepEqual(result.batch.accounts.map(keyJson), result.accounts.filter((a) => !(a instanceof Error)).map((a) => keyJson(a.key)));
  }
});

test('repairs are frozen values with the core message and no secret', () => {
  const { key, repairs } = KeyUri.importUri('otpauth://totp/Old:alice?SECRET=jbsw%20y3dp%20ehpk%203pxp&issuer=New');
  assert.deepEqual(repairs.map((r) => r.kind), ['parameter_name_case', 'issuer_differs', 'secret_separators']);
  assert.deepEqual(repairs[1], {
    kind: 'issuer_differs',
    message: 'the label names the issuer "Old" and the issuer parameter "New": the parameter is used',
    label: 'Old',
    parameter: 'New',
  });
  assert.equal(key.issuer, 'New');
  assert.ok(Object.isFrozen(repairs) && Object.isFrozen(repairs[0]));
  const shown = inspect(repairs) + JSON.stringify(repairs) + String(key);
  assert.ok(!/jbsw|JBSW/.test(shown), shown);
  // A value that looks like a template field stays as it is.
  const odd = KeyUri.importUri('otpauth://totp/%24parameter:a?secret=JBSWY3DPEHPK3PXP&issuer=X');
  assert.equal(odd.repairs[0].message, 'the label names the issuer "$parameter" and the issuer parameter "X": the parameter is used');
  const short = KeyUri.importUri('otpauth://totp/a?secret=JBSWY3DP');
  assert.deepEqual(short.repairs[0], { kind: 'secret_short', message: 'the secret is 40 bits long, shorter than the 80 bits required', bits: 40 });
});

test('strict stays the default and names what is wrong', () => {
  assert.throws(() => KeyUri.parse('otpauth://totp/?secret=JBSWY3DPEHPK3PXP'), { name: 'NidanUriError', code: 'ACCOUNT_EMPTY' });
  assert.throws(() => KeyUri.parse('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=06'), { code: 'URI_INVALID_VALUE' });
  const hotp = KeyUri.parse('otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=1');
  assert.throws(() => hotp.toTotp(), { code: 'KEY_IS_HOTP', message: 'the key is HOTP (counter-based), not TOTP' });
  assert.throws(() => KeyUri.importUri('otpauth://totp/a?secret=ABC'), { name: 'NidanSecretError', code: 'BASE32_LENGTH' });
  assert.throws(() => KeyUri.importUri(42), { name: 'NidanParameterError', code: 'INVALID_ARGUMENT' });
  assert.throws(() => MigrationBatch.importUri('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP'), { code: 'MIGRATION_SCHEME' });
});

test('export failures say which account and why', () => {
  const entry = corpus.exports.find((e) => e.id === 'export-with-unusable-accounts');
  const { failures, accounts } = MigrationBatch.importUri(entry.uri);
  assert.deepEqual(failures.map(({ index, error }) => [index, error.code, error.message]), [
    [1, 'MIGRATION_VALUE', 'export URI has an account whose algorithm nidan cannot use'],
  ]);
  assert.ok(accounts[1] instanceof NidanError);
});

test('Steam Guard keys are read by the import mode, and make Steam codes', () => {
  const uri = 'otpauth://totp/Steam:alice?secret=JBSWY3DPEHPK3PXP&digits=5&encoder=steam';
  assert.throws(() => KeyUri.parse(uri), NidanUriError);
  const { key, repairs } = KeyUri.importUri(uri);
  assert.deepEqual([key.format, key.digits, repairs.map((r) => r.kind)], ['steam', 5, ['steam_guard']]);
  const totp = key.toTotp();
  assert.deepEqual([totp.format, totp.digits], ['steam', 5]);
  assert.equal(totp.generate(59), new Totp(key.secret, { digits: 5, format: 'steam' }).generate(59));
  assert.match(totp.generate(59), /^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
  assert.equal(KeyUri.importUri(key.toUri()).key.format, 'steam');
});
