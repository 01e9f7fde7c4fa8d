'use strict';
// hookseal/testing on Node (the helpers themselves are testing-helpers.cjs, shared with the edge build).
module.exports = require('./testing-helpers.cjs')(require('./index.cjs'));
