// One Jest configuration for every project. Nx targets pick the project with --rootDir and
// the kind of suite with --selectProjects: unit specs (*.spec.ts) beside the code,
// integration specs (*.int-spec.ts) against the real NATS and MongoDB-compatible servers,
// end-to-end specs (*.e2e-spec.ts) that drive the services as separate processes.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const swcOptions = { ...JSON.parse(readFileSync(join(__dirname, '.swcrc'), 'utf8')), swcrc: false };
delete swcOptions.$schema;

const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', swcOptions] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: [join(__dirname, 'tools/setup/jest-setup.js')],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/**/*.spec.ts'] },
    { ...shared, displayName: 'integration', testMatch: ['<rootDir>/**/*.int-spec.ts'], testTimeout: 60000 },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/**/*.e2e-spec.ts'], testTimeout: 180000 },
  ],
};
