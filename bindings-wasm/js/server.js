// The server side of two-step login (`nidan/server`): the login record,
// the login decision with throttling and drift learning, recovery codes and
// delivered codes. Every rule is the core's; this file checks arguments
// and converts results. Stored values are plain text (`toText()`), held in
// JS strings: nothing here needs freeing.

import { WasmRecord, WasmLogin, WasmRecoveryCodes, WasmDeliveredCode } from 'nidan-glue';
import { checked, fail } from './errors.js';
import { u64, u32, asBigInt, text, bytes, options, randomBytes, nowSeconds, MAX_INPUT, LIMITS } from './checks.js';
import { Totp } from './native.js';

const PRIVATE = Symbol('nidan');
const inspect = Symbol.for('nodejs.util.inspect.custom');
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A u64 from the wasm module as a number when it is safe, else as a bigint. */
const num = (value) => (value === undefined ? null : value <= MAX_SAFE ? Number(value) : value);

/** A typed code or text argument: anything but a string is simply wrong. */
const typedArgument = (value) => (typeof value === 'string' && value.length <= MAX_INPUT ? value : '');

/** Calls `use` with a wasm value and frees the value afterwards. */
function using(handle, use) {
  try {
    return use(handle);
  } finally {
    handle.free();
  }
}

/** The time option (default now) as the bigint the exports take. */
const timeOf = (time) => asBigInt(u64(time ?? nowSeconds(), 'time', true));

/** The pepper option: the server's key for verifiers, bytes. */
function pepperOf(given) {
  if (given === undefined) fail('INVALID_ARGUMENT', 'pepper is required: the server key for verifiers (at least 16 bytes)');
  return bytes(given, 'pepper');
}

/**
 * What the stored values (`Record`, `RecoveryCodes`, `DeliveredCode`)
 * share: each holds its text form, reopens it as a wasm handle (`glue`,
 * its wasm class) when the core must read it, and compares, serialises and
 * prints by it.
 */
class StoredValue {
  #glue;
  #text;

  constructor(glue, handle) {
    this.#glue = glue;
    this.#text = handle.toText();
  }

  /** @private */
  _wasm() {
    return checked(this.#glue.fromText(this.#text));
  }

  /** The text form (base32). */
  toText() {
    return this.#text;
  }

  /** The byte form. */
  toBytes() {
    return using(this._wasm(), (wasm) => wasm.toBytes());
  }

  /** Whether `other` is the same value in the same state (the text names the kind). */
  equals(other) {
    return other instanceof StoredValue && other.toText() === this.#text;
  }

  toJSON() {
    return this.#text;
  }

  [inspect]() {
    return this.toString();
  }
}

/**
 * One user's second-factor state: last accepted step, consecutive failures
 * and the time of the last one, learned drift, version. `new Record()` is
 * the record of a new enrolment; store `toText()` and write it back by
 * compare-and-set.
 */
export class Record extends StoredValue {
  constructor(token, handle) {
    const wasm = token === PRIVATE ? handle : WasmRecord.fresh();
    super(WasmRecord, wasm);
    this.version = num(wasm.version);
    this.lastStep = num(wasm.lastStep);
    this.failures = wasm.failures;
    this.lastFailure = num(wasm.lastFailure);
    this.drift = wasm.drift;
    if (token !== PRIVATE) wasm.free();
    Object.freeze(this);
  }

  /** Reads the text form; a NidanParameterError when it is corrupted or foreign. */
  static fromText(stored) {
    return using(checked(WasmRecord.fromText(text(stored, 'text'))), (wasm) => new Record(PRIVATE, wasm));
  }

  /** Reads the byte form; a NidanParameterError when it is corrupted or foreign. */
  static fromBytes(stored) {
    return using(checked(WasmRecord.fromBytes(bytes(stored, 'bytes'))), (wasm) => new Record(PRIVATE, wasm));
  }

  /** The record with no failures: support lifts a hard stop with it. */
  resetFailures() {
    return using(this._wasm(), (wasm) => using(wasm.resetFailures(), (next) => new Record(PRIVATE, next)));
  }

  /** A fresh record for a new enrolment that keeps the version growing. */
  restart() {
    return using(this._wasm(), (wasm) => using(wasm.restart(), (next) => new Record(PRIVATE, next)));
  }

  toString() {
    const { version, lastStep, failures, lastFailure, drift } = this;
    return `Record(version=${version}, lastStep=${lastStep}, failures=${failures}, lastFailure=${lastFailure}, drift=${drift})`;
  }
}

/** A Record from a wasm record that the caller frees, or null. */
const recordOf = (wasm) => (wasm === undefined ? null : using(wasm, (handle) => new Record(PRIVATE, handle)));

/**
 * A user's recovery codes as stored: verifiers keyed with the server's
 * pepper, which codes were used, a version. `toString()` shows counts.
 */
export class RecoveryCodes extends StoredValue {
  constructor(token, handle) {
    if (token !== PRIVATE) fail('INVALID_ARGUMENT', 'use RecoveryCodes.generate, fromRandom, fromText or fromBytes');
    super(WasmRecoveryCodes, handle);
    this.count = handle.count;
    this.remaining = handle.remaining;
    this.version = num(handle.version);
    Object.freeze(this);
  }

