'use strict';
// hookseal/native: the API over the napi addon (throws at load where no binary exists).
const { createApi } = require('./api.cjs');

module.exports = createApi(require('../binding.js'), 'native');
