#!/usr/bin/env bash
# Installs the packed package into a throwaway consumer project, the way a host would, and checks
# what publint and are-the-types-wrong cannot see:
#   1. a production install (`--omit=dev`) of a host that has vitest in its devDependencies
#      contains no test toolchain (vitest, vite, esbuild, rolldown, lightningcss);
#   2. every entry point loads: `require()` of each CommonJS entry, `import()` of each ESM entry;
#   3. a CommonJS (`.cts`) and an ESM (`.mts`) consumer type-check against the package with
#      `skipLibCheck: false`, and so do the README's complete programs (docs/examples/*.mts, *.cjs),
#      which then run;
#   4. the contract suites of `flag-experiments/testing` run under vitest from the installed package.
# It also prints the production install's size and the package's cold import time (median of 10
# fresh processes). Usage: scripts/check-consumer.sh [path/to/flag-experiments-x.y.z.tgz]
# (default: `npm pack` of a clean copy of the tracked files, which `prepack` builds). The tarball
# must hold every file `exports`, `main`, `module` and `types` name. MEASURE_ONLY=1 stops after
# printing the figures.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() {
  printf '\ncheck-consumer: FAILED: %s\n' "$*" >&2
  exit 1
}
step() { printf '\n--- consumer: %s\n' "$*"; }

tarball="${1:-}"
if [ -z "$tarball" ]; then
  # Pack what a fresh clone packs: the tracked files only, without this checkout's dist/, so the
  # package's `prepack` script has to build it (node_modules is linked in for the build tools).
  step "npm pack from a clean copy of the tracked files (no dist/: prepack builds it)"
  clean="$work/clean"
  mkdir -p "$clean"
  (cd "$repo" && git ls-files -z | xargs -0 cp --parents -t "$clean") || fail "cannot copy the tracked files"
  [ ! -e "$clean/dist" ] || fail "dist/ is tracked; the clean copy must not hold a build"
  ln -s "$repo/node_modules" "$clean/node_modules"
  (cd "$clean" && npm pack --pack-destination "$work") || fail "npm pack failed in a clean copy"
  tarball="$(ls "$work"/*.tgz)"
fi
tarball="$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")"
[ -f "$tarball" ] || fail "no tarball at $tarball"

