// Lint rules that keep the architecture honest: plane boundaries, no import cycles,
// no floating promises (a dropped promise in a call path is a lost order).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

const planes = ['control', 'data', 'integration', 'edge', 'providers', 'web'];
// Which other top-level folders each folder may import from. contracts/ and platform/ are the
// shared kernel; the CLI composes the planes, and providers implement the data plane's interfaces.
const allowed = {
  contracts: [],
  platform: ['contracts'],
  control: ['contracts', 'platform'],
  data: ['contracts', 'platform'],
  integration: ['contracts', 'platform'],
  edge: ['contracts', 'platform'],
  web: ['contracts', 'platform'],
  providers: ['contracts', 'platform', 'data'],
};
const all = ['contracts', 'platform', ...planes, 'cli'];
const zones = Object.entries(allowed).flatMap(([folder, mayImport]) =>
  all
    .filter((other) => other !== folder && !mayImport.includes(other))
    .map((other) => ({
      target: `./src/${folder}`,
      from: `./src/${other}`,
      message: `src/${folder} may import only ${['itself', ...mayImport].join(', ')} (see docs/adr/0002-plane-boundaries.md).`,
    })),
);

export default tseslint.config(
  { ignores: ['node_modules/', '.voxeron/', 'dist/', 'schemas/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })] },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's describe/it return promises the runner itself awaits.
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones }],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
