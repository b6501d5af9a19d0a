// Module boundaries over two tag dimensions: type (what a project is) and scope (which
// service owns it). Drivers are confined: the MongoDB driver to the persistence lib
// (tag driver:mongodb), NATS to the messaging lib (tag driver:nats).
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const mongoDriver = ['mongodb'];
const natsDriver = ['@nats-io/*', 'nats'];
const bothDrivers = [...mongoDriver, ...natsDriver];

/** Which project types a project of each type may import (production code). */
const typeRules = {
  'type:app': ['type:feature', 'type:data-access', 'type:contracts', 'type:util'],
  'type:feature': ['type:feature', 'type:data-access', 'type:contracts', 'type:util'],
  'type:data-access': ['type:data-access', 'type:contracts', 'type:util'],
  'type:contracts': ['type:contracts'],
  'type:util': ['type:util'],
  'type:testing': ['type:testing', 'type:data-access', 'type:contracts', 'type:util'],
};

const services = ['ingestion', 'identity', 'scoring', 'orchestration', 'sender-email', 'tools'];

function constraints({ allowTesting }) {
  const byType = Object.entries(typeRules).map(([sourceTag, allowed]) => ({
    sourceTag,
    onlyDependOnLibsWithTags:
      allowTesting && sourceTag !== 'type:testing' ? [...allowed, 'type:testing'] : allowed,
    // Only the data-access libs that own a driver may import it; see the driver tags below.
    ...(sourceTag === 'type:data-access' ? {} : { bannedExternalImports: bothDrivers }),
  }));
  const byScope = [
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    ...services.map((service) => ({
      sourceTag: `scope:${service}`,
      onlyDependOnLibsWithTags: [`scope:${service}`, 'scope:shared'],
      bannedExternalImports: bothDrivers,
    })),
  ];
  const byDriver = [
    {
      sourceTag: 'driver:mongodb',
      onlyDependOnLibsWithTags: ['*'],
      bannedExternalImports: natsDriver,
    },
    {
      sourceTag: 'driver:nats',
      onlyDependOnLibsWithTags: ['*'],
      bannedExternalImports: mongoDriver,
    },
  ];
  return [...byType, ...byScope, ...byDriver];
}

const boundaries = (allowTesting) => ({
  '@nx/enforce-module-boundaries': [
    'error',
    {
      enforceBuildableLibDependency: false,
      allow: [],
      depConstraints: constraints({ allowTesting }),
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.cache/**',
      '**/.data/**',
      '**/coverage/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='forwardRef']",
          message: 'forwardRef hides a module cycle: split the module.',
        },
      ],
      ...boundaries(false),
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: { ...boundaries(true), '@typescript-eslint/consistent-type-assertions': 'off' },
  },
  prettier,
);