step "the tarball holds every file package.json points at"
# Without a build the tarball holds only README, LICENSE and package.json; every target of
# `exports`, `main`, `module` and `types` must be in it.
tar -tzf "$tarball" >"$work/tarball-files.txt"
TARBALL_FILES="$work/tarball-files.txt" node -e '
  const fs = require("fs")
  const manifest = JSON.parse(require("child_process").execFileSync("tar", ["-xzOf", process.argv[1], "package/package.json"]))
  const listed = new Set(fs.readFileSync(process.env.TARBALL_FILES, "utf8").split("\n").filter(Boolean))
  const targets = new Set()
  const walk = (value) => {
    if (typeof value === "string") targets.add(value)
    else if (value && typeof value === "object") Object.values(value).forEach(walk)
  }
  walk(manifest.exports)
  for (const field of ["main", "module", "types"]) walk(manifest[field])
  const missing = [...targets].filter((target) => !listed.has("package/" + target.replace(/^\.\//, "")))
  if (missing.length > 0) {
    console.error("missing from the tarball: " + missing.join(", "))
    process.exit(1)
  }
  console.log("ok  " + targets.size + " targets of exports/main/module/types in " + listed.size + " packed files")
' "$tarball" || fail "the tarball lacks files its package.json points at"

consumer="$work/consumer"
mkdir -p "$consumer"
cd "$consumer"

# A host as `npm init -y` makes it (CommonJS: no "type"), depending on the package and its peers,
# with a test toolchain and TypeScript in its devDependencies. Versions follow the repository's.
REPO="$repo" TARBALL="$tarball" node -e '
  const repo = require(process.env.REPO + "/package.json")
  const dev = repo.devDependencies
  const manifest = {
    name: "consumer",
    version: "1.0.0",
    private: true,
    dependencies: {
      "flag-experiments": "file:" + process.env.TARBALL,
      zod: dev.zod,
      neverthrow: dev.neverthrow,
      kysely: dev.kysely,
    },
    devDependencies: { vitest: dev.vitest, typescript: dev.typescript, "@types/node": dev["@types/node"] },
  }
  require("fs").writeFileSync("package.json", JSON.stringify(manifest, null, 2))
'

step "production install (npm install --omit=dev)"
npm install --omit=dev --no-audit --no-fund --loglevel=error
packages="$(node -e 'const l = require("./node_modules/.package-lock.json"); console.log(Object.keys(l.packages).filter((p) => p !== "").length)')"
size="$(du -sm node_modules | cut -f1)"
printf 'production install: %s packages, %s MB\n' "$packages" "$size"

step "cold import time of flag-experiments (median of 10 fresh processes)"
times=()
for _ in 1 2 3 4 5 6 7 8 9 10; do
  times+=("$(node -e '
    const t = performance.now()
    import("flag-experiments").then(() => console.log((performance.now() - t).toFixed(1)))
  ')")
done
median="$(printf '%s\n' "${times[@]}" | sort -n | sed -n '5,6p' | awk '{ s += $1 } END { printf "%.1f", s / 2 }')"
printf 'cold import: median %s ms (runs: %s)\n' "$median" "${times[*]}"
[ -z "${MEASURE_ONLY:-}" ] || exit 0

step "no test toolchain in the production install"
for tool in vitest vite @vitest/runner esbuild rolldown lightningcss; do
  [ ! -e "node_modules/$tool" ] || fail "the production install contains the test toolchain: node_modules/$tool"
done

step "every entry point loads (require of CommonJS entries, import of ESM entries)"
node -e '
  const exportsMap = require("flag-experiments/package.json").exports
  const entries = Object.keys(exportsMap).filter((key) => key !== "./package.json")
  const name = (key) => "flag-experiments" + key.slice(1)
  const loads = entries.flatMap((key) => [
    ...("require" in exportsMap[key] ? [["require", key]] : []),
    ...("import" in exportsMap[key] ? [["import", key]] : []),
  ])
  const load = async ([how, key]) => {
    const mod = how === "require" ? require(name(key)) : await import(name(key))
    const names = Object.keys(mod).filter((k) => k !== "default" && k !== "__esModule")
    if (names.length === 0) throw new Error(how + " " + name(key) + " exports nothing")
    console.log("ok  " + how.padEnd(7) + " " + name(key) + " (" + names.length + " exports)")
  }
  const main = async () => {
    for (const entry of loads) await load(entry)
  }
  main().catch((error) => { console.error(error); process.exit(1) })
' || fail "an entry point does not load"

step "the built OpenAPI document carries the package version"
node -e '
  const { version } = require("flag-experiments/package.json")
  const documented = require("flag-experiments/http").openApiDocument().info.version
  if (documented !== version) throw new Error("info.version " + documented + " is not the package version " + version)
  console.log("ok  info.version " + documented)
' || fail "openApiDocument().info.version is not the package version"

step "full install with the host's devDependencies"
npm install --no-audit --no-fund --loglevel=error

step "type-check CommonJS and ESM consumers and the README examples (skipLibCheck: false)"
mkdir -p src
cat >src/consumer.cts <<'EOF'
import { createExperimentService, CreateExperimentInput, type Experiment } from 'flag-experiments'
import { createMemoryAdapters, createManualClock, type ManualClock } from 'flag-experiments/memory'
import { createKyselyAdapters, migrateToLatest } from 'flag-experiments/kysely'
import { createHttpHandler, openApiDocument, toNodeListener } from 'flag-experiments/http'
import { testExperimentRepository, type RepositoryFixture } from 'flag-experiments/testing'
import { createExperimentsClient, type ExperimentsClient } from 'flag-experiments/client'

const clock: ManualClock = createManualClock()
clock.advance({ minutes: 5 })
const service = createExperimentService(createMemoryAdapters({ environments: [], features: [], clock }))
const check: (experiment: Experiment) => string = (experiment) => experiment.status
const parsed = CreateExperimentInput.safeParse({})
const fixture: RepositoryFixture | null = null
const client: ExperimentsClient = createExperimentsClient({ baseUrl: 'http://localhost:3000/api/v1', token: 'admin' })
export = [service, check, parsed, fixture, client, createKyselyAdapters, migrateToLatest, createHttpHandler, openApiDocument, toNodeListener, testExperimentRepository]
EOF
sed -e 's/^export = \(.*\)$/export const all = \1/' src/consumer.cts >src/consumer.mts
# The README's complete programs, kept as files under docs/examples (the README's blocks are their
# text): the .mts/.cts/.mjs/.cjs ones are checked here against the package, and run below;
# JavaScript ones are type-checked too (checkJs).
found=0
for example in "$repo"/docs/examples/*.mts "$repo"/docs/examples/*.cts "$repo"/docs/examples/*.mjs "$repo"/docs/examples/*.cjs; do
  [ -f "$example" ] || continue
  cp "$example" src/
  found=$((found + 1))
done
[ "$found" -ge 2 ] || fail "docs/examples has no complete programs (.mts, .cjs) to check"
ls src
cat >tsconfig.json <<'EOF'
{
  "compilerOptions": {
    "module": "nodenext",
    "moduleResolution": "nodenext",
    "target": "es2022",
    "strict": true,
    "skipLibCheck": false,
    "types": ["node"],
    "allowJs": true,
    "checkJs": true,
    "outDir": "build",
    "rootDir": "src"
  },
  "include": ["src"]
}
EOF
# node16 refuses to require() an ES module's types, nodenext (TypeScript 5.8+) allows it: check both.
npx tsc -p . --module node16 --moduleResolution node16 --noEmit ||
  fail "a consumer does not type-check against the package (module node16)"
npx tsc -p . || fail "a consumer does not type-check against the package (module nodenext)"

step "run the README examples"
for example in build/*; do
  case "$example" in build/consumer.*) continue ;; esac
  node "$example" >/dev/null || fail "README example $example does not run"
  echo "ok  $example"
done

step "contract suites from flag-experiments/testing under vitest"
cat >contract.test.mjs <<'EOF'
import * as vitest from 'vitest'
import {
  memoryStoredState,
  testExperimentRepository,
  testFeatureLookup,
  testPermissionPolicy,
} from 'flag-experiments/testing'
import {
  createMemoryAdapters,
  createMemoryAuditLog,
  createMemoryMetricRepository,
  createMemoryRepository,
  createMemoryStore,
} from 'flag-experiments/memory'

// The repository suite on the memory adapters, read back through the exported back door.
testExperimentRepository(vitest, () => {
  const log = createMemoryAuditLog()
  const sink = { broken: false }
  const auditLog = { append: (entry) => (sink.broken ? Promise.reject(new Error('audit sink down')) : log.append(entry)) }
  const store = createMemoryStore()
  const repository = createMemoryRepository(auditLog, store)
  const metrics = createMemoryMetricRepository(auditLog, store)
  const breakAudit = async () => {
    sink.broken = true
  }
  return { repository, metrics, stored: memoryStoredState(repository, metrics, log), breakAudit }
})

const environments = [{ id: 'e1', key: 'dev', name: 'Development', projectId: 'p1' }]
const features = [{ id: '1', name: 'checkout', projectId: 'p1', type: 'multivariate' }]
const adapters = createMemoryAdapters({
  environments,
  features,
  permissions: { can: (actor) => actor.id === 'admin' },
})
testFeatureLookup(vitest, () => ({ lookup: adapters.features, environments, features }))
testPermissionPolicy(vitest, () => ({
  policy: adapters.permissions,
  expectations: [
    { environment: environments[0], actor: { type: 'user', id: 'admin' }, action: 'start', allowed: true },
    { environment: environments[0], actor: { type: 'user', id: 'guest' }, action: 'start', allowed: false },
  ],
}))
EOF
npx vitest run --root . contract.test.mjs || fail "the contract suites do not run under vitest"

printf '\ncheck-consumer: ok (production install: %s packages, %s MB; cold import: %s ms)\n' "$packages" "$size" "$median"
