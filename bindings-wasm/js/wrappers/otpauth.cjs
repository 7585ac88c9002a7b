// `nidan/otpauth` for Node CommonJS: `const OTPAuth = require('nidan/otpauth')`.
module.exports = require('./shared.cjs').otpauth;
