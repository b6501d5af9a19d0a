#!/usr/bin/env node
// Usage: node mongo-ping.js <mongodb-url>
// Exits 0 once the server answers `hello` and `ping`, 1 otherwise (reason on stderr).
// Plain JavaScript run as a child process: tools/local-infra may not import the MongoDB
// driver (ESLint confines it to libs/persistence), but it needs a real round trip to know
// that the database, not only its TCP port, is up.
'use strict';

const { MongoClient } = require('mongodb');

async function main(url) {
  const client = new MongoClient(url, {
    directConnection: true,
    serverSelectionTimeoutMS: 3000,
    connectTimeoutMS: 3000,
  });
  try {
    const admin = client.db('admin');
    await admin.command({ hello: 1 });
    await admin.command({ ping: 1 });
  } finally {
    await client.close();
  }
}

const url = process.argv[2];
if (!url) {
  process.stderr.write('usage: mongo-ping.js <mongodb-url>\n');
  process.exit(2);
}
main(url).then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`mongo-ping ${url}: ${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
  },
);
