// Runs otpauth's own test suite (9.5.1, third-party, MIT) against
// `nidan/otpauth`. The suite stays outside the repository, in the folder
// given as the argument (scripts/parts/wasm.sh passes
// ../shared/peer-suites/otpauth beside the clone); its runner takes the
// module under test from globalThis.OTPAuth. node:test prints a TAP
// summary ("# pass N", "# fail N") and exits non-zero when a test fails.
import { pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';

const [folder] = process.argv.slice(2);
if (folder === undefined) throw new Error('usage: node otpauth-suite.mjs <folder of the otpauth suite>');
globalThis.OTPAuth = await import('nidan/otpauth');
await import(pathToFileURL(join(resolve(folder), 'test', 'node.test.mjs')).href);
