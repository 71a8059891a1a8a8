import { describe, expect, it } from 'vitest'
import { createExperimentService } from '../../src/index.js'
import { createMemoryAdapters } from '../../src/memory.js'

const adapters = () =>
  createMemoryAdapters({
    environments: [{ id: 'e1', key: 'dev', name: 'Development', projectId: 'p1' }],
    features: [{ id: '1', name: 'checkout', projectId: 'p1', type: 'multivariate' }],
  })
const actor = { type: 'user', id: 'admin' } as const

describe('messages for missing required fields', () => {
  it('name each missing field instead of a bare "Invalid input"', async () => {
    const service = createExperimentService(adapters())
    const created = await service.create(actor, 'dev', { name: 'Checkout test' } as never)
    expect(created._unsafeUnwrapErr()).toEqual({
      code: 'validation_failed',
      message: 'The request is not valid.',
      issues: [
        { path: 'feature', message: 'feature is required.' },
        { path: 'hypothesis', message: 'hypothesis is required.' },
      ],
    })
  })

  it('keep the type message for a field that is present but wrong', async () => {
    const service = createExperimentService(adapters())
    const created = await service.create(actor, 'dev', { feature: null, name: 'x', hypothesis: 'y' } as never)
    const issues = created.isErr() && created.error.code === 'validation_failed' ? created.error.issues : []
    expect(issues).toHaveLength(1)
    expect(issues[0]?.path).toBe('feature')
    expect(issues[0]?.message).not.toMatch(/required/)
  })
})
