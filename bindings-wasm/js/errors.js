// Error classes of the package. A fallible wasm export returns undefined and
// records its error, which takeError() gives as "Family|CODE|message"
// (see src/error.rs); checked() turns that into the matching class.
import { takeError } from '../pkg/nidan.js';

/** Base class of every error nidan throws; `code` is stable and documented. */
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

/** `value` from a fallible wasm export; undefined means an error to throw. */
export function checked(value) {
  if (value === undefined) {
    const text = takeError();
    const a = text.indexOf('|');
    const b = text.indexOf('|', a + 1);
    const Type = families[text.slice(0, a)] ?? NidanError;
    throw new Type(text.slice(b + 1), text.slice(a + 1, b));
  }
  return value;
}

/** Throws a NidanParameterError. */
export function fail(code, message) {
  throw new NidanParameterError(message, code);
}
