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

/** testTimeout is a global option Jest ignores inside `projects`, so each kind sets its own. */
const timeout = (kind) => ({
  setupFilesAfterEnv: [join(__dirname, `tools/setup/jest-timeout.${kind}.js`)],
});

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/**/*.spec.ts'] },
    {
      ...shared,
      ...timeout('integration'),
      displayName: 'integration',
      testMatch: ['<rootDir>/**/*.int-spec.ts'],
    },
    { ...shared, ...timeout('e2e'), displayName: 'e2e', testMatch: ['<rootDir>/**/*.e2e-spec.ts'] },
  ],
};
