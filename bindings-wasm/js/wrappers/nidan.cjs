// `nidan` for Node CommonJS.
module.exports = require('./shared.cjs').native;
