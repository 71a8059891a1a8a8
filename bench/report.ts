import { assignmentMarkdown } from './assignment-bench.js'
import type { RunResult } from './run-result.js'
import { checkTargets, label } from './targets.js'

const ms = (x: number) =>
  x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3)
const us = (x: number) => (x * 1000).toFixed(x * 1000 >= 100 ? 0 : 1)
const rate = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1))
const ratio = (x: number) => `${x.toFixed(2)}×`
const trips = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2))

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n')
}

const title = (run: RunResult) =>
  run.backend === 'pglite' ? 'PGlite (embedded, in-process)' : 'PostgreSQL server (`DATABASE_URL`)'

function header(run: RunResult): string {
  const e = run.environment
  const packages = Object.entries(e.packages)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ')
  const o = run.options
  return [
    `- **Date**: ${run.date} (run took ${Math.round(run.durationSeconds)} s)${run.quick ? ' — **quick run** (`BENCH_QUICK=1`), figures are rough' : ''}`,
    `- **Machine**: ${e.cpu}, ${e.cores} cores, ${e.memoryGiB} GiB, ${e.os}`,
    `- **Versions**: Node ${e.node}; ${run.server}; ${packages}`,
    `- **Options**: ${o.iterations} lifecycles per command; ${o.scaleIterations} calls per scaling figure; scales ${o.scales.map(label).join(', ')}; ` +
      `clients ${o.concurrency.join(', ')} (${o.concurrencyWindowMs} ms windows × 3 each); ${o.memoryIterations} in-memory lifecycles`,
  ].join('\n')
}

function targetsSection(run: RunResult): string {
  return table(
    ['target', 'measured', 'met'],
    checkTargets(run).map((c) => [c.target, c.measured, c.met ? 'yes' : '**no**']),
  )
}

function commandsSection(run: RunResult): string {
  if (run.commands === null) return '_Not run._'
  return table(
    [
      'command',
      'lib median ms',
      'lib p99 ms',
      'lib ops/s',
      'lib round trips',
      'lib statements',
      'lib CPU ms',
      'base median ms',
      'base p99 ms',
      'base ops/s',
      'base round trips',
      'base CPU ms',
      'lib/base',
      'r+w base median ms',
      'r+w round trips',
      'lib/r+w',
    ],
    run.commands.map((c) => [
      c.command,
      ms(c.library.median),
      ms(c.library.p99),
      rate(c.library.opsPerSec),
      trips(c.library.roundTrips),
      `\`${c.library.statements.join(' → ')}\``,
      ms(c.library.cpuMs),
      ms(c.baseline.median),
      ms(c.baseline.p99),
      rate(c.baseline.opsPerSec),
      trips(c.baseline.roundTrips),
      ms(c.baseline.cpuMs),
      ratio(c.ratio),
      c.readWrite ? ms(c.readWrite.median) : '—',
      c.readWrite ? trips(c.readWrite.roundTrips) : '—',
      c.ratioReadWrite !== null ? ratio(c.ratioReadWrite) : '—',
    ]),
  )
}

function hostAuditSection(run: RunResult): string {
  const rows = (run.commands ?? []).filter((c) => c.hostAudit !== null && c.hostAudit !== undefined)
  if (rows.length === 0) return '_Not run._'
  return table(
    ['command', 'median ms', 'p99 ms', 'round trips', 'statements', 'vs library without sink'],
    rows.map((c) => [
      c.command,
      ms(c.hostAudit!.median),
      ms(c.hostAudit!.p99),
      trips(c.hostAudit!.roundTrips),
      `\`${c.hostAudit!.statements.join(' → ')}\``,
      ratio(c.hostAudit!.median / c.library.median),
    ]),
  )
}

