import { describe, expect, it } from 'vitest'
import type { ExperimentAction } from '../../src/index.js'
import { admin, fail, ok, setup } from './fixture.js'

/** A service whose permission policy records every action it is asked about; `allow` decides. */
function counted(allow: (action: ExperimentAction) => boolean = () => true) {
  const asked: ExperimentAction[] = []
  const { service } = setup({
    can: (_actor, action) => {
      asked.push(action)
      return allow(action)
    },
  })
  return { service, asked }
}

const input = { feature: '4', name: 'Pricing', hypothesis: 'Cheaper sells more.' }

describe('grant: the access check made ahead of an operation', () => {
  it('lets the next operation of its action and environment run without asking again', async () => {
    const { service, asked } = counted()
    const grant = await ok(service.grant(admin, 'dev', 'create'))
    expect(grant.actor).toEqual(admin)
    expect(grant.environment.key).toBe('dev')
    const created = await ok(service.create(grant.actor, 'dev', input))
    expect(asked).toEqual(['create'])
    expect(created.name).toBe('Pricing')
  })

  it('works once: a second operation with the same grant is checked as any other', async () => {
    const { service, asked } = counted()
    const grant = await ok(service.grant(admin, 'dev', 'view'))
    await ok(service.list(grant.actor, 'dev'))
    await ok(service.list(grant.actor, 'dev'))
    expect(asked).toEqual(['view', 'view'])
  })

  it('does not stand for another action or environment', async () => {
    const { service, asked } = counted((action) => action !== 'create')
    const grant = await ok(service.grant(admin, 'dev', 'view'))
    expect((await fail(service.create(grant.actor, 'dev', input))).code).toBe('forbidden')
    await ok(service.list(grant.actor, 'prod'))
    expect(asked).toEqual(['view', 'create', 'view'])
  })

  it('is refused as the operation would be, and a copy of a grant is not one', async () => {
    const { service, asked } = counted((action) => action !== 'create')
    expect((await fail(service.grant(admin, 'dev', 'create'))).code).toBe('forbidden')
    const grant = await ok(service.grant(admin, 'dev', 'view'))
    await ok(service.list({ ...grant.actor }, 'dev'))
    expect(asked).toEqual(['create', 'view', 'view'])
  })
})
