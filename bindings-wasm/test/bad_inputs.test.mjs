// The shared table of malformed inputs, core/tests/vectors/bad_inputs.json
// (the Rust and Python suites read the same file; schema in the README
// there). Every entry for JS goes through nidan's native API as a JS user
// would call it and throws the error class of its family, or, for codes, is
// simply a wrong code; no error repeats the secret; afterwards the module
// still computes the RFC codes, so the wasm instance is intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import {
  Secret, Totp, Hotp, NidanError, NidanSecretError, NidanUriError, NidanParameterError,
} from 'nidan';
// URIs are nidan/enrol's (nidan has codes only).
import { KeyUri, Secret as EnrolSecret, NidanError as EnrolError } from 'nidan/enrol';
import { load, ascii, fromHex, documentedErrorCodes } from './vectors.mjs';

// The core's documented codes: of each Rust error, and the bindings' own (ArgumentError).
const CODES = new Map(documentedErrorCodes().map(({ code, error }) => [error, code]));
const ARGUMENT_CODES = documentedErrorCodes().filter(({ error }) => error.startsWith('ArgumentError::')).map(({ code }) => code);
/**
 * Whether `code` is the one the core documents for the entry's Rust error
 * (call 1 of a URI is the import mode, whose error the table may give apart)
 * or, for an argument JS refuses itself, one of the bindings' own.
 */