  /** The most codes in a set. */
  static MAX_COUNT = LIMITS.recoveryMaxCount;

  /** A new set of `count` (default 10) codes from `crypto.getRandomValues`: `[codes, printed]`. */
  static generate(given) {
    const { count = LIMITS.recoveryCount } = options(given);
    const random = randomBytes(WasmRecoveryCodes.randomLen(Math.min(u32(count, 'count'), RecoveryCodes.MAX_COUNT)));
    try {
      return RecoveryCodes.fromRandom(random, given);
    } finally {
      random.fill(0);
    }
  }

  /** As `generate`, from random bytes the caller drew (16 + 8 per code). */
  static fromRandom(random, given) {
    const { pepper, count = LIMITS.recoveryCount } = options(given);
    const made = checked(WasmRecoveryCodes.fromRandom(bytes(random, 'random'), u32(count, 'count'), pepperOf(pepper)));
    return using(made, (handle) => [using(handle.codes(), (codes) => new RecoveryCodes(PRIVATE, codes)), handle.printed()]);
  }

  /** Reads the text form; a NidanParameterError when it is corrupted or foreign. */
  static fromText(stored) {
    return using(checked(WasmRecoveryCodes.fromText(text(stored, 'text'))), (wasm) => new RecoveryCodes(PRIVATE, wasm));
  }

  /** Reads the byte form; a NidanParameterError when it is corrupted or foreign. */
  static fromBytes(stored) {
    return using(checked(WasmRecoveryCodes.fromBytes(bytes(stored, 'bytes'))), (wasm) => new RecoveryCodes(PRIVATE, wasm));
  }

  /** The set with the typed code used up, or null. Prefer `Login.recover`, which throttles. */
  redeem(typed, given) {
    const { pepper } = options(given);
    return using(this._wasm(), (wasm) =>
      using(checked(wasm.redeem(typedArgument(typed), pepperOf(pepper))), (redeemed) => {
        const next = redeemed.codes();
        return next === undefined ? null : using(next, (codes) => new RecoveryCodes(PRIVATE, codes));
      }));
  }

  toString() {
    return `RecoveryCodes(count=${this.count}, remaining=${this.remaining}, version=${this.version})`;
  }
}

/**
 * A code sent by SMS or email, as stored: a verifier keyed with the
 * server's pepper, expiry, attempts left, used or not, version.
 */
export class DeliveredCode extends StoredValue {
  constructor(token, handle) {
    if (token !== PRIVATE) fail('INVALID_ARGUMENT', 'use DeliveredCode.generate, fromRandom, fromText or fromBytes');
    super(WasmDeliveredCode, handle);
    this.expiresAt = num(handle.expiresAt);
    this.attemptsLeft = handle.attemptsLeft;
    this.used = handle.used;
    this.version = num(handle.version);
    Object.freeze(this);
  }

  /** A new code from `crypto.getRandomValues`: `[stored, code]`, valid from `time` (default now). */
  static generate(given) {
    const random = randomBytes(LIMITS.deliveredRandomLen);
    try {
      return DeliveredCode.fromRandom(random, given);
    } finally {
      random.fill(0);
    }
  }

  /** As `generate`, from 24 random bytes the caller drew. */
  static fromRandom(random, given) {
    const {
      pepper, time, digits = LIMITS.deliveredDigits, lifetime = LIMITS.deliveredLifetime,
      maxAttempts = LIMITS.deliveredMaxAttempts,
    } = options(given);
    const issued = checked(WasmDeliveredCode.fromRandom(bytes(random, 'random'), timeOf(time), pepperOf(pepper),
      u32(digits, 'digits'), asBigInt(u64(lifetime, 'lifetime')), u32(maxAttempts, 'maxAttempts')));
    return using(issued, (handle) => [using(handle.stored(), (stored) => new DeliveredCode(PRIVATE, stored)), handle.code()]);
  }

  /** Reads the text form; a NidanParameterError when it is corrupted or foreign. */
  static fromText(stored) {
    return using(checked(WasmDeliveredCode.fromText(text(stored, 'text'))), (wasm) => new DeliveredCode(PRIVATE, wasm));
  }

  /** Reads the byte form; a NidanParameterError when it is corrupted or foreign. */
  static fromBytes(stored) {
    return using(checked(WasmDeliveredCode.fromBytes(bytes(stored, 'bytes'))), (wasm) => new DeliveredCode(PRIVATE, wasm));
  }

