// Nest's decorators need the Reflect metadata API in every test file.
require('reflect-metadata');
