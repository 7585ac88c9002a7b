// The package from CommonJS: require() works, and shares its instance (and
// classes) with import.
const { test } = require('node:test');
const assert = require('node:assert/strict');

test('require and import give the same module', async () => {
  const required = require('nidan');
  const imported = await import('nidan');
  assert.equal(required.Totp, imported.Totp);
  assert.equal(require('nidan/otpauth').TOTP, (await import('nidan/otpauth')).TOTP);
  assert.equal(required.otpauth, undefined);
  assert.ok(new (require('nidan/otpauth').TOTP)() instanceof (await import('nidan/otpauth')).TOTP);
  const secret = required.Secret.fromBase32('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  assert.equal(new imported.Totp(secret, { digits: 8 }).generate(59), '94287082');
  const OTPAuth = require('nidan/otpauth');
  assert.equal(new OTPAuth.TOTP({ secret: secret.toBase32(), digits: 8 }).generate({ timestamp: 59000 }), '94287082');
  assert.equal(OTPAuth.version, require('../package.json').version);
});
