// otpauth URIs (`KeyUri`), exported by `nidan/enrol`: the `nidan` entry has
// codes only, so its wasm module (built without the `uri` feature) carries
// no URI reader or writer.

import { WasmKeyUri, WasmImported } from 'nidan-glue';
import { checked, fail } from './errors.js';
import { u64, u32, asBigInt, out, text, options, LIMITS } from './checks.js';
import { PRIVATE, inspect, handleOf, canonical, Secret, Totp, Hotp } from './native.js';
import { importedOf } from './import.js';

/**
 * An enrolment, as carried by an otpauth URI (the text of a QR code).
 * `KeyUri.parse(key.toUri())` gives the same enrolment back.
 */
export class KeyUri {
  #handle;

  constructor(given, handle = undefined) {
    let big = null;
    if (given === PRIVATE) {
      this.#handle = checked(handle);
    } else {
      const {
        secret, account, issuer = null, kind = 'totp', algorithm = LIMITS.totpAlgorithm, digits = LIMITS.totpDigits,
        period = LIMITS.totpPeriod, counter = 0,
      } = options(given);
      if (!(secret instanceof Secret)) {
        fail('INVALID_ARGUMENT', 'secret must be a Secret from nidan/enrol (one of nidan is another module\'s: pass secret.toBase32() across)');
      }
      const key = handleOf(secret);
      if (kind !== 'totp' && kind !== 'hotp') fail('INVALID_ARGUMENT', `kind must be "totp" or "hotp", got ${String(kind)}`);
      const value = kind === 'totp' ? period : counter;
      const owner = issuer === null || issuer === undefined ? undefined : text(issuer, 'issuer');
      this.#handle = checked(WasmKeyUri.create(key, owner, text(account, 'account'), kind === 'totp',
        canonical(algorithm), u32(digits, 'digits'), asBigInt(u64(value, kind === 'totp' ? 'period' : 'counter'))));
      big = typeof value === 'bigint';
    }
    const h = this.#handle;
    const value = h.periodOrCounter;
    const wide = big ?? value > BigInt(Number.MAX_SAFE_INTEGER);
    this.kind = h.isTotp ? 'totp' : 'hotp';
    this.issuer = h.issuer ?? null;
    this.account = h.account;
    this.algorithm = h.algorithm;
    this.digits = h.digits;
    this.format = h.format;
    this.period = h.isTotp ? out(value, wide) : null;
    this.counter = h.isTotp ? null : out(value, wide);
    Object.freeze(this);
  }

  /** Reads an otpauth URI strictly (see the README for the rules). */
  static parse(uri) {
    return new KeyUri(PRIVATE, WasmKeyUri.parse(text(uri, 'uri')));
  }

  /**
   * Reads an otpauth URI as an authenticator app must: `{ key, repairs }`,
   * where `key` is a `KeyUri` and `repairs` lists every departure from the
   * Key URI Format that was repaired (empty for a strict URI). When the
   * label's issuer and `issuer=` differ, the parameter is used. Throws what
   * cannot be repaired, as `KeyUri.parse` does.
   */
  static importUri(uri) {
    return importedOf(checked(WasmImported.importUri(text(uri, 'uri'))));
  }

  /** A copy of the secret. */
  get secret() {
    return new Secret(PRIVATE, this.#handle.secret);
  }

  /** @private */
  _handle() {
    return this.#handle;
  }

  /** The URI for a QR code (contains the secret). */
  toUri() {
    return checked(this.#handle.toUri());
  }

  /** A TOTP generator for this enrolment (Steam Guard codes for a Steam key). */
  toTotp() {
    const { algorithm, digits, period } = this;
    return new Totp(PRIVATE, { algorithm, digits, period, t0: 0, handle: this.#handle.toTotp() });
  }

  /** An HOTP generator for this enrolment; its counter is `counter`. */
  toHotp() {
    const { algorithm, digits } = this;
    return new Hotp(PRIVATE, { algorithm, digits, handle: this.#handle.toHotp() });
  }

  toString() {
    return `KeyUri(${this.kind}, ${JSON.stringify(this.issuer)}, ${JSON.stringify(this.account)})`;
  }

  toJSON() {
    return this.toString();
  }

  [inspect]() {
    return this.toString();
  }
}

/** A KeyUri around a wasm handle (or the error recorded when there is none). */
export const keyUriOf = (handle) => new KeyUri(PRIVATE, handle);
