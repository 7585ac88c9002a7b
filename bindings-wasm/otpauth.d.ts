// Types of `nidan/otpauth`, the drop-in for the otpauth package (9.x).

export const version: string;

type Timestamp = number | bigint;
type Counter = number | bigint;

/** An OTP secret key. */
export class Secret {
  static fromLatin1(str: string): Secret;
  static fromUTF8(str: string): Secret;
  static fromBase32(str: string): Secret;
  static fromHex(str: string): Secret;
  constructor(config?: { buffer?: ArrayBufferLike; size?: number });
  readonly bytes: Uint8Array;
  /** @deprecated Use `bytes`. */
  get buffer(): ArrayBufferLike;
  get latin1(): string;
  get utf8(): string;
  get base32(): string;
  get hex(): string;
}

/**
 * A caller-supplied HMAC (otpauth's `hmac` option): the algorithm name as
 * given, the key bytes and the 8-byte big-endian counter; returns the MAC.
 */
export type HmacFunction = (algorithm: string, key: Uint8Array, message: Uint8Array) => Uint8Array;

interface OtpConfig {
  issuer?: string;
  label?: string;
  issuerInLabel?: boolean;
  secret?: Secret | string;
  algorithm?: string;
  digits?: number;
  /** The caller's own HMAC, as in otpauth: nidan truncates its result (at least 19 bytes) into the code. */
  hmac?: HmacFunction;
}

export class HOTP {
  static get defaults(): {
    issuer: string; label: string; issuerInLabel: boolean; algorithm: string; digits: number; counter: number; window: number;
  };
  static generate(config: { secret: Secret; algorithm?: string; digits?: number; counter?: Counter; hmac?: HmacFunction }): string;
  static validate(config: {
    token: string; secret: Secret; algorithm?: string; digits?: number; counter?: Counter; window?: number; hmac?: HmacFunction;
  }): number | null;
  constructor(config?: OtpConfig & { counter?: Counter });
  issuer: string;
  label: string;
  issuerInLabel: boolean;
  secret: Secret;
  algorithm: string;
  digits: number;
  counter: Counter;
  hmac: HmacFunction | undefined;
  generate(config?: { counter?: Counter }): string;
  validate(config: { token: string; counter?: Counter; window?: number }): number | null;
  toString(): string;
}

export class TOTP {
  static get defaults(): {
    issuer: string; label: string; issuerInLabel: boolean; algorithm: string; digits: number; period: number; window: number;
  };
  static counter(config?: { period?: number; timestamp?: Timestamp }): number;
  static remaining(config?: { period?: number; timestamp?: Timestamp }): number;
  static generate(config: {
    secret: Secret; algorithm?: string; digits?: number; period?: number; timestamp?: Timestamp; hmac?: HmacFunction;
  }): string;
  static validate(config: {
    token: string; secret: Secret; algorithm?: string; digits?: number; period?: number; timestamp?: Timestamp;
    window?: number; hmac?: HmacFunction;
  }): number | null;
  constructor(config?: OtpConfig & { period?: number });
  issuer: string;
  label: string;
  issuerInLabel: boolean;
  secret: Secret;
  algorithm: string;
  digits: number;
  period: number;
  hmac: HmacFunction | undefined;
  counter(config?: { timestamp?: Timestamp }): number;
  remaining(config?: { timestamp?: Timestamp }): number;
  generate(config?: { timestamp?: Timestamp }): string;
  validate(config: { token: string; timestamp?: Timestamp; window?: number }): number | null;
  toString(): string;
}

export class URI {
  static parse(uri: string, config?: { hmac?: HmacFunction }): HOTP | TOTP;
  static stringify(otp: HOTP | TOTP): string;
}
