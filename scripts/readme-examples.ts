/**
 * `npm run readme:examples`: the README's code examples are files under `docs/examples/`, which
 * `npm run typecheck` compiles against the library's sources (and the consumer check against the
 * packed package). In the README each example is a fenced block right after a marker naming its
 * file, `<!-- example: docs/examples/embed.mts -->`; this script rewrites those blocks from the
 * files. `test/package/readme-examples.test.ts` fails when they differ, or when a TypeScript or
 * JavaScript block has no file.
 *
 * @packageDocumentation
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** One marked example of the README: where its block is and what it holds. */
export interface ReadmeExample {
  /** The file, relative to the repository's root. */
  readonly file: string
  /** The block's indentation (a block inside a list item is indented). */
  readonly indent: string
  /** Lines of the opening and closing fences, 0-based. */
  readonly open: number
  readonly close: number
  /** The block's text, indentation removed, ending with a newline. */
  readonly code: string
}

/** What {@link readmeExamples} finds: the marked examples, and the code blocks without a marker. */
export interface ReadmeExamples {
  readonly examples: readonly ReadmeExample[]
  /** 1-based lines of TypeScript or JavaScript blocks that no marker names. */
  readonly unmarked: readonly number[]
}

const MARKER = /^(\s*)<!-- example: (\S+) -->$/
const FENCE = /^(\s*)```(\w*)\s*$/
const CODE_LANGUAGES = new Set(['ts', 'typescript', 'js', 'javascript'])

/**
 * The README's examples and its unmarked TypeScript or JavaScript blocks.
 *
 * @example
 * ```ts
 * readmeExamples(readFileSync('README.md', 'utf8')).examples.map((e) => e.file)
 * ```
 */
export function readmeExamples(readme: string): ReadmeExamples {
  const lines = readme.split('\n')
  const examples: ReadmeExample[] = []
  const unmarked: number[] = []
  for (let i = 0; i < lines.length; i++) {
    const fence = FENCE.exec(lines[i] ?? '')
    if (fence === null) continue
    const indent = fence[1] ?? ''
    let close = i + 1
    while (close < lines.length && (lines[close] ?? '').trimEnd() !== `${indent}\`\`\``) close++
    const marker = MARKER.exec(lines[i - 1] ?? '')
    if (marker !== null && marker[1] === indent) {
      const body = lines.slice(i + 1, close).map((line) => line.slice(indent.length))
      examples.push({ file: marker[2] ?? '', indent, open: i, close, code: `${body.join('\n')}\n` })
    } else if (CODE_LANGUAGES.has(fence[2] ?? '')) unmarked.push(i + 1)
    i = close
  }
  return { examples, unmarked }
}

/** The fence language of an example file. */
const languageOf = (file: string) => (/\.[cm]?js$/.test(file) ? 'js' : 'ts')

/**
 * The README with every marked block replaced by its file's text, read with `read`.
 *
 * @example
 * ```ts
 * writeFileSync('README.md', withExamples(readme, (file) => readFileSync(file, 'utf8')))
 * ```
 */
export function withExamples(readme: string, read: (file: string) => string): string {
  const lines = readme.split('\n')
  const { examples } = readmeExamples(readme)
  for (const example of [...examples].reverse()) {
    const code = read(example.file).replace(/\n+$/, '').split('\n')
    const block = [
      `${example.indent}\`\`\`${languageOf(example.file)}`,
      ...code.map((line) => (line === '' ? '' : example.indent + line)),
      `${example.indent}\`\`\``,
    ]
    lines.splice(example.open, example.close - example.open + 1, ...block)
  }
  return lines.join('\n')
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = new URL('../', import.meta.url)
  const readmePath = new URL('README.md', root)
  const readme = readFileSync(readmePath, 'utf8')
  const written = withExamples(readme, (file) => readFileSync(new URL(file, root), 'utf8'))
  writeFileSync(readmePath, written)
  const { examples, unmarked } = readmeExamples(written)
  console.log(`README: ${examples.length} examples written from their files`)
  if (unmarked.length > 0) {
    console.error(`README: code blocks without an example file at lines ${unmarked.join(', ')}`)
    process.exit(1)
  }
}
