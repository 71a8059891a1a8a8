/**
 * Generates `src/adapters/console/console-assets.ts`, the console's browser script and style
 * sheet as strings, from `src/adapters/console/browser/` (TypeScript bundled and minified by
 * esbuild, CSS minified): `npm run console:assets`. Run it after changing the browser code; a
 * test regenerates the file and fails when it has drifted.
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { build, transform } from 'esbuild'
import { format, resolveConfig } from 'prettier'

/** The generated file. */
export const CONSOLE_ASSETS_FILE = fileURLToPath(
  new URL('../src/adapters/console/console-assets.ts', import.meta.url),
)

const BROWSER = new URL('../src/adapters/console/browser/', import.meta.url)

/** The browser script: every module from `main.ts` in one minified ES module. */
async function bundleScript(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('main.ts', BROWSER))],
    bundle: true,
    format: 'esm',
    target: 'es2020',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  })
  const [output] = result.outputFiles
  if (output === undefined) throw new Error('esbuild produced no output')
  return output.text
}

async function minifyStyle(): Promise<string> {
  const source = await readFile(new URL('console.css', BROWSER), 'utf8')
  return (await transform(source, { loader: 'css', minify: true })).code
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 16)

/** The contents `console-assets.ts` must have for the current browser sources, formatted. */
export async function renderConsoleAssets(): Promise<string> {
  const [script, style] = await Promise.all([bundleScript(), minifyStyle()])
  const source = `/**
 * The console's browser assets, generated from \`src/adapters/console/browser/\` by
 * \`npm run console:assets\` (esbuild). Do not edit: regenerate.
 *
 * @packageDocumentation
 */

/** The console's script: one ES module, minified (${script.length} bytes). */
export const CONSOLE_SCRIPT = ${JSON.stringify(script)}

/** The console's style sheet, minified (${style.length} bytes). */
export const CONSOLE_STYLE = ${JSON.stringify(style)}

/** A short hash of both, for the assets' URLs and \`ETag\`s: it changes whenever either does. */
export const CONSOLE_ASSETS_VERSION = ${JSON.stringify(hashOf(script + style))}
`
  const config = await resolveConfig(CONSOLE_ASSETS_FILE)
  return format(source, { ...config, filepath: CONSOLE_ASSETS_FILE })
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(CONSOLE_ASSETS_FILE, await renderConsoleAssets())
  console.log(`wrote ${CONSOLE_ASSETS_FILE}`)
}
