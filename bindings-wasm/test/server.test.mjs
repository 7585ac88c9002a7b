// `nidan/server`: login decisions, stored records, recovery and delivered
// codes against server_side.json (the vectors the Rust and Python suites
// read too), plus argument checks and what objects show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { createRequire } from 'node:module';
import * as nidan from 'nidan';
import {
  Login, Record, RecoveryCodes, DeliveredCode, Secret, Totp, NidanParameterError, NidanSecretError,
} from 'nidan/server';
import { load, ascii, fromHex } from './vectors.mjs';

const vectors = load('server_side.json');
const totp = new Totp(Secret.fromBytes(ascii(vectors.totp.secret_ascii)));
const pepper = fromHex(vectors.recovery.pepper_hex);
const loginFor = (p) => new Login({
  behind: p.behind, ahead: p.ahead, maxLearned: p.max_learned, factor: p.factor, maxWait: p.max_wait, maxFailures: p.max_failures,
});

function assertFields(record, fields, context) {
  assert.deepEqual(
    [record.version, record.lastStep, record.failures, record.lastFailure, record.drift],
    [fields.version, fields.last_step, fields.failures, fields.last_failure, fields.drift],
    context,
  );
}

test('every login scenario decides as the model', () => {
  assert.ok(vectors.login.length >= 9);
  for (const scenario of vectors.login) {
    const login = loginFor(scenario.policy);
    let record = new Record();
    scenario.attempts.forEach((entry, index) => {
      const context = `${scenario.name} #${index}`;
      if (entry.action) {
        record = entry.action === 'reset_failures' ? record.resetFailures() : record.restart();
      } else {
        const attempt = login.attempt(totp, record, entry.code, { time: entry.time });
        assert.equal(attempt.kind, entry.outcome, context);
        assert.equal(attempt.accepted, entry.outcome === 'accepted', context);
        if (entry.outcome === 'accepted') assert.deepEqual([attempt.step, attempt.drift], [entry.step, entry.drift], context);
        if (entry.outcome === 'throttled') assert.equal(attempt.waitSeconds, entry.wait_seconds, context);
        if (attempt.record === null) {
          assert.ok(['replayed', 'throttled', 'locked'].includes(entry.outcome), context);
          return;
        }
        record = attempt.record;
      }
      assert.equal(record.toText(), entry.record, context);
      assert.ok(Record.fromText(entry.record).equals(record), context);
      assertFields(record, entry.fields, context);
    });
  }
});

test('stored records read, or fail with the model message', () => {
  for (const entry of vectors.records.valid) {
    const record = Record.fromText(entry.text);
    assertFields(record, entry.fields, entry.text);
    assert.deepEqual(record.toBytes(), fromHex(entry.hex));
    assert.ok(Record.fromBytes(fromHex(entry.hex)).equals(record));
  }
  for (const entry of vectors.records.invalid) {
    assert.throws(() => Record.fromText(entry.text), (error) => {
      assert.ok(error instanceof NidanParameterError, entry.why);
      assert.equal(error.code, 'STORED_VALUE');
      assert.equal(error.message, entry.error, entry.why);
      return true;
    });
  }
});

test('recovery codes as the model makes and redeems them', () => {
  const { recovery } = vectors;
  let [codes, printed] = RecoveryCodes.fromRandom(fromHex(recovery.random_hex), { pepper, count: recovery.count });
  assert.deepEqual(printed, recovery.codes);
  assert.equal(codes.toText(), recovery.text);
  for (const entry of recovery.redeem) {
    const key = entry.pepper_hex ? fromHex(entry.pepper_hex) : pepper;
    const redeemed = codes.redeem(entry.typed, { pepper: key });
    if (entry.outcome === 'accepted') {
      assert.ok(redeemed !== null, entry.typed);
      assert.equal(redeemed.remaining, entry.remaining);
      assert.equal(redeemed.toText(), entry.text);
      assert.ok(RecoveryCodes.fromText(entry.text).equals(redeemed));
      codes = redeemed;
    } else {
      assert.equal(redeemed, null, entry.typed);
    }
  }
  for (const entry of recovery.invalid) {
    assert.throws(() => RecoveryCodes.fromText(entry.text), { name: 'NidanParameterError', message: entry.error });
  }
});

test('delivered codes as the model makes and checks them', () => {
  for (const c of vectors.delivered) {
    let [stored, code] = DeliveredCode.fromRandom(fromHex(c.random_hex), {
      pepper, time: c.time, digits: c.digits, lifetime: c.lifetime, maxAttempts: c.max_attempts,
    });
    assert.equal(code, c.code, c.name);
    assert.equal(stored.toText(), c.text, c.name);
    for (const entry of c.checks) {
      const confirmation = stored.check(entry.typed, { pepper, time: entry.time });
      assert.equal(confirmation.kind, entry.outcome, `${c.name}: ${entry.typed}`);
      if (entry.outcome === 'rejected') assert.equal(confirmation.attemptsLeft, entry.attempts_left);
      if (confirmation.code !== null) {
        assert.equal(confirmation.code.toText(), entry.text);
        stored = confirmation.code;
      }
      assert.ok(DeliveredCode.fromText(stored.toText()).equals(stored));
    }
  }
});

