import { describe, expect, it } from 'vitest'
import { admin, createExperiment, fail, ok, setup } from './fixture.js'

describe('list', () => {
  async function seeded() {
    const ctx = setup()
    const { service, clock } = ctx
    const names = ['Alpha checkout', 'beta CHECKOUT', 'Gamma banner', 'Delta', 'Epsilon checkout']
    const made = []
    for (const [i, name] of names.entries()) {
      const environment = 'dev'
      made.push(
        await ok(
          service.create(admin, environment, { feature: i % 2 === 0 ? '1' : '4', name, hypothesis: 'h' }),
        ),
      )
      clock.advance(1000)
      // complete each experiment so the next one on the same feature may be created
      if (i < names.length - 2) {
        await ok(service.start(admin, environment, made[i]!.id))
        if (i % 2 === 0) await ok(service.complete(admin, environment, made[i]!.id))
        else await ok(service.complete(admin, environment, made[i]!.id))
      }
    }
    await createExperiment(service, { environment: 'prod' })
    return { ...ctx, made }
  }

  it('is newest first, scoped to the environment, with status counts', async () => {
    const { service, made } = await seeded()
    const page = await ok(service.list(admin, 'dev'))
    expect(page.results.map((e) => e.name)).toEqual(made.map((e) => e.name).reverse())
    expect(page.statusCounts).toEqual({ created: 2, running: 0, paused: 0, completed: 3 })
    expect(page.nextCursor).toBeNull()
  })

  it('filters by several statuses, feature, and case-insensitive name; counts ignore status only', async () => {
    const { service } = await seeded()
    const byStatus = await ok(service.list(admin, 'dev', { status: ['created', 'paused'] }))
    expect(byStatus.results.map((e) => e.name)).toEqual(['Epsilon checkout', 'Delta'])
    expect(byStatus.statusCounts).toEqual({ created: 2, running: 0, paused: 0, completed: 3 })

    const search = await ok(service.list(admin, 'dev', { q: 'CheckOut' }))
    expect(search.results.map((e) => e.name)).toEqual(['Epsilon checkout', 'beta CHECKOUT', 'Alpha checkout'])
    expect(search.statusCounts).toEqual({ created: 1, running: 0, paused: 0, completed: 2 })

    const feature = await ok(service.list(admin, 'dev', { feature: 4, q: 'a' }))
    expect(feature.results.map((e) => e.name)).toEqual(['Delta', 'beta CHECKOUT'])
    expect(feature.statusCounts).toEqual({ created: 1, running: 0, paused: 0, completed: 1 })

    const literal = await ok(service.list(admin, 'dev', { q: '%' }))
    expect(literal.results).toEqual([])
  })

  it('pages with a keyset cursor, without gaps or repeats, even for equal timestamps', async () => {
    const { service } = setup()
    for (const feature of ['1', '4']) {
      for (let i = 0; i < 7; i++) {
        const made = await createExperiment(service, { feature, name: `n${feature}-${i}` })
        await ok(service.start(admin, 'dev', made.id))
        await ok(service.complete(admin, 'dev', made.id))
      }
    }
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await ok(service.list(admin, 'dev', { limit: 3, ...(cursor ? { cursor } : {}) }))
      seen.push(...page.results.map((e) => e.id))
      cursor = page.nextCursor ?? undefined
      pages++
    } while (cursor !== undefined)
    expect(pages).toBe(5)
    expect(new Set(seen).size).toBe(14)
    const all = await ok(service.list(admin, 'dev', { limit: 200 }))
    expect(all.results.map((e) => e.id)).toEqual(seen)
  })

  it('refuses bad paging input', async () => {
    const { service } = setup()
    for (const query of [
      { limit: 0 },
      { limit: 201 },
      { limit: 1.5 },
      { cursor: 'garbage!' },
      { cursor: 'bm90LWEtY3Vyc29y' },
      { status: ['done'] },
      { extra: 1 },
    ]) {
      expect(await fail(service.list(admin, 'dev', query as never))).toMatchObject({
        code: 'validation_failed',
      })
    }
  })
})

describe('the trash (list with deleted: true)', () => {
  it('lists deleted experiments only, newest first, each with deletedAt; restore takes one out', async () => {
    const { service, clock } = setup()
    const kept = await createExperiment(service, { feature: '1', name: 'Kept' })
    clock.advance(1000)
    const first = await createExperiment(service, { feature: '4', name: 'First gone' })
    clock.advance(1000)
    const second = await createExperiment(service, { feature: '5', name: 'Second gone' })
    clock.advance(1000)
    await ok(service.delete(admin, 'dev', first.id))
    clock.advance(1000)
    const deleted = await ok(service.delete(admin, 'dev', second.id))
    const trash = await ok(service.list(admin, 'dev', { deleted: true }))
    expect(trash.results.map((e) => [e.name, e.deletedAt.toISOString()])).toEqual([
      ['Second gone', deleted.updatedAt.toISOString()],
      ['First gone', '2026-03-01T12:00:03.000Z'],
    ])
    expect(trash.statusCounts).toEqual({ created: 2, running: 0, paused: 0, completed: 0 })
    const page = await ok(service.list(admin, 'dev', { deleted: true, limit: 1 }))
    expect(page.results.map((e) => e.id)).toEqual([second.id])
    const next = await ok(
      service.list(admin, 'dev', { deleted: true, limit: 1, cursor: page.nextCursor ?? '' }),
    )
    expect([next.results.map((e) => e.id), next.nextCursor]).toEqual([[first.id], null])
    const live = await ok(service.list(admin, 'dev', { deleted: false }))
    expect(live.results.map((e) => e.id)).toEqual([kept.id])
    expect(live.results[0]).not.toHaveProperty('deletedAt')
    await ok(service.restore(admin, 'dev', first.id))
    const after = await ok(service.list(admin, 'dev', { deleted: true, q: 'GONE' }))
    expect(after.results.map((e) => e.id)).toEqual([second.id])
  })

  it('refuses a deleted filter that is not a boolean, naming it', async () => {
    const { service } = setup()
    const error = await fail(service.list(admin, 'dev', { deleted: 'yes' } as never))
    expect(error).toMatchObject({
      code: 'validation_failed',
      issues: [{ path: 'deleted', message: 'deleted must be true or false' }],
    })
  })
})