function scalingSection(run: RunResult): string {
  if (run.scaling === null || run.scaling.length === 0) return '_Not run._'
  const points = run.scaling
  const rows = points.map((p) => [
    label(p.rows),
    `${p.environments} × ~${Math.round(p.rows / p.environments)}`,
    p.historyRows.toLocaleString('en-US'),
    `${p.seedSeconds.toFixed(1)} s`,
    ...(['listFirst', 'listDeep', 'create'] as const).flatMap((k) => [
      `${ms(p[k].library.median)} / ${ms(p[k].library.p99)} (${trips(p[k].library.roundTrips)} rt)`,
      `${ms(p[k].baseline.median)} / ${ms(p[k].baseline.p99)}`,
    ]),
    p.seqScan ? '**Seq Scan**' : 'index',
  ])
  const small = points[0]!
  const large = points.at(-1)!
  const growth =
    points.length < 2
      ? ''
      : `\n\n**${label(large.rows)}/${label(small.rows)} median ratio** — library: first page ${ratio(large.listFirst.library.median / small.listFirst.library.median)}, ` +
        `deep page ${ratio(large.listDeep.library.median / small.listDeep.library.median)}, create ${ratio(large.create.library.median / small.create.library.median)}; ` +
        `baseline: first page ${ratio(large.listFirst.baseline.median / small.listFirst.baseline.median)}, ` +
        `deep page ${ratio(large.listDeep.baseline.median / small.listDeep.baseline.median)}, create ${ratio(large.create.baseline.median / small.create.baseline.median)}.`
  const plans = points
    .map(
      (p) =>
        `<details><summary>Plans at ${label(p.rows)} (library's list statements, <code>EXPLAIN (ANALYZE, BUFFERS)</code>)</summary>\n\n` +
        `First page:\n\n\`\`\`\n${p.plans.listFirst}\n\`\`\`\n\nDeep page (after row 400):\n\n\`\`\`\n${p.plans.listDeep}\n\`\`\`\n\n</details>`,
    )
    .join('\n\n')
  return (
    table(
      [
        'rows',
        'envs × rows',
        'history rows',
        'seed',
        'list first: lib median / p99 ms',
        'base',
        'list deep: lib',
        'base',
        'create: lib',
        'base',
        'list plans',
      ],
      rows,
    ) +
    growth +
    '\n\n' +
    plans
  )
}

function concurrencySection(run: RunResult): string {
  if (run.concurrency === null) return '_Not run._'
  const note =
    run.connections === 1
      ? '> PGlite is one in-process connection: concurrent clients queue for it, so these figures show queueing, not parallelism. Concurrency is only meaningful on the Postgres server.\n\n'
      : ''
  return (
    note +
    table(
      [
        'scenario',
        'clients',
        'lib ops/s',
        'lib errors',
        'lib stmts/op',
        'base ops/s',
        'base errors',
        'base stmts/op',
        'lib/base',
      ],
      run.concurrency.map((p) => [
        p.scenario === 'hot' ? 'one hot experiment' : 'distinct experiments',
        String(p.clients),
        rate(p.library.opsPerSec),
        String(p.library.errors),
        trips(p.library.roundTrips),
        rate(p.baseline.opsPerSec),
        String(p.baseline.errors),
        trips(p.baseline.roundTrips),
        ratio(p.ratio),
      ]),
    )
  )
}

function memorySection(run: RunResult): string {
  if (run.memory === null) return '_Not run._'
  return table(
    ['command', 'median µs', 'p99 µs', 'ops/s'],
    run.memory.map((m) => [m.command, us(m.median), us(m.p99), rate(m.opsPerSec)]),
  )
}

function assignmentSection(run: RunResult): string {
  return run.assignment ? assignmentMarkdown(run.assignment) : '_Not run._'
}

