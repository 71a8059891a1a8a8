import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readmeExamples, withExamples } from '../../scripts/readme-examples.js'

const root = new URL('../../', import.meta.url)
const read = (file: string) => readFileSync(new URL(file, root), 'utf8')
const readme = read('README.md')

/** What docs/examples holds beside the examples: the host's declarations and the compiler settings. */
const SUPPORT = new Set(['your-host.d.ts', 'tsconfig.json'])

describe('README examples', () => {
  const { examples, unmarked } = readmeExamples(readme)

  it('are each the text of a file under docs/examples, which npm run typecheck compiles', () => {
    expect(unmarked, 'TypeScript or JavaScript blocks of the README without an example file').toEqual([])
    for (const example of examples) {
      expect(example.file).toMatch(/^docs\/examples\/[\w.-]+$/)
      expect(example.code, `the README's block of ${example.file} (npm run readme:examples)`).toBe(
        read(example.file),
      )
    }
  })

  it('use every example file once', () => {
    const files = readdirSync(new URL('docs/examples/', root)).filter((file) => !SUPPORT.has(file))
    expect(examples.map((example) => example.file).sort()).toEqual(
      files.map((file) => `docs/examples/${file}`).sort(),
    )
  })

  it('are rewritten from their files, indented as their block is', () => {
    const sample = [
      'Text.',
      '<!-- example: a.ts -->',
      '```ts',
      'old()',
      '```',
      '- a list item:',
      '  <!-- example: b.cjs -->',
      '  ```js',
      '  old()',
      '  ```',
      '```sh',
      'npm test',
      '```',
      '```ts',
      'unmarked()',
      '```',
    ].join('\n')
    const files: Record<string, string> = { 'a.ts': 'one()\n\ntwo()\n', 'b.cjs': 'three()\n' }
    const written = withExamples(sample, (file) => files[file] ?? '')
    expect(written.split('\n').slice(0, 12)).toEqual([
      'Text.',
      '<!-- example: a.ts -->',
      '```ts',
      'one()',
      '',
      'two()',
      '```',
      '- a list item:',
      '  <!-- example: b.cjs -->',
      '  ```js',
      '  three()',
      '  ```',
    ])
    const found = readmeExamples(written)
    expect(found.examples.map((example) => [example.file, example.code])).toEqual([
      ['a.ts', 'one()\n\ntwo()\n'],
      ['b.cjs', 'three()\n'],
    ])
    expect(found.unmarked).toEqual([16])
  })
})
