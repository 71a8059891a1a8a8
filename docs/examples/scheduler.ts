import { experiments } from './your-host.js'

async function runSchedule(): Promise<void> {
  const run = await experiments.runScheduled()
  if (run.isErr()) return console.error('scheduler: the due query failed', run.error.code)
  const { started, completed, failed } = run.value // [{ experimentId, environmentId }], …
  console.log(`scheduler: ${started.length} started, ${completed.length} completed`)
  for (const f of failed) {
    // still due: the next run tries it again (f.error.code: 'environment_not_found', 'unavailable', …)
    console.warn(`scheduler: could not ${f.action} ${f.experimentId}: ${f.error.code}`)
  }
}

setInterval(() => void runSchedule(), 60_000) // or your cron library's or job queue's repeatable job
