// The import mode for authenticator apps (`nidan/enrol`): otpauth URIs
// (KeyUri.importUri, in uri.js) and Google Authenticator exports
// (MigrationBatch.importUri, in migration.js) as real services and apps
// write them, with every repair made to read them, so that an app can warn.
// The rules are the core's (KeyUri::import_uri, MigrationBatch::import_uri);
// here the results only become JavaScript values.

import { keyUriOf } from './uri.js';
import templates from './repairs.json';

/** A repair as `{ kind, message, ...fields }`, from the wasm module's `[kind, name, value, ...]`. */
function repairOf([kind, ...pairs]) {
  const fields = {};
  for (let i = 0; i < pairs.length; i += 2) fields[pairs[i]] = pairs[i + 1];
  // One pass, so that a value containing '$name' stays as it is.
  const message = templates[kind].replace(/\$([a-z]+)/g, (_, name) => fields[name]);
  if (fields.bits !== undefined) fields.bits = Number(fields.bits);
  return Object.freeze({ kind, message, ...fields });
}

/** `{ key, repairs }` from a wasm import result, which is freed. */
export function importedOf(handle) {
  try {
    const repairs = [];
    for (let i = 0; i < handle.repairCount; i++) repairs.push(repairOf(handle.repair(i)));
    return Object.freeze({ key: keyUriOf(handle.key), repairs: Object.freeze(repairs) });
  } finally {
    handle.free();
  }
}
