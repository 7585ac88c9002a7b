// Secret hygiene: no object of the package shows its key by accident.
// String(x), x.toString() (where it is not the documented URI output),
// JSON.stringify(x), util.inspect(x) (console.log's form, also with hidden
// properties) and error messages must not contain the key's bytes in hex,
// base32 (padded, unpadded, lower case, grouped) or as text. The otpauth
// drop-in's objects show their `bytes` field (as decimals) exactly as
// otpauth's own do: that is checked against the real package instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect, format } from 'node:util';
import * as nidan from 'nidan';
import * as enrol from 'nidan/enrol';
import * as server from 'nidan/server';
import * as dropIn from 'nidan/otpauth';
import * as real from 'otpauth';
import { fromHex } from './vectors.mjs';

// Two keys with distinctive bytes (all above 127, so that their decimal
// lists cannot come from small numbers elsewhere); 13 bytes give padded base32.
const KEYS = ['c3e19a8ff47bd2a6b5e8c1f0d9a3b7e2c4f6a8d1', 'e7b2d4f9a1c3e5b7d9f1a3c5e7'].map(fromHex);

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(bytes) {
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  let text = '';
  for (let i = 0; i < bits.length; i += 5) text += BASE32[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return text;
}

/** Every form of a key that must not show: hex, base32 (padded, lower case, grouped), text, decimal lists. */
function forms(bytes, { decimals = true } = {}) {
  const hex = Buffer.from(bytes).toString('hex');
  const b32 = base32(bytes);
  const padded = b32.padEnd(Math.ceil(b32.length / 8) * 8, '=');
  const grouped = b32.match(/.{1,4}/g).join(' ');
  const all = [hex, hex.toUpperCase(), b32, padded, b32.toLowerCase(), grouped, grouped.toLowerCase(),
    grouped.replaceAll(' ', '-'), Buffer.from(bytes).toString('latin1'), Buffer.from(bytes).toString('base64')];
  if (decimals) all.push([...bytes].join(','), [...bytes].join(', '));
  return all;
}

/** A run of eight characters of any form of any key in `text`, or null. */
function leak(text, keyForms) {
  for (const form of keyForms) {
    for (let start = 0; start + 8 <= form.length; start++) {
      if (text.includes(form.slice(start, start + 8))) return form.slice(start, start + 8);
    }
  }
  return null;
}

/** JSON.stringify(x); an object with a bigint cannot be serialised (JavaScript's rule), which shows nothing. */
function json(x) {
  try {
    return JSON.stringify(x) ?? '';
  } catch (error) {
    assert.match(error.message, /BigInt/);
    return error.message;
  }
}

/** What an object shows: String, toString (unless documented as the URI), JSON, inspect, console.log's formats. */
function views(x, { toStringIsUri = false } = {}) {
  const shown = {
    json: json(x),
    inspect: inspect(x),
    'inspect hidden': inspect(x, { showHidden: true, depth: Infinity, getters: false }),
    format: format('%o %O', x, x),
  };
  // console.log's %s calls a class's own toString(), as String(x) does.
  if (!toStringIsUri) {
    Object.assign(shown, { String: String(x), '%s': format('%s', x), toString: typeof x?.toString === 'function' ? x.toString() : '' });
  }
  return shown;
}

function assertHidden(name, x, keyForms, options) {
  for (const [view, text] of Object.entries(views(x, options))) {
    const found = leak(text, keyForms);
    assert.equal(found, null, `${name}: ${view} shows ${found}: ${text.slice(0, 200)}`);
  }
}

/** The error `call` throws (it must throw one of the package's). */
function thrown(call, Base) {
  try {
    call();
  } catch (error) {
    assert.ok(error instanceof Base, `${error?.name}: ${error?.message}`);
    return error;
  }
  assert.fail(`no error from ${call}`);
}

function assertErrorHidden(name, error, keyForms) {
  const text = [error.message, String(error), inspect(error), error.stack, error.code].join('\n');
  const found = leak(text, keyForms);
  assert.equal(found, null, `${name}: the error shows ${found}: ${error.message}`);
}

// The native API, and the own copies of it in nidan/enrol and nidan/server.
for (const [moduleName, api] of [['nidan', nidan], ['nidan/enrol', enrol], ['nidan/server', server]]) {
  test(`${moduleName}: no object or error shows the key`, () => {
    for (const key of KEYS) {
      const keyForms = forms(key);
      const secret = api.Secret.fromBytes(key);
      const b32 = secret.toBase32();
      assert.equal(b32, base32(key)); // the forms are the key's
      const totp = new api.Totp(secret);
      const hotp = new api.Hotp(secret, { digits: 8 });
      const code = totp.generate(59);
      const objects = {
        Secret: secret,
        'Secret from base32': api.Secret.fromBase32(b32),
        'Secret from typed base32': api.Secret.fromTypedBase32(secret.toBase32Grouped().toLowerCase()),
        Totp: totp,
        'Totp bigint': new api.Totp(secret, { period: 60n, t0: 10n }),
        Hotp: hotp,
        'verdict accepted': totp.verify(code, { time: 59 }),
        'verdict replayed': totp.verify(code, { time: 59, lastAccepted: 1 }),
        'verdict rejected': totp.verify('000000', { time: 59 }),
        'verdict bigint': totp.verify(code, { time: 59n }),
        timeStep: totp.timeStep(59),
        'timeStep bigint': totp.timeStep(59n),
        'hotp match': hotp.verify(hotp.generate(3), 0, { lookAhead: 5 }),
        'hotp no match': hotp.verify('00000000', 0),
      };
      let uri;
      let parsed;
      let hotpUri;
      if (api === enrol) {
        // URIs are nidan/enrol's alone (nidan has codes only).
        uri = new api.KeyUri({ secret, issuer: 'Example', account: 'alice' });
        parsed = api.KeyUri.parse(uri.toUri());
        hotpUri = api.KeyUri.parse(`otpauth://hotp/a?secret=${b32}&counter=5`);
        Object.assign(objects, {
          'KeyUri.secret': parsed.secret,
          KeyUri: uri,
          'KeyUri parsed': parsed,
          'KeyUri hotp': hotpUri,
          'KeyUri.toTotp': parsed.toTotp(),
          'KeyUri.toHotp': hotpUri.toHotp(),
        });
      }
      if (api === enrol) {
        const exported = api.MigrationBatch.export([parsed, hotpUri]);
        Object.assign(objects, {
          Qr: new api.Qr(uri.toUri()),
          'MigrationBatch parsed': api.MigrationBatch.parse(exported[0]),
          'MigrationBatch made': new api.MigrationBatch([parsed, hotpUri], { batchId: 7 }),
          'MigrationBatch accounts': api.MigrationBatch.parse(exported[0]).accounts,
        });
      }
      // The server side, with the key as the pepper of the verifiers too.
      const pepper = new Uint8Array([...key, ...key]);
      if (api === server) {
        const login = new api.Login();
        const attempt = login.attempt(totp, new api.Record(), code, { time: 59 });
        const [codes, printed] = api.RecoveryCodes.generate({ pepper });
        const [delivered, sent] = api.DeliveredCode.generate({ pepper, time: 59 });
        Object.assign(objects, {
          Login: login,
          attempt,
          Record: attempt.record,
          RecoveryCodes: codes,
          recovery: login.recover(new api.Record(), codes, printed[0], { pepper, time: 59 }),
          DeliveredCode: delivered,
          confirmation: delivered.check(sent, { pepper, time: 60 }),
        });
      }
      const freed = api.Secret.fromBytes(key);
      freed.free();
      objects['Secret freed'] = freed;
      for (const [name, x] of Object.entries(objects)) assertHidden(`${moduleName} ${name}`, x, keyForms);

      const { NidanError } = api;
      const errors = {
        'strict base32, one wrong character': () => api.Secret.fromBase32(`${b32.slice(0, -1)}1`),
        'strict base32, grouped': () => api.Secret.fromBase32(secret.toBase32Grouped()),
        'strict base32, with a newline': () => api.Secret.fromBase32(`${b32}\n`),
        'typed base32, a wrong character': () => api.Secret.fromTypedBase32(`${secret.toBase32Grouped()} 1`),
        'typed base32, an impossible length': () => api.Secret.fromTypedBase32(`${secret.toBase32Grouped()} a`),
        'bytes, too long': () => api.Secret.fromBytes(new Uint8Array(300).fill(key[0])),
        'bytes, too short': () => api.Secret.fromBytes(key.subarray(0, 9)),
        'Totp digits': () => new api.Totp(secret, { digits: 5 }),
        'Totp algorithm': () => new api.Totp(secret, { algorithm: b32 }),
        'Hotp digits': () => new api.Hotp(secret, { digits: 11 }),
        'freed Secret': () => freed.toBase32(),
      };
      if (api === enrol) {
        Object.assign(errors, {
          'KeyUri.toUri digits': () => new api.KeyUri({ secret, issuer: 'Example', account: 'c', digits: 11 }).toUri(),
          'KeyUri.toTotp digits': () => new api.KeyUri({ secret, issuer: 'Example', account: 'c', digits: 11 }).toTotp(),
          'KeyUri account': () => new api.KeyUri({ secret, account: key }),
          'KeyUri.parse digits': () => api.KeyUri.parse(`otpauth://totp/a?secret=${b32}&digits=5`),
          'KeyUri.parse secret': () => api.KeyUri.parse(`otpauth://totp/a?secret=${b32.toLowerCase()}1`),
          'KeyUri.parse duplicate secret': () => api.KeyUri.parse(`otpauth://totp/a?secret=${b32}&secret=${b32}`),
          'KeyUri.parse hotp without counter': () => api.KeyUri.parse(`otpauth://hotp/a?secret=${b32}`),
        });
        const seven = api.KeyUri.parse(`otpauth://totp/a?secret=${b32}&digits=7`);
        const data = encodeURIComponent(Buffer.from([0x0a, 0x20, 0x0a, 0x14, ...key.subarray(0, 20), 0x12]).toString('base64'));
        Object.assign(errors, {
          'MigrationBatch.export 7 digits': () => api.MigrationBatch.export([seven]),
          'MigrationBatch.parse truncated': () => api.MigrationBatch.parse(`otpauth-migration://offline?data=${data}`),
          'Qr too long': () => new api.Qr(`${uri.toUri()}&x=${'a'.repeat(3000)}`),
        });
      }
      if (api === server) {
        Object.assign(errors, {
          'RecoveryCodes pepper too short': () => api.RecoveryCodes.generate({ pepper: key.subarray(0, 9) }),
          'DeliveredCode pepper too short': () => api.DeliveredCode.generate({ pepper: key.subarray(0, 9) }),
          'Record from the key': () => api.Record.fromText(b32),
          'RecoveryCodes from the key': () => api.RecoveryCodes.fromBytes(pepper),
          'DeliveredCode from the key': () => api.DeliveredCode.fromBytes(key),
        });
      }
      for (const [name, call] of Object.entries(errors)) {
        assertErrorHidden(`${moduleName} ${name}`, thrown(call, NidanError), keyForms);
      }
    }
  });
}

test('nidan/otpauth: objects show what otpauth\'s show, errors show no key', () => {
  for (const key of KEYS) {
    // otpauth's objects carry their key as `bytes` (a Uint8Array, shown as
    // decimals) and the drop-in matches them; no other form of it shows.
    const keyForms = forms(key, { decimals: false });
    const uri = new dropIn.TOTP({ secret: new dropIn.Secret({ buffer: key.slice().buffer }), label: 'alice' }).toString();
    const pairs = [real, dropIn].map((lib) => {
      const secret = new lib.Secret({ buffer: key.slice().buffer });
      const totp = new lib.TOTP({ secret, issuer: 'Example', label: 'alice' });
      const hotp = new lib.HOTP({ secret, counter: 3 });
      return { Secret: secret, TOTP: totp, HOTP: hotp, 'URI.parse': lib.URI.parse(uri) };
    });
    for (const name of Object.keys(pairs[0])) {
      const [theirs, ours] = [pairs[0][name], pairs[1][name]];
      const isOtp = name !== 'Secret';
      // toString() of TOTP and HOTP is the otpauth URI, by design.
      const [theirViews, ourViews] = [views(theirs, { toStringIsUri: isOtp }), views(ours, { toStringIsUri: isOtp })];
      assert.deepEqual(ourViews, theirViews, `${name}: shown as otpauth shows it`);
      assertHidden(`nidan/otpauth ${name}`, ours, keyForms, { toStringIsUri: isOtp });
    }
    // otpauth keeps `base32` on the Secret once read (by toString() too), and
    // then shows it; the drop-in computes it on each read and never shows it.
    const [theirs, ours] = pairs.map((objects) => objects.TOTP);
    assert.equal(ours.toString(), theirs.toString());
    assert.equal(ours.secret.base32, theirs.secret.base32);
    assert.notEqual(leak(inspect(theirs), keyForms), null, 'otpauth shows base32 once read');
    assertHidden('nidan/otpauth TOTP after toString and base32', ours, keyForms, { toStringIsUri: true });
    const b32 = base32(key);
    const errors = {
      'Secret.fromBase32': () => dropIn.Secret.fromBase32(`${b32}1`),
      'Secret.fromHex': () => dropIn.Secret.fromHex(`${Buffer.from(key).toString('hex')}zz`),
      'URI.parse digits': () => dropIn.URI.parse(`otpauth://totp/a?secret=${b32}&digits=x`),
      'URI.parse type': () => dropIn.URI.parse(`otpauth://motp/a?secret=${b32}`),
      'URI.parse secret': () => dropIn.URI.parse(`otpauth://totp/a?secret=${b32}1`),
    };
    for (const [name, call] of Object.entries(errors)) {
      assertErrorHidden(`nidan/otpauth ${name}`, thrown(call, nidan.NidanError), keyForms);
    }
  }
});

test('the leak check can fail', () => {
  const keyForms = forms(KEYS[0]);
  const secret = nidan.Secret.fromBytes(KEYS[0]);
  for (const shown of [secret.toBase32(), secret.toBase32Grouped().toLowerCase(), Buffer.from(secret.toBytes()).toString('hex'),
    inspect(secret.toBytes()), JSON.stringify([...secret.toBytes()])]) {
    assert.notEqual(leak(`x ${shown} y`, keyForms), null, shown);
  }
  assert.throws(() => assertHidden('bytes', { key: KEYS[0] }, keyForms));
  assert.throws(() => assertHidden('uri', new dropIn.TOTP({ secret: new dropIn.Secret({ buffer: KEYS[0].slice().buffer }) }), keyForms));
});
