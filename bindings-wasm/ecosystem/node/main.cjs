// Node and Bun, CommonJS: require the package as its users do.
const { Secret, Totp } = require('nidan');
const { TOTP } = require('nidan/otpauth');
const enrol = require('nidan/enrol');

const KEY = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
console.log([
  new Totp(Secret.fromBase32(KEY), { digits: 8 }).generate(59),
  new TOTP({ secret: KEY, digits: 8 }).generate({ timestamp: 59_000 }),
  new enrol.Totp(enrol.Secret.fromBase32(KEY), { digits: 8 }).generate(59),
].join(' '));
