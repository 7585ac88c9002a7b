// Error classes of the package. A fallible wasm export returns undefined and
// records its error, which takeError() gives as "Family|CODE|field|field"
// (see src/error.rs); checked() turns that into the matching class, with the
// message of messages.json (the core's messages, checked by a Rust test).
import { takeError, errorCodes as codeList } from 'nidan-glue';
import messages from './messages.json';

/** Base class of every error nidan throws; `code` is one of errorCodes(). */
export class NidanError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}
/** A secret could not be read, generated or is unfit for use. */
export class NidanSecretError extends NidanError {}
/** An otpauth URI is malformed or inconsistent. */
export class NidanUriError extends NidanError {}
/** A parameter (number, option, argument) is out of range or of the wrong type. */
export class NidanParameterError extends NidanError {}

// Spelled out: minifiers rename classes.
const names = [
  [NidanError, 'NidanError'], [NidanSecretError, 'NidanSecretError'],
  [NidanUriError, 'NidanUriError'], [NidanParameterError, 'NidanParameterError'],
];
for (const [type, name] of names) {
  Object.defineProperty(type.prototype, 'name', { value: name, writable: true, configurable: true });
}

const families = { Secret: NidanSecretError, Uri: NidanUriError, Parameter: NidanParameterError };

/** The error of an error text ("Family|CODE|field|field", see src/error.rs), not thrown. */
export function errorOf(text) {
  const [family, code, ...fields] = text.split('|');
  const Type = families[family] ?? NidanError;
  const template = messages[code] ?? `nidan error ${code}`;
  return new Type(template.replace(/\$([12])/g, (_, n) => fields[n - 1]), code);
}

/** Every stable error code, from the core (its documentation of `Error` says what each means). */
export function errorCodes() {
  return codeList().split(' ');
}

/** `value` from a fallible wasm export; undefined means an error to throw. */
export function checked(value) {
  if (value === undefined) throw errorOf(takeError());
  return value;
}

/** Throws a NidanParameterError. */
export function fail(code, message) {
  throw new NidanParameterError(message, code);
}