test('recovery goes through the login throttle', () => {
  const login = new Login({ factor: 10, maxWait: 100, maxFailures: 2 });
  const [codes, printed] = RecoveryCodes.generate({ pepper, count: 3 });
  assert.equal(printed.length, 3);
  assert.match(printed[0], /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  const wrong = login.recover(new Record(), codes, '2222-3333-4444', { pepper, time: 50 });
  assert.equal(wrong.kind, 'rejected');
  const held = login.recover(wrong.record, codes, printed[1], { pepper, time: 55 });
  assert.deepEqual([held.kind, held.waitSeconds, held.record], ['throttled', 5, null]);
  const right = login.recover(wrong.record, codes, printed[1].toLowerCase(), { pepper, time: 60 });
  assert.deepEqual([right.kind, right.remaining, right.record.failures], ['accepted', 2, 0]);
  assert.equal(login.recover(right.record, right.codes, printed[1], { pepper, time: 61 }).kind, 'rejected');
});

test('settings and arguments are checked at the boundary and in the core', () => {
  assert.throws(() => new Login({ maxFailures: 101 }), { code: 'SETTING', message: /max_failures must be from 1 to 100/ });
  assert.throws(() => new Login({ factor: -1 }), { code: 'INVALID_NUMBER' });
  assert.throws(() => new Login({ behind: 101 }), { code: 'WINDOW_TOO_LARGE' });
  assert.throws(() => RecoveryCodes.generate({ pepper: new Uint8Array(8) }), (error) =>
    error instanceof NidanSecretError && error.code === 'SECRET_TOO_SHORT');
  assert.throws(() => RecoveryCodes.generate({}), { code: 'INVALID_ARGUMENT', message: /pepper is required/ });
  assert.throws(() => RecoveryCodes.generate({ pepper: 'a string pepper' }), { code: 'INVALID_ARGUMENT' });
  assert.throws(() => DeliveredCode.fromRandom(new Uint8Array(23), { pepper }), {
    code: 'RANDOM_TOO_SHORT', message: 'random input is too short: 24 bytes are needed',
  });
  assert.throws(() => DeliveredCode.generate({ pepper, lifetime: 0 }), { code: 'SETTING' });
  assert.throws(() => new Login().attempt(new nidan.Totp(nidan.Secret.generate()), new Record(), '123456'), {
    code: 'INVALID_ARGUMENT', message: /Totp from nidan\/server/,
  });
  assert.throws(() => new Login().attempt(totp, 'record', '123456'), { code: 'INVALID_ARGUMENT' });
  assert.throws(() => Record.fromBytes('bytes'), { code: 'INVALID_ARGUMENT' });
  // A code that is not a string is a wrong code, and counts.
  assert.equal(new Login().attempt(totp, new Record(), 123456, { time: 59 }).kind, 'rejected');
  assert.equal(new Login().delay(3), 4);
  assert.throws(() => new Login().attempt(new Totp(Secret.generate(), { t0: 100 }), new Record(), '123456', { time: 50 }), {
    code: 'TIME_BEFORE_T0',
  });
});

test('printed forms show state, never codes, verifiers or the pepper', () => {
  const [codes, printed] = RecoveryCodes.generate({ pepper });
  const [stored, code] = DeliveredCode.generate({ pepper, time: 0 });
  const shown = [String(codes), inspect(codes), String(stored), inspect(stored)].join('\n');
  const json = JSON.stringify({ codes, stored });
  assert.equal(String(codes), 'RecoveryCodes(count=10, remaining=10, version=0)');
  assert.ok(!shown.includes(code) && !json.includes(code));
  for (const p of printed) assert.ok(!shown.includes(p.slice(0, 4)) && !json.includes(p.replaceAll('-', '')));
  assert.ok(!shown.includes(Buffer.from(pepper).toString('hex')));
  assert.equal(String(new Record()), 'Record(version=0, lastStep=null, failures=0, lastFailure=null, drift=0)');
  assert.equal(String(new Login()), 'Login(behind=1, ahead=1, maxLearned=4, factor=1, maxWait=900, maxFailures=100)');
});

test('require and import give the same nidan/server', async () => {
  const required = createRequire(import.meta.url)('nidan/server');
  const imported = await import('nidan/server');
  assert.equal(required.Login, imported.Login);
  assert.equal(required.Record, Record);
});
