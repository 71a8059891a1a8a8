// @ts-check
import tseslint from 'typescript-eslint'
import neverthrowRules from './eslint-rules/must-use-result.js'

/**
 * Restricts the imports of the files matching `files` to the specifiers `allowed` does not match
 * (a regex of what is refused).
 *
 * @param {string} files
 * @param {string} refused
 * @param {string} message
 */
function layerBoundary(files, refused, message) {
  return {
    files: [files],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: refused, message }] }] },
  }
}

export default tseslint.config(
  { ignores: ['eslint-rules/**', 'dist/**', 'node_modules/**', 'coverage/**', 'openapi.json'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { local: neverthrowRules },
    rules: {
      'local/must-use-result': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The README's CommonJS example shows how a CommonJS host loads the package: with require.
    files: ['docs/examples/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The whole core reads time only through the Clock port.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Use the Clock port, not new Date().',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Use the Clock port, not Date.now().',
        },
      ],
    },
  },
  // Arrows point one way: adapters → service → ports → domain.
  layerBoundary(
    'src/core/domain/**/*.ts',
    '^(?!\\./|zod$|neverthrow$|date-fns(/\\w+)?$).*',
    'src/core/domain may import only itself, zod, neverthrow and date-fns.',
  ),
  layerBoundary(
    'src/core/domain/*/**/*.ts',
    '^(?!\\./|\\.\\./(?!\\.\\./)|zod$|neverthrow$|date-fns(/\\w+)?$).*',
    'src/core/domain may import only itself, zod, neverthrow and date-fns.',
  ),
  layerBoundary(
    'src/ports/**/*.ts',
    '^(?!\\./|\\.\\./core/domain/).*',
    'src/ports may import only each other and src/core/domain.',
  ),
  layerBoundary(
    'src/core/service/**/*.ts',
    '^(?!\\./|\\.\\./domain/|\\.\\./\\.\\./ports/|zod$|neverthrow$|date-fns(/\\w+)?$).*',
    'src/core/service may import only itself, src/core/domain, src/ports, zod, neverthrow and date-fns.',
  ),
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
)
