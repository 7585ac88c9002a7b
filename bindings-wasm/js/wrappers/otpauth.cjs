// The otpauth drop-in for Node CommonJS: `const OTPAuth = require('nidan/otpauth')`.
module.exports = require('./nidan.cjs').otpauth;