function codeIsRight(entry, index, code) {
  const rustError = entry.kind === 'uri' && index === 1 ? entry.import_rust_error ?? entry.rust_error : entry.rust_error;
  if (rustError === undefined) return ARGUMENT_CODES.includes(code);
  return code === CODES.get(rustError.split(/[ {]/)[0]);
}

const FAMILIES = { secret: NidanSecretError, uri: NidanUriError, parameter: NidanParameterError };
const NAMES = { secret: 'NidanSecretError', uri: 'NidanUriError', parameter: 'NidanParameterError' };

// Entries for JS that the JS API cannot express, and why. The list must name
// JS entries that exist, so it cannot go stale or grow silently. (Empty:
// every entry has a JS call.)
const SKIPPED = {};

const table = load('bad_inputs.json');
const entries = table.entries;
const RFC_SECRET = table.fixture.secret_ascii;
const forJs = (entry) => (entry.surfaces ?? ['js']).includes('js');
/** `call()`, with an error of `nidan/enrol` (its classes are its own) thrown again as the `nidan` class of the same name. */
function inNidanClasses(call) {
  try {
    return call();
  } catch (error) {
    const Same = { NidanSecretError, NidanUriError, NidanParameterError }[error?.name];
    if (Same !== undefined && error instanceof EnrolError) throw new Same(error.message, error.code);
    throw error;
  }
}

// URIs that the import mode reads, with repairs (the table's `import_repairs`).
const IMPORT_REPAIRS = new Set(entries.filter((entry) => entry.import_repairs).map((entry) => entry.input));

test('the import mode repairs what the table says it does', () => {
  assert.ok(IMPORT_REPAIRS.size >= 4);
  for (const uri of IMPORT_REPAIRS) assert.ok(KeyUri.importUri(uri).repairs.length > 0, uri);
});

/**
 * A JSON value of the table as JS users pass it: a JSON number as is, the
 * strings "NaN", "Infinity", "-Infinity" as numbers, and digit strings (exact
 * integers beyond 2^53) as a bigint where the API takes one, else as the number.
 */
function number(value, takesBigInt) {
  if (typeof value !== 'string') return value;
  if (['NaN', 'Infinity', '-Infinity'].includes(value)) return Number(value);
  assert.match(value, /^\d+$/, `a number of the table: ${value}`);
  return takesBigInt ? BigInt(value) : Number(value);
}

const fixtureSecret = () => Secret.fromBytes(ascii(RFC_SECRET));

/** Totp options of a config entry: the algorithm as text, digits a number, period and t0 bigint-capable. */
function totpOptions(input) {
  const result = {};
  for (const [name, value] of Object.entries(input)) {
    result[name] = name === 'algorithm' ? value : number(value, name !== 'digits');
  }
  return result;
}

/** `Secret.generate` of that many bytes, with `crypto.getRandomValues` handing out `random`. */
function generatedFrom(random) {
  return () => {
    const asked = [];
    const crypto = globalThis.crypto;
    crypto.getRandomValues = (array) => {
      asked.push(array.length);
      array.set(random.subarray(0, array.length));
      return array;
    };
    try {
      return Secret.generate({ bytes: random.length });
    } finally {
      delete crypto.getRandomValues;
      assert.deepEqual(asked, [random.length]);
    }
  };
}

function time(input) {
  const totp = new Totp(fixtureSecret(), { t0: number(input.t0 ?? 0, true) });
  const when = number(input.time, true);
  return [
    () => totp.generate(when),
    () => totp.step(when),
    () => totp.timeStep(when),
    () => totp.verify('287082', { time: when }),
  ];
}

function window(input) {
  const totp = new Totp(fixtureSecret());
  const sides = { behind: number(input.behind, false), ahead: number(input.ahead, false) };
  return [() => totp.verify('287082', { time: 59, ...sides })];
}

/** Every call taking a counter or a step. */
function counter(input) {
  const value = number(input, true);
  const hotp = new Hotp(fixtureSecret());
  const totp = new Totp(fixtureSecret());
  return [
    () => hotp.generate(value),
    () => hotp.verify('287082', value),
    () => inNidanClasses(() => new KeyUri({ secret: EnrolSecret.fromBytes(ascii(RFC_SECRET)), account: 'a', kind: 'hotp', counter: value })),
    () => totp.generateAtStep(value),
    () => totp.verify('287082', { time: 59, lastAccepted: value }),
  ];
}

// For each kind of entry, the calls that must all refuse its input.
const KINDS = {
  secret_base32: (text) => [() => Secret.fromBase32(text)],
  secret_typed: (text) => [() => Secret.fromTypedBase32(text)],
  secret_bytes: (hex) => [() => Secret.fromBytes(fromHex(hex))],
  secret_random: (hex) => [generatedFrom(fromHex(hex))],
  // Both modes: the import mode refuses what it cannot repair, like strict.
  uri: (text) => [() => inNidanClasses(() => KeyUri.parse(text)), ...(IMPORT_REPAIRS.has(text) ? [] : [() => inNidanClasses(() => KeyUri.importUri(text))])],
  totp_config: (input) => [() => new Totp(fixtureSecret(), totpOptions(input))],
  hotp_config: (input) => [() => new Hotp(fixtureSecret(), totpOptions(input))],
  time,
  window,
  look_ahead: (value) => [() => new Hotp(fixtureSecret()).verify('287082', 0, { lookAhead: number(value, false) })],
  counter,
  code: () => [], // checked by rejectedCode
};

/** What is wrong with how the fixture's generators treat `code`: it must be a
 * wrong code for TOTP at time 59 and for HOTP at counter 0, look-ahead 2. */
function rejectedCode(code) {
  const problems = [];
  const verdict = new Totp(fixtureSecret()).verify(code, { time: 59 });
  if (verdict.kind !== 'rejected' || verdict.accepted || verdict.step !== null) {
    problems.push(`TOTP verify says ${JSON.stringify(verdict)}`);
  }
  const found = new Hotp(fixtureSecret()).verify(code, 0, { lookAhead: 2 });
  if (found !== null) problems.push(`HOTP verify says ${JSON.stringify(found)}`);
  return problems;
}

const hexOf = (text) => Buffer.from(text, 'latin1').toString('hex');

/** The secret material an error about this entry must not repeat: the input
 * of the secret kinds (and its bytes), the secret of a URI, and the fixture
 * secret in every form. */
function secretTexts(entry) {
  const texts = [RFC_SECRET, hexOf(RFC_SECRET), fixtureSecret().toBase32()];
  const { input, kind } = entry;
  if (kind === 'secret_base32' || kind === 'secret_typed') texts.push(input);
  else if (kind === 'secret_bytes' || kind === 'secret_random') {
    texts.push(input, input.toUpperCase(), Buffer.from(fromHex(input)).toString('latin1'));
  } else if (kind === 'uri' && input.includes('secret=')) texts.push(input.split('secret=')[1].split('&')[0]);
  return texts;
}

/** Everything an error shows: message, String(), util.inspect (stack included), code, with its causes. */
function shown(error) {
  const parts = [];
  for (let seen = error; seen !== undefined && seen !== null; seen = seen.cause) {
    parts.push(String(seen), inspect(seen), String(seen?.message), String(seen?.code), String(seen?.stack));
  }
  return parts.join('\n');
}

/** A run of six characters of secret material that the error shows, or null. */
function leak(error, entry) {
  const text = shown(error);
  for (const secret of secretTexts(entry)) {
    const chars = [...secret];
    for (let start = 0; start + 6 <= chars.length; start++) {
      const run = chars.slice(start, start + 6).join('');
      if (text.includes(run)) return run;
    }
  }
  return null;
}

/** What is wrong with how JS treats one entry; empty when all is right. */
function problemsOf(entry) {
  if (entry.family === 'none') return rejectedCode(entry.input);
  const Expected = FAMILIES[entry.family];
  const problems = [];
  KINDS[entry.kind](entry.input).forEach((call, index) => {
    let value;
    try {
      value = call();
    } catch (error) {
      if (!(error instanceof Expected) || !(error instanceof NidanError)) {
        problems.push(`call ${index}: ${error?.name}: ${error?.message}, expected ${Expected.name}`);
      } else {
        if (error.name !== NAMES[entry.family]) problems.push(`call ${index}: name ${error.name}`);
        if (!codeIsRight(entry, index, error.code)) problems.push(`call ${index}: code ${error.code}, expected that of ${entry.rust_error ?? 'an argument'}`);
        if (!error.message) problems.push(`call ${index}: no message`);
      }
      const found = leak(error, entry);
      if (found !== null) problems.push(`call ${index}: the error shows ${JSON.stringify(found)}: ${error?.message}`);
      return;
    }
    problems.push(`call ${index}: accepted (${inspect(value)}), expected ${Expected.name}`);
  });
  return problems;
}

function stillComputesTheRfcCodes() {
  const hotp = new Hotp(fixtureSecret());
  for (const row of load('rfc4226_hotp.json').vectors) assert.equal(hotp.generate(row.counter), row.hotp_6);
  for (const row of load('rfc6238_totp.json').vectors) {
    const totp = new Totp(Secret.fromBytes(ascii(row.seed_ascii)), { algorithm: row.mode, digits: 8 });
    assert.equal(totp.generate(row.unix_time), row.totp_8);
    assert.equal(totp.generate(BigInt(row.unix_time)), row.totp_8);
  }
}

test('every entry gets its error class (or a rejection) and the wasm module survives', () => {
  const failures = [];
  let checked = 0;
  for (const entry of entries) {
    if (!forJs(entry) || entry.id in SKIPPED) continue;
    let problems;
    try {
      problems = problemsOf(entry);
    } catch (error) { // a fixture call failed, or a wasm trap: as bad as a wrong class
      problems = [`${error?.name}: ${error?.message}`];
    }
    failures.push(...problems.map((problem) => `${entry.id}: ${problem}`));
    checked++;
  }
  assert.deepEqual(failures, []);
  assert.equal(checked, entries.filter(forJs).length - Object.keys(SKIPPED).length);
  assert.ok(checked >= 130, `only ${checked} entries for JS`);
  stillComputesTheRfcCodes();
});

test('the fixture is what the table says', () => {
  const totp = new Totp(Secret.fromBytes(ascii(table.fixture.secret_ascii)));
  [['755224', 0], ['287082', 1], ['359152', 2]].forEach(([code, step]) => {
    const verdict = totp.verify(code, { time: table.fixture.time });
    assert.equal(verdict.kind, 'accepted');
    assert.equal(verdict.step, step);
  });
  assert.equal(new Hotp(fixtureSecret()).verify('359152', 0, { lookAhead: 2 })?.step, 2);
});

test('every kind has JS calls, and every skip is a JS entry with a reason', () => {
  const kinds = new Set(entries.map((entry) => entry.kind));
  assert.deepEqual([...kinds].filter((kind) => !(kind in KINDS)), [], 'kinds without JS calls here');
  assert.deepEqual(Object.keys(KINDS).filter((kind) => !kinds.has(kind)), [], 'calls for kinds the table lacks');
  const jsIds = new Set(entries.filter(forJs).map((entry) => entry.id));
  for (const [id, reason] of Object.entries(SKIPPED)) {
    assert.ok(jsIds.has(id), `skipped ${id} is not a JS entry of the table`);
    assert.ok(typeof reason === 'string' && reason.length > 10, `skipped ${id} needs a reason`);
  }
  for (const entry of entries.filter(forJs)) {
    assert.ok(entry.family === 'none' || entry.family in FAMILIES, `${entry.id}: family ${entry.family}`);
  }
});

test('the leak check and the class check can fail', () => {
  const entry = { kind: 'secret_base32', input: 'JBSWY3DPEHPK3PX1' };
  assert.notEqual(leak(new NidanSecretError('bad secret PEHPK3', 'X'), entry), null);
  assert.notEqual(leak(new Error('x', { cause: new Error('GEZDGNBVGY3T') }), entry), null);
  assert.equal(leak(new NidanSecretError('bad secret', 'X'), entry), null);
  const accepted = { id: 'x', kind: 'secret_base32', input: 'JBSWY3DPEHPK3PXP', family: 'secret' };
  assert.match(problemsOf(accepted).join(), /accepted/);
  const wrongClass = { id: 'x', kind: 'uri', input: 'otpauth://totp/a?secret=JBSWY3DPEHPK3PX1', family: 'uri' };
  assert.match(problemsOf(wrongClass).join(), /expected NidanUriError/);
  assert.match(rejectedCode('287082').join(), /TOTP/);
});
