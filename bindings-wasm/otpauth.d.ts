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

interface OtpConfig {
  issuer?: string;
  label?: string;
  issuerInLabel?: boolean;
  secret?: Secret | string;
  algorithm?: string;
  digits?: number;
  /** Not supported by nidan: giving it throws a NidanParameterError (UNSUPPORTED). */
  hmac?: undefined;
}

export class HOTP {
  static get defaults(): {
    issuer: string; label: string; issuerInLabel: boolean; algorithm: string; digits: number; counter: number; window: number;
  };
  static generate(config: { secret: Secret; algorithm?: string; digits?: number; counter?: Counter; hmac?: undefined }): string;
  static validate(config: {
    token: string; secret: Secret; algorithm?: string; digits?: number; counter?: Counter; window?: number; hmac?: undefined;
  }): number | null;
  constructor(config?: OtpConfig & { counter?: Counter });
  issuer: string;
  label: string;
  issuerInLabel: boolean;
  secret: Secret;
  algorithm: string;
  digits: number;
  counter: Counter;
  hmac: undefined;
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
    secret: Secret; algorithm?: string; digits?: number; period?: number; timestamp?: Timestamp; hmac?: undefined;
  }): string;
  static validate(config: {
    token: string; secret: Secret; algorithm?: string; digits?: number; period?: number; timestamp?: Timestamp;
    window?: number; hmac?: undefined;
  }): number | null;
  constructor(config?: OtpConfig & { period?: number });
  issuer: string;
  label: string;
  issuerInLabel: boolean;
  secret: Secret;
  algorithm: string;
  digits: number;
  period: number;
  hmac: undefined;
  counter(config?: { timestamp?: Timestamp }): number;
  remaining(config?: { timestamp?: Timestamp }): number;
  generate(config?: { timestamp?: Timestamp }): string;
  validate(config: { token: string; timestamp?: Timestamp; window?: number }): number | null;
  toString(): string;
}

export class URI {
  static parse(uri: string, config?: { hmac?: undefined }): HOTP | TOTP;
  static stringify(otp: HOTP | TOTP): string;
}