function backendSection(run: RunResult): string {
  return [
    `## ${title(run)}`,
    header(run),
    `### Targets`,
    targetsSection(run),
    `### Per command (one client, library and baseline interleaved)`,
    `Round trips are statements counted at the driver (pg pool client / PGlite \`query\`), BEGIN/COMMIT included; *lib statements* is what one call sent. Throughput is one client back to back (1000 / mean ms). *base* is the one-statement baseline (the floor); *r+w base* is the same hand-written SQL in the library's shape — read, then a compare-and-set write — which separates the cost of the design's extra round trip from the library's own overhead. *CPU ms* is this Node process's CPU time per call (on PGlite it includes the database engine, which runs in-process).`,
    commandsSection(run),
    `#### With a host audit sink (\`createKyselyAdapters(db, { auditLog })\`: each write becomes a transaction)`,
    hostAuditSection(run),
    `### Scaling (the listed environment always holds 500 experiments; the table grows around it)`,
    scalingSection(run),
    `### Concurrency (\`update\`: rename, with its audit entry)`,
    concurrencySection(run),
    `### In-memory adapters (\`flag-experiments/memory\`, the service included)`,
    memorySection(run),
    `### Assignment (\`assignVariant\` against GrowthBook's SDK, same answers, one process)`,
    assignmentSection(run),
  ].join('\n\n')
}

/** BENCHMARKS.md: how to run, then each backend's latest recorded run, then the findings. */
export function renderMarkdown(runs: readonly RunResult[], intro: string, findings: string): string {
  const order = ['pglite', 'postgres']
  const sorted = [...runs].sort((a, b) => order.indexOf(a.backend) - order.indexOf(b.backend))
  return `${[intro.trim(), ...sorted.map(backendSection), findings.trim()].join('\n\n')}\n`
}

/** A compact console summary of one run. */
export function consoleSummary(run: RunResult): string {
  const lines: string[] = [`\n${title(run)} — ${run.date}`]
  if (run.commands !== null) {
    lines.push('command    lib med ms  lib rt  lib cpu  base med ms  base rt  base cpu  lib/base  lib/r+w')
    for (const c of run.commands) {
      lines.push(
        `${c.command.padEnd(10)} ${ms(c.library.median).padStart(10)}  ${trips(c.library.roundTrips).padStart(6)}  ${ms(c.library.cpuMs).padStart(7)}  ${ms(c.baseline.median).padStart(11)}  ${trips(c.baseline.roundTrips).padStart(7)}  ${ms(c.baseline.cpuMs).padStart(8)}  ${ratio(c.ratio).padStart(8)}  ${c.ratioReadWrite !== null ? ratio(c.ratioReadWrite).padStart(7) : ''}`,
      )
    }
  }
  const sink = (run.commands ?? []).filter((c) => c.hostAudit)
  if (sink.length > 0) {
    lines.push(
      `with a host audit sink: ${sink.map((c) => `${c.command} ${ms(c.hostAudit!.median)} ms, ${trips(c.hostAudit!.roundTrips)} rt (${c.hostAudit!.statements.join(' ')})`).join('; ')}`,
    )
  }
  for (const p of run.scaling ?? []) {
    lines.push(
      `scale ${label(p.rows).padEnd(5)} list first ${ms(p.listFirst.library.median)} ms (base ${ms(p.listFirst.baseline.median)}), deep ${ms(p.listDeep.library.median)} (base ${ms(p.listDeep.baseline.median)}), create ${ms(p.create.library.median)} (base ${ms(p.create.baseline.median)})${p.seqScan ? ' SEQ SCAN' : ''}`,
    )
  }
  for (const p of run.concurrency ?? []) {
    lines.push(
      `${p.scenario.padEnd(8)} ${String(p.clients).padStart(2)} clients: lib ${rate(p.library.opsPerSec)} ops/s (${p.library.errors} err, ${trips(p.library.roundTrips)} stmts/op), base ${rate(p.baseline.opsPerSec)} ops/s, ${ratio(p.ratio)}`,
    )
  }
  if (run.memory !== null)
    lines.push(`memory ops/s: ${run.memory.map((m) => `${m.command} ${rate(m.opsPerSec)}`).join(', ')}`)
  if (run.assignment)
    lines.push(
      `assignment calls/s: ${run.assignment.subjects.map((s) => `${s.subject} ${rate(s.callsPerSec)}`).join(', ')}`,
    )
  lines.push('', ...checkTargets(run).map((c) => `${c.met ? 'met   ' : 'MISSED'} ${c.target}: ${c.measured}`))
  return lines.join('\n')
}
