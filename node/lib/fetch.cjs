'use strict';
// hookseal/fetch on Node (the adapter itself is fetch-adapter.cjs, shared with the edge build).
module.exports = require('./fetch-adapter.cjs')(require('./index.cjs'));
