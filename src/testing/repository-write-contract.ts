import type { Environment } from '../core/domain/experiment.js'
import { freshEnvironment, insertOf, newExperiment, updateOf } from './experiment-writes.js'
import type { RepositoryFixture } from './repository-fixture.js'
import type { TestApi } from './test-api.js'

/** The write half of {@link testExperimentRepository}: atomic effects, active slot, compare-and-set. */
export function describeRepositoryWrites(test: TestApi, current: () => RepositoryFixture): void {
  const { it, expect } = test
  const use = (): RepositoryFixture & { environment: Environment } => ({
    ...current(),
    environment: freshEnvironment(),
  })

  it('inserts the row with its audit entry and an empty history', async () => {
    const { repository, stored, environment } = use()
    const write = insertOf(environment, newExperiment(environment))
    await expect(repository.write(write)).resolves.toBe('written')
    expect(await stored.experiment(write.experiment.id)).toEqual(write.experiment)
    expect(await stored.history(write.experiment.id)).toEqual([])
    expect(await stored.auditEntries(write.experiment.id)).toEqual([write.audit])
  })

  it('writes a status change with its history row and audit entry', async () => {
    const { repository, stored, environment } = use()
    const insert = insertOf(environment, newExperiment(environment))
    await repository.write(insert)
    const start = updateOf(environment, insert.experiment, { kind: 'transition', action: 'start' })
    await expect(repository.write(start)).resolves.toBe('written')
    expect(await stored.experiment(insert.experiment.id)).toEqual(start.experiment)
    expect(await stored.history(insert.experiment.id)).toEqual([start.statusChange])
    expect(await stored.auditEntries(insert.experiment.id)).toEqual([insert.audit, start.audit])
  })

  it('refuses a second active experiment in a slot, writing nothing', async () => {
    const { repository, stored, environment } = use()
    await repository.write(insertOf(environment, newExperiment(environment)))
    const second = insertOf(environment, newExperiment(environment))
    await expect(repository.write(second)).resolves.toBe('active_slot_taken')
    expect(await stored.experiment(second.experiment.id)).toBeNull()
    expect(await stored.auditEntries(second.experiment.id)).toEqual([])
  })

  it('keeps slots per feature and per environment', async () => {
    const { repository, environment } = use()
    const other = freshEnvironment()
    await repository.write(insertOf(environment, newExperiment(environment)))
    await expect(
      repository.write(insertOf(environment, newExperiment(environment, { featureId: 'feature-2' }))),
    ).resolves.toBe('written')
    await expect(repository.write(insertOf(other, newExperiment(other)))).resolves.toBe('written')
  })

  it('frees the slot when its experiment completes or is deleted', async () => {
    const { repository, environment } = use()
    const first = insertOf(environment, newExperiment(environment))
    await repository.write(first)
    const started = updateOf(environment, first.experiment, { kind: 'transition', action: 'start' })
    await repository.write(started)
    await repository.write(
      updateOf(environment, started.experiment, { kind: 'transition', action: 'complete' }),
    )
    const second = insertOf(environment, newExperiment(environment))
    await expect(repository.write(second)).resolves.toBe('written')
    await expect(
      repository.write(updateOf(environment, second.experiment, { kind: 'delete' })),
    ).resolves.toBe('written')
    await expect(repository.write(insertOf(environment, newExperiment(environment)))).resolves.toBe('written')
  })

  it('refuses to restore into a taken slot, leaving the row deleted', async () => {
    const { repository, stored, environment } = use()
    const first = insertOf(environment, newExperiment(environment))
    await repository.write(first)
    const deleted = updateOf(environment, first.experiment, { kind: 'delete' })
    await repository.write(deleted)
    await repository.write(insertOf(environment, newExperiment(environment)))
    const restore = updateOf(environment, deleted.experiment, { kind: 'restore' })
    await expect(repository.write(restore)).resolves.toBe('active_slot_taken')
    expect(await stored.experiment(first.experiment.id)).toEqual(deleted.experiment)
    expect(await stored.auditEntries(first.experiment.id)).toEqual([first.audit, deleted.audit])
  })

  it('compare-and-set: a stale expected version writes nothing', async () => {
    const { repository, stored, environment } = use()
    const insert = insertOf(environment, newExperiment(environment))
    await repository.write(insert)
    const renamed = updateOf(environment, insert.experiment, { kind: 'update', name: 'Renamed' })
    await repository.write(renamed)
    const stale = updateOf(environment, insert.experiment, { kind: 'transition', action: 'start' })
    await expect(repository.write(stale)).resolves.toBe('version_conflict')
    expect(await stored.experiment(insert.experiment.id)).toEqual(renamed.experiment)
    expect(await stored.history(insert.experiment.id)).toEqual([])
    expect(await stored.auditEntries(insert.experiment.id)).toEqual([insert.audit, renamed.audit])
  })

  it('an update of an unknown experiment or an insert of a taken id writes nothing', async () => {
    const { repository, stored, environment } = use()
    const ghost = newExperiment(environment)
    await expect(
      repository.write(updateOf(environment, ghost, { kind: 'update', name: 'Ghost' })),
    ).resolves.toBe('version_conflict')
    expect(await stored.experiment(ghost.id)).toBeNull()
    const insert = insertOf(environment, newExperiment(environment))
    await repository.write(insert)
    const other = freshEnvironment()
    const sameId = insertOf(other, newExperiment(other, { id: insert.experiment.id, featureId: 'feature-9' }))
    await expect(repository.write(sameId)).resolves.toBe('version_conflict')
    expect(await stored.experiment(insert.experiment.id)).toEqual(insert.experiment)
  })

  it('concurrent inserts into one slot: exactly one is written', async () => {
    const { repository, stored, environment } = use()
    const writes = Array.from({ length: 8 }, () => insertOf(environment, newExperiment(environment)))
    const outcomes = await Promise.all(writes.map((write) => repository.write(write)))
    expect(outcomes.filter((o) => o === 'written')).toHaveLength(1)
    expect(outcomes.filter((o) => o === 'active_slot_taken')).toHaveLength(7)
    const audited = await Promise.all(writes.map((write) => stored.auditEntries(write.experiment.id)))
    expect(audited.flat()).toHaveLength(1)
  })

  it('concurrent updates from one version: exactly one is written', async () => {
    const { repository, stored, environment } = use()
    const insert = insertOf(environment, newExperiment(environment))
    await repository.write(insert)
    const writes = Array.from({ length: 8 }, (_, i) =>
      updateOf(environment, insert.experiment, { kind: 'update', name: `Name ${i}` }),
    )
    const outcomes = await Promise.all(writes.map((write) => repository.write(write)))
    expect(outcomes.filter((o) => o === 'written')).toHaveLength(1)
    expect(outcomes.filter((o) => o === 'version_conflict')).toHaveLength(7)
    const winner = writes[outcomes.indexOf('written')]
    expect(await stored.experiment(insert.experiment.id)).toEqual(winner?.experiment)
    expect(await stored.auditEntries(insert.experiment.id)).toEqual([insert.audit, winner?.audit])
  })

  it('a failing audit write leaves no row behind', async () => {
    const { repository, stored, breakAudit, environment } = use()
    await breakAudit()
    const insert = insertOf(environment, newExperiment(environment))
    await expect(repository.write(insert)).rejects.toBeDefined()
    expect(await stored.experiment(insert.experiment.id)).toBeNull()
    expect(await stored.auditEntries(insert.experiment.id)).toEqual([])
    await expect(repository.write(insertOf(environment, newExperiment(environment)))).rejects.toBeDefined()
  })

  it('a failing audit write leaves the row unchanged and no history row', async () => {
    const { repository, stored, breakAudit, environment } = use()
    const insert = insertOf(environment, newExperiment(environment))
    await repository.write(insert)
    await breakAudit()
    await expect(
      repository.write(updateOf(environment, insert.experiment, { kind: 'transition', action: 'start' })),
    ).rejects.toBeDefined()
    expect(await stored.experiment(insert.experiment.id)).toEqual(insert.experiment)
    expect(await stored.history(insert.experiment.id)).toEqual([])
    expect(await stored.auditEntries(insert.experiment.id)).toEqual([insert.audit])
  })

  it('lockAndWrite (when offered) decides on the locked current state, one writer at a time', async () => {
    const { repository, stored, environment } = use()
    const lockAndWrite = repository.lockAndWrite?.bind(repository)
    if (lockAndWrite === undefined) return
    const insert = insertOf(environment, newExperiment(environment))
    await repository.write(insert)
    const seen: number[] = []
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        lockAndWrite(environment.id, insert.experiment.id, { includeDeleted: false }, (found) => {
          if (found === null) return null
          seen.push(found.version)
          return updateOf(environment, found, { kind: 'update', name: `Locked ${i}` })
        }),
      ),
    )
    expect(outcomes).toEqual(Array.from({ length: 6 }, () => 'written'))
    expect([...seen].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6])
    expect(await stored.experiment(insert.experiment.id)).toMatchObject({ version: 7 })
    expect(await stored.auditEntries(insert.experiment.id)).toHaveLength(7)
    const unknown = crypto.randomUUID()
    await expect(
      lockAndWrite(
        environment.id,
        unknown,
        { includeDeleted: false },
        (found) => (expect(found).toBeNull(), null),
      ),
    ).resolves.toBe('nothing_to_write')
  })
}