  /**
   * Checks a typed code at `time` (default now): `{ kind, accepted, code, attemptsLeft }`,
   * `kind` one of accepted, rejected, expired, exhausted, used; store `code` when it is not null.
   */
  check(typed, given) {
    const { pepper, time } = options(given);
    const now = timeOf(time);
    return using(this._wasm(), (wasm) =>
      using(checked(wasm.check(typedArgument(typed), pepperOf(pepper), now)), (confirmation) => {
        const stored = confirmation.code();
        return Object.freeze({
          kind: confirmation.kind,
          accepted: confirmation.kind === 'accepted',
          code: stored === undefined ? null : using(stored, (handle) => new DeliveredCode(PRIVATE, handle)),
          attemptsLeft: confirmation.attemptsLeft ?? null,
        });
      }));
  }

  toString() {
    return `DeliveredCode(used=${this.used}, attemptsLeft=${this.attemptsLeft}, expiresAt=${this.expiresAt}, version=${this.version})`;
  }
}

/**
 * The login policy: a window of `behind`/`ahead` steps around the drift
 * learned at the last success (capped at `maxLearned`), and a throttle of
 * `factor * 2^(n-1)` seconds after n failures, at most `maxWait`, with a
 * hard stop at `maxFailures` (at most 100). Defaults 1, 1, 4, 1, 900, 100.
 */
export class Login {
  #handle;

  constructor(given) {
    const {
      behind = LIMITS.windowBehind, ahead = LIMITS.windowAhead, maxLearned = LIMITS.loginMaxLearned,
      factor = LIMITS.loginFactor, maxWait = LIMITS.loginMaxWait, maxFailures = LIMITS.loginMaxFailures,
    } = options(given);
    this.#handle = checked(WasmLogin.create(u32(behind, 'behind'), u32(ahead, 'ahead'), u32(maxLearned, 'maxLearned'),
      asBigInt(u64(factor, 'factor')), asBigInt(u64(maxWait, 'maxWait')), u32(maxFailures, 'maxFailures')));
    Object.assign(this, { behind, ahead, maxLearned, factor, maxWait, maxFailures });
    Object.freeze(this);
  }

  /**
   * Decides one attempt of `code` at `time` (default now):
   * `{ kind, accepted, record, step, drift, waitSeconds }`, `kind` one of
   * accepted, replayed, rejected, throttled, locked. Store `record` (by
   * compare-and-set) when it is not null. `code` must be exactly `digits`
   * ASCII digits (use `normalizeCode` on typed input).
   */
  attempt(totp, record, code, given) {
    if (!(totp instanceof Totp)) fail('INVALID_ARGUMENT', 'totp must be a Totp from nidan/server');
    if (!(record instanceof Record)) fail('INVALID_ARGUMENT', 'record must be a Record');
    const { time } = options(given);
    const now = timeOf(time);
    return using(record._wasm(), (stored) =>
      using(checked(this.#handle.attempt(totp._handle(), stored, typedArgument(code), now)), (attempt) =>
        Object.freeze({
          kind: attempt.kind,
          accepted: attempt.kind === 'accepted',
          record: recordOf(attempt.record()),
          step: num(attempt.step),
          drift: attempt.drift ?? null,
          waitSeconds: num(attempt.waitSeconds),
        })));
  }

  /**
   * Decides one attempt of a recovery code behind the same throttle:
   * `{ kind, accepted, record, codes, remaining, waitSeconds }`. Store
   * `record`, and `codes` when accepted, by compare-and-set.
   */
  recover(record, codes, typed, given) {
    if (!(record instanceof Record)) fail('INVALID_ARGUMENT', 'record must be a Record');
    if (!(codes instanceof RecoveryCodes)) fail('INVALID_ARGUMENT', 'codes must be RecoveryCodes');
    const { pepper, time } = options(given);
    const now = timeOf(time);
    const key = pepperOf(pepper);
    return using(record._wasm(), (stored) => using(codes._wasm(), (set) =>
      using(checked(this.#handle.recover(stored, set, typedArgument(typed), key, now)), (recovery) => {
        const left = recovery.codes();
        const next = left === undefined ? null : using(left, (handle) => new RecoveryCodes(PRIVATE, handle));
        return Object.freeze({
          kind: recovery.kind,
          accepted: recovery.kind === 'accepted',
          record: recordOf(recovery.record()),
          codes: next,
          remaining: next === null ? null : next.remaining,
          waitSeconds: num(recovery.waitSeconds),
        });
      })));
  }

  /** Seconds to wait after `failures` consecutive failures. */
  delay(failures) {
    return num(this.#handle.delay(u32(failures, 'failures')));
  }

  toString() {
    const { behind, ahead, maxLearned, factor, maxWait, maxFailures } = this;
    return `Login(behind=${behind}, ahead=${ahead}, maxLearned=${maxLearned}, factor=${factor}, maxWait=${maxWait}, maxFailures=${maxFailures})`;
  }

  [inspect]() {
    return this.toString();
  }
}
