import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  createDemoService,
  openDemoDatabase,
  startDemoScheduler,
  type DemoDatabase,
} from '../../demo/demo-app.js'
import { demoTokens } from '../../demo/fixture.js'
import { createManualClock } from '../../src/memory.js'

let database: DemoDatabase
const clock = createManualClock('2026-03-01T12:00:00.000Z')
beforeAll(async () => {
  database = await openDemoDatabase({})
})
afterAll(async () => {
  await database.close()
})

/** Resolves once `predicate` holds, polling the event loop (the scheduler runs on its own timer). */
async function eventually(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 5))
}

it('the demo scheduler performs due transitions on its interval, logs them, and stops', async () => {
  const service = createDemoService(database, clock)
  const admin = demoTokens.admin
  if (admin === undefined) throw new Error('the demo fixture has no admin token')
  const created = (
    await service.create(admin, 'dev', {
      feature: '1',
      name: 'Scheduled',
      hypothesis: 'It starts itself.',
      scheduledStartAt: '2026-03-01T12:00:01Z',
      scheduledEndAt: '2026-03-01T12:00:02Z',
    })
  )._unsafeUnwrap()
  clock.advance({ seconds: 5 })
  const lines: string[] = []
  const stop = startDemoScheduler(service, (line) => lines.push(line), 10)
  await eventually(() => lines.length >= 2)
  await stop()
  expect(lines).toEqual([`scheduler: started ${created.id}`, `scheduler: completed ${created.id}`])
  expect((await service.get(admin, 'dev', created.id))._unsafeUnwrap().status).toBe('completed')
  const stopped = lines.length
  await new Promise((resolve) => setTimeout(resolve, 50))
  expect(lines).toHaveLength(stopped)
})
