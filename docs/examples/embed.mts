// embed.mts
import { createExperimentService } from 'flag-experiments'
import { createMemoryAdapters, createManualClock } from 'flag-experiments/memory'

const adapters = createMemoryAdapters({
  environments: [{ id: 'e1', key: 'dev', name: 'Development', projectId: 'p1' }],
  features: [{ id: '1', name: 'checkout', projectId: 'p1', type: 'multivariate' }],
  // optional: who may do what (everything is allowed when left out)
  permissions: { can: (actor, action) => actor.id === 'admin' || action === 'view' },
  clock: createManualClock('2026-03-01T12:00:00Z'), // optional: a clock your tests control
})
const experiments = createExperimentService(adapters)

const actor = { type: 'user', id: 'admin' } as const
const created = await experiments.create(actor, 'dev', {
  feature: 1,
  name: 'Checkout test',
  hypothesis: 'A shorter checkout converts better',
})
if (created.isErr()) throw new Error(created.error.message) // created.error.code: 'feature_not_multivariate', …

const started = await experiments.start(actor, 'dev', created.value.id, { expectedVersion: 1 })
started.match(
  (experiment) => console.log(experiment.status, experiment.startedAt, experiment.runningSeconds),
  (error) => console.error(error.code, error.message),
)
console.log(adapters.auditLog.entries()) // [{ action: 'created', … }, { action: 'started', message: "Experiment 'Checkout test' started for environment Development", … }]
