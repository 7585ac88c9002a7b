// `nidan/enrol` for Node CommonJS.
module.exports = require('./enrol-shared.cjs');
