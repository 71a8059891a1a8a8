import type { ResultAsync } from 'neverthrow'
import type { ExperimentError } from '../../src/index.js'
import { describe, expect, it } from 'vitest'
import { admin, createExperiment, fail, ok, setup } from './fixture.js'

const valid = { feature: '1', name: 'Checkout test', hypothesis: 'Shorter is better' }

// Numbered as the invariants of docs/rules.md#invariants.

describe('invariants and error codes', () => {
  it('1. at most one active experiment per (feature, environment)', async () => {
    const { service, adapters } = setup()
    const first = await createExperiment(service)
    expect(await fail(service.create(admin, 'dev', valid))).toEqual({
      code: 'active_experiment_exists',
      message: 'An active experiment already exists for this feature.',
      featureId: '1',
    })
    // other environments and other features are other slots
    await createExperiment(service, { environment: 'prod' })
    await createExperiment(service, { feature: 4 })
    // a completed experiment frees the slot
    await ok(service.start(admin, 'dev', first.id))
    await ok(service.complete(admin, 'dev', first.id))
    await createExperiment(service)
    expect(adapters.auditLog.entries().filter((e) => e.action === 'created')).toHaveLength(4)
  })

  it('1. concurrent creates in one slot yield exactly one winner', async () => {
    const { service } = setup()
    const results = await Promise.all(Array.from({ length: 8 }, () => service.create(admin, 'dev', valid)))
    expect(results.filter((r) => r.isOk())).toHaveLength(1)
    expect(results.filter((r) => r.isErr()).map((r) => r._unsafeUnwrapErr().code)).toEqual(
      Array(7).fill('active_experiment_exists'),
    )
  })

  it('2. only multivariate features', async () => {
    const { service } = setup()
    expect(await fail(service.create(admin, 'dev', { ...valid, feature: 2 }))).toMatchObject({
      code: 'feature_not_multivariate',
      message: 'Experiments can only be created for multivariate flags.',
      featureId: '2',
    })
  })

  it("3. the feature must belong to the environment's project; unknown features are not found", async () => {
    const { service } = setup()
    expect(await fail(service.create(admin, 'dev', { ...valid, feature: '3' }))).toMatchObject({
      code: 'feature_not_in_project',
      featureId: '3',
    })
    expect(await fail(service.create(admin, 'dev', { ...valid, feature: 99 }))).toMatchObject({
      code: 'feature_not_found',
      message: 'Feature not found.',
      featureId: '99',
    })
  })

  it('4. the feature can never change', async () => {
    const { service } = setup()
    const { id } = await createExperiment(service)
    expect(await fail(service.update(admin, 'dev', id, { feature: '4' }))).toEqual({
      code: 'feature_immutable',
      message: 'Cannot change the feature of an existing experiment.',
    })
    // naming the current feature is harmless
    expect(await ok(service.update(admin, 'dev', id, { feature: 1, name: 'New name' }))).toMatchObject({
      featureId: '1',
      name: 'New name',
    })
  })

  it('5. a running experiment cannot be deleted', async () => {
    const { service } = setup()
    const { id } = await createExperiment(service)
    await ok(service.start(admin, 'dev', id))
    expect(await fail(service.delete(admin, 'dev', id))).toEqual({
      code: 'experiment_running',
      message: 'Cannot delete a running experiment. Pause or complete it first.',
    })
    await ok(service.pause(admin, 'dev', id))
    await ok(service.delete(admin, 'dev', id))
  })

  it('6. a deleted experiment is invisible, frees its slot, and restores unless the slot is taken', async () => {
    const { service } = setup()
    const { id } = await createExperiment(service)
    await ok(service.delete(admin, 'dev', id))
    const reads: ResultAsync<unknown, ExperimentError>[] = [
      service.get(admin, 'dev', id),
      service.history(admin, 'dev', id),
      service.start(admin, 'dev', id),
      service.delete(admin, 'dev', id),
      service.update(admin, 'dev', id, { name: 'x' }),
    ]
    for (const op of reads) {
      expect(await fail(op)).toEqual({
        code: 'experiment_not_found',
        message: 'Experiment not found.',
        experimentId: id,
      })
    }
    expect((await ok(service.list(admin, 'dev'))).results).toEqual([])
    const replacement = await createExperiment(service)
    expect(await fail(service.restore(admin, 'dev', id))).toMatchObject({ code: 'active_experiment_exists' })
    await ok(service.delete(admin, 'dev', replacement.id))
    const restored = await ok(service.restore(admin, 'dev', id))
    expect(restored).toMatchObject({ id, status: 'created', version: 3 })
    // restoring what is not deleted changes nothing
    expect(await ok(service.restore(admin, 'dev', id))).toMatchObject({ version: 3 })
  })

  it('8. an update that changes nothing writes nothing', async () => {
    const { service, adapters } = setup()
    const { id } = await createExperiment(service)
    expect(await ok(service.update(admin, 'dev', id, {}))).toMatchObject({ version: 1 })
    expect(
      await ok(service.update(admin, 'dev', id, { hypothesis: ' A shorter checkout converts better ' })),
    ).toMatchObject({ version: 1 })
    expect(adapters.auditLog.entries()).toHaveLength(1)
  })

  it('9. a stale expectedVersion is a version_mismatch and writes nothing', async () => {
    const { service, adapters } = setup()
    const { id } = await createExperiment(service)
    await ok(service.update(admin, 'dev', id, { name: 'v2' }, { expectedVersion: 1 }))
    for (const op of [
      service.update(admin, 'dev', id, { name: 'v3' }, { expectedVersion: 1 }),
      service.start(admin, 'dev', id, { expectedVersion: 1 }),
      service.delete(admin, 'dev', id, { expectedVersion: 1 }),
    ]) {
      expect(await fail(op)).toMatchObject({
        code: 'version_mismatch',
        expectedVersion: 1,
        currentVersion: 2,
      })
    }
    expect(await ok(service.start(admin, 'dev', id, { expectedVersion: 2 }))).toMatchObject({
      status: 'running',
      version: 3,
    })
    expect(adapters.auditLog.entries()).toHaveLength(3)
  })

  it('9. concurrent updates with one expectedVersion: one wins, the rest version_mismatch', async () => {
    const { service } = setup()
    const { id } = await createExperiment(service)
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        service.update(admin, 'dev', id, { name: `name ${i}` }, { expectedVersion: 1 }),
      ),
    )
    expect(results.filter((r) => r.isOk())).toHaveLength(1)
    expect(results.filter((r) => r.isErr()).map((r) => r._unsafeUnwrapErr().code)).toEqual(
      Array(5).fill('version_mismatch'),
    )
  })

  it('unknown environments and experiments are not found; a non-UUID id is simply not found', async () => {
    const { service } = setup()
    const { id } = await createExperiment(service)
    expect(await fail(service.get(admin, 'nope', id))).toEqual({
      code: 'environment_not_found',
      message: 'Environment not found.',
      environmentKey: 'nope',
    })
    expect(await fail(service.get(admin, 'prod', id))).toMatchObject({ code: 'experiment_not_found' })
    expect(await fail(service.get(admin, 'dev', 'not-a-uuid'))).toMatchObject({
      code: 'experiment_not_found',
    })
    expect(await fail(service.get(admin, 'dev', '00000000-0000-4000-8000-000000000000'))).toMatchObject({
      code: 'experiment_not_found',
    })
  })

  it('validation_failed names every bad field, and says what to do about read-only ones', async () => {
    const { service } = setup()
    const error = await fail(
      service.create(admin, 'dev', {
        feature: '',
        name: '   ',
        hypothesis: 'x'.repeat(10_001),
        status: 'running',
      } as never),
    )
    expect(error.code).toBe('validation_failed')
    const issues = error.code === 'validation_failed' ? error.issues : []
    expect(issues.map((i) => i.path).sort()).toEqual(['feature', 'hypothesis', 'name', 'status'])
    expect(issues.find((i) => i.path === 'status')?.message).toMatch(/start, pause and complete/)

    const { id } = await createExperiment(service)
    const update = await fail(
      service.update(admin, 'dev', id, { version: 3, colour: 'red', name: 7 } as never),
    )
    expect(update.code === 'validation_failed' && update.issues).toEqual([
      { path: 'name', message: expect.any(String) as string },
      { path: 'version', message: expect.stringMatching(/If-Match/) as string },
      { path: 'colour', message: 'colour is not a known field; remove it from the request.' },
    ])
    expect(await fail(service.create(admin, 'dev', null as never))).toMatchObject({
      code: 'validation_failed',
    })
    const prototypeKeys = await fail(
      service.create(
        admin,
        'dev',
        JSON.parse(
          '{"feature":1,"name":"n","hypothesis":"h","constructor":1,"__proto__":{"x":1},"toString":2}',
        ) as never,
      ),
    )
    expect(prototypeKeys.code === 'validation_failed' && prototypeKeys.issues).toEqual([
      { path: 'constructor', message: 'constructor is not a known field; remove it from the request.' },
      { path: '__proto__', message: '__proto__ is not a known field; remove it from the request.' },
      { path: 'toString', message: 'toString is not a known field; remove it from the request.' },
    ])
    expect(await fail(service.create(admin, 'dev', { ...valid, name: 'a\u0000b' }))).toMatchObject({
      code: 'validation_failed',
    })
    expect(await fail(service.create(admin, 'dev', { ...valid, name: '\uD800' }))).toMatchObject({
      code: 'validation_failed',
    })
    expect(await fail(service.start(admin, 'dev', id, { expectedVersion: 0 }))).toMatchObject({
      code: 'validation_failed',
    })
  })

  it('names count Unicode characters, not UTF-16 units, and are trimmed', async () => {
    const { service } = setup()
    const name = '🧪'.repeat(255)
    expect(await ok(service.create(admin, 'dev', { ...valid, name: ` ${name} ` }))).toMatchObject({ name })
    expect(await fail(service.create(admin, 'prod', { ...valid, name: `${name}x` }))).toMatchObject({
      code: 'validation_failed',
    })
  })
})
