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

describe('architecture', () => {
  it('src/core imports only src/core, src/ports, zod, neverthrow and date-fns', () => {
    const allowedPackages = new Set(['zod', 'neverthrow', 'date-fns'])
    const violations = files(join(src, 'core')).flatMap((file) =>
      imports(file)
        .filter((spec) => {
          if (!spec.startsWith('.')) return !allowedPackages.has(spec)
          const target = relative(src, resolve(file, '..', spec))
          return !(target.startsWith('core/') || target.startsWith('ports/'))
        })
        .map((spec) => `${relative(root, file)} → ${spec}`),
    )
    expect(violations).toEqual([])
  })

  it('src/core never reads the clock or does I/O itself', () => {
    const offenders = files(join(src, 'core')).filter((file) =>
      /new Date\(\)|Date\.now\(|process\.|globalThis\.fetch|require\(/.test(readFileSync(file, 'utf8')),
    )
    expect(offenders.map((f) => relative(root, f))).toEqual([])
  })

  it('src/ports imports no adapter', () => {
    const offenders = files(join(src, 'ports')).flatMap((file) =>
      imports(file).filter((spec) => spec.includes('adapters')),
    )
    expect(offenders).toEqual([])
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
