// `nidan/server` for Node CommonJS.
module.exports = require('./server-shared.cjs');
