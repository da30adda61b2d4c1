// @ts-check
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'stream', 'events', 'buffer', 'process', 'worker_threads', 'zlib'];

/** Layering (VS Code style): code that runs everywhere knows nothing of Node, the DOM or Electron. */
const layerZones = [
  { target: './protocol', from: ['./server', './electron', './renderer', './scripts', './tests', './bench'], message: 'protocol/ runs everywhere: it imports nothing of the app.' },
  { target: './server', from: ['./electron', './renderer'], message: 'The host never imports the desktop app.' },
  { target: './renderer', from: ['./server', './electron'], message: 'The renderer talks to the main process only through window.desktop.' },
  { target: './electron', from: ['./renderer', './server'], message: 'The main process reaches the host over HTTP only.' },
];

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'data/**', 'test-results/**', 'playwright-report/**', 'tests/fixtures/**', '**/*.cjs'],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, project: false },
      globals: { console: 'readonly', process: 'readonly' },
    },
  },
  {
    files: ['protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: NODE_BUILTINS, message: 'protocol/ runs in the renderer too: no Node built-ins.' },
        { group: ['electron', 'react', 'react-dom', 'express', 'kysely', '**/server/**', '**/electron/**', '**/renderer/**'], message: 'protocol/ imports nothing of the app or its platforms.' },
      ] }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: NODE_BUILTINS, message: 'The renderer is sandboxed: no Node built-ins.' },
        { group: ['electron', '**/server/**', '**/electron/**'], message: 'The renderer talks to the main process only through window.desktop.' },
      ] }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'react', 'react-dom', '**/electron/**', '**/renderer/**'], message: 'The host never imports the desktop app.' },
      ] }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron'], message: 'Only electron/main and electron/preload import electron; the rest runs in plain Node.' },
        { group: ['**/renderer/**', '**/server/**'], message: 'The main process reaches the host over HTTP only.' },
      ] }],
    },
  },
);
