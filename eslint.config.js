import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores(['**/dist/', '**/node_modules/', '.augeo/', 'coverage/', 'examples/api/', '.tmp/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // Destructuring a key away to drop it from the rest is how we omit a property; the key is unused by design.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }] },
  },
  { languageOptions: { globals: globals.node } },
  prettier,
]);
