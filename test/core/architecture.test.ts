import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const src = join(root, 'src')

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? files(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  )
}

function imports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  const found: string[] = []
  source.forEachChild(function visit(node) {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text)
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      found.push('<dynamic import>')
    node.forEachChild(visit)
  })
  return found
}

/** The names `file` imports from other modules (`import { a, b as c }` gives `a` and `b`). */
function importedNames(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  return source.statements.flatMap((statement) => {
    const bindings = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined
    if (bindings === undefined || !ts.isNamedImports(bindings)) return []
    return bindings.elements.map((element) => (element.propertyName ?? element.name).text)
  })
}

/** The layer of a file under `src`, or of an import's target. */
function layerOf(path: string): string {
  const parts = relative(src, path).split('/')
  if (parts[0] === 'core' || parts[0] === 'adapters') return `${parts[0]}/${parts[1]}`
  return parts.length === 1 ? 'entry' : (parts[0] ?? 'entry')
}

/** The file under `src` a relative import names (`./x.js` is `./x.ts`), or null for a package. */
function targetOf(file: string, spec: string): string | null {
  return spec.startsWith('.') ? resolve(file, '..', spec).replace(/\.js$/, '.ts') : null
}

/**
 * Every import cycle among the files under `dir`, as the files of each strongly connected
 * component (Tarjan's algorithm over the relative imports), shortest path names.
 */
function importCycles(dir: string): string[][] {
  const all = files(dir)
  const edges = new Map(
    all.map((file) => [
      file,
      imports(file)
        .map((spec) => targetOf(file, spec))
        .filter((target): target is string => target !== null && all.includes(target)),
    ]),
  )
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const cycles: string[][] = []
  const visit = (file: string) => {
    index.set(file, index.size)
    low.set(file, index.get(file)!)
    stack.push(file)
    for (const next of edges.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(file, Math.min(low.get(file)!, low.get(next)!))
      } else if (stack.includes(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!))
      }
    }
    if (low.get(file) !== index.get(file)) return
    const component: string[] = []
    let member: string | undefined
    do {
      member = stack.pop()!
      component.push(relative(root, member))
    } while (member !== file)
    const selfImport = edges.get(file)?.includes(file) ?? false
    if (component.length > 1 || selfImport) cycles.push(component.sort())
  }
  for (const file of all) if (!index.has(file)) visit(file)
  return cycles
}

const LIBRARIES = new Set(['zod', 'neverthrow', 'date-fns'])

/** What each inner layer may import: layers under `src`, and whether it may use the three libraries. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  'core/domain': ['core/domain'],
  ports: ['core/domain', 'ports'],
  'core/service': ['core/domain', 'core/service', 'ports'],
}

/** Every import of the files of `layer` that breaks its allowed directions, as `file → import`. */
function violationsOf(layer: string): string[] {
  const allowed = ALLOWED[layer] ?? []
  return files(join(src, ...layer.split('/'))).flatMap((file) =>
    imports(file)
      .filter((spec) =>
        spec.startsWith('.')
          ? !allowed.includes(layerOf(resolve(file, '..', spec)))
          : !LIBRARIES.has(spec.split('/')[0] ?? spec),
      )
      .map((spec) => `${relative(root, file)} → ${spec}`),
  )
}

describe('architecture', () => {
  it('the layers are exactly domain, service, ports and adapters', () => {
    expect(readdirSync(join(src, 'core')).sort()).toEqual(['domain', 'service'])
  })

  it('src/core/domain imports only itself, zod, neverthrow and date-fns', () => {
    expect(violationsOf('core/domain')).toEqual([])
  })

  it('src/ports imports only domain types (and each other)', () => {
    expect(violationsOf('ports')).toEqual([])
  })

  it('src/core/service imports only the domain, the ports and itself', () => {
    expect(violationsOf('core/service')).toEqual([])
  })

  it('nothing in src/core or src/ports imports an adapter or the testing suites', () => {
    const offenders = ['core', 'ports'].flatMap((dir) =>
      files(join(src, dir)).flatMap((file) =>
        imports(file)
          .filter((spec) => spec.startsWith('.'))
          .map((spec) => layerOf(resolve(file, '..', spec)))
          .filter((target) => target.startsWith('adapters/') || target === 'testing')
          .map((target) => `${relative(root, file)} → ${target}`),
      ),
    )
    expect(offenders).toEqual([])
  })

  it('the adapters never import each other (only their shared helpers)', () => {
    const offenders = files(join(src, 'adapters')).flatMap((file) =>
      imports(file)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => layerOf(resolve(file, '..', spec)))
        .filter(
          (target) =>
            target.startsWith('adapters/') && target !== 'adapters/shared' && target !== layerOf(file),
        )
        .map((target) => `${relative(root, file)} → ${target}`),
    )
    expect(offenders).toEqual([])
  })

  it('a migration imports only kysely and the table names: nothing the domain can change under it', () => {
    const migrations = join(src, 'adapters', 'kysely', 'migrations')
    const tableNames = ['library-tables.ts', 'experiment-data-tables.ts'].map((name) =>
      join(src, 'adapters', 'kysely', name),
    )
    const offenders = files(migrations).flatMap((file) =>
      imports(file)
        .filter((spec) =>
          spec.startsWith('.') ? !tableNames.includes(targetOf(file, spec) ?? '') : spec !== 'kysely',
        )
        .map((spec) => `${relative(root, file)} → ${spec}`),
    )
    expect(files(migrations).length).toBeGreaterThan(0)
    expect(offenders).toEqual([])
  })

  it('an audit feed read is checked once, in the service: no adapter parses or refuses one', () => {
    const checks = ['parseAuditFeedInput', 'decodeFeedCursor', 'AUDIT_FEED_MESSAGES']
    const adapters = files(join(src, 'adapters'))
    const importing = adapters.flatMap((file) =>
      importedNames(file)
        .filter((name) => checks.includes(name))
        .map((name) => `${relative(root, file)} → ${name}`),
    )
    const refusing = adapters
      .filter((file) => /invalid_cursor|invalid_limit/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file))
    expect(importedNames(join(src, 'core', 'service', 'read-audit.ts'))).toContain('parseAuditFeedInput')
    expect(importing).toEqual([])
    expect(refusing).toEqual([])
  })

  it('no file under src imports itself back through others (no import cycle)', () => {
    expect(importCycles(src)).toEqual([])
  })

  it('src/core never reads the clock or does I/O itself', () => {
    const offenders = files(join(src, 'core')).filter((file) =>
      /new Date\(\)|Date\.now\(|process\.|globalThis\.fetch|require\(/.test(readFileSync(file, 'utf8')),
    )
    expect(offenders.map((f) => relative(root, f))).toEqual([])
  })

  it('every public export has TSDoc with a one-line summary', () => {
    const entries = readdirSync(src)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(src, f))
    const program = ts.createProgram(entries, {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
    })
    const checker = program.getTypeChecker()
    const missing: string[] = []
    for (const entry of entries) {
      const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)
      for (const exported of module ? checker.getExportsOfModule(module) : []) {
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
        const summary = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim()
        if (summary.length === 0) missing.push(`${relative(root, entry)}: ${exported.getName()}`)
      }
    }
    expect(missing).toEqual([])
  })
})
