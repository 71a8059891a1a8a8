// design.mts
import type { Result } from 'neverthrow'
import { assignVariant, createExperimentService } from 'flag-experiments'
import { createMemoryAdapters } from 'flag-experiments/memory'

const service = createExperimentService(
  createMemoryAdapters({
    environments: [{ id: 'e1', key: 'dev', name: 'Development', projectId: 'p1' }],
    features: [
      {
        id: '1',
        name: 'checkout_button',
        projectId: 'p1',
        type: 'multivariate',
        variants: [{ key: 'control' }, { key: 'blue' }, { key: 'green' }], // the control first
      },
    ],
  }),
)
const actor = { type: 'user', id: 'admin' } as const
const must = <T,>(result: Result<T, { code: string }>): T => {
  if (result.isErr()) throw new Error(result.error.code)
  return result.value
}

const conversion = must(
  await service.createMetric(actor, 'dev', {
    name: 'Checkout conversion',
    event: 'checkout',
    aggregation: 'occurrence',
    direction: 'up',
  }),
)
const latency = must(
  await service.createMetric(actor, 'dev', {
    name: 'Page load time',
    event: 'page_load_ms',
    aggregation: 'sum',
    direction: 'down',
  }),
)
const created = must(
  await service.create(actor, 'dev', {
    feature: 1,
    name: 'Checkout button',
    hypothesis: 'A coloured button converts better.',
    metrics: [
      { metric: conversion.id, role: 'primary', expectedDirection: 'increase' },
      { metric: latency.id, role: 'guardrail', expectedDirection: 'not_increase' },
    ],
    rollout: {
      trafficPercentage: 10, // start small
      allocations: [
        { variant: 'control', weight: 50 },
        { variant: 'blue', weight: 25 },
        { variant: 'green', weight: 25 },
      ],
    },
  }),
)
must(await service.start(actor, 'dev', created.id))

// the split is fixed now, the traffic may ramp up: version 3, trafficPercentage 100
const experiment = must(
  await service.setRollout(actor, 'dev', created.id, { ...created.rollout, trafficPercentage: 100 }),
)
const refused = await service.setRollout(actor, 'dev', created.id, {
  trafficPercentage: 100,
  allocations: [
    { variant: 'control', weight: 34 },
    { variant: 'blue', weight: 33 },
    { variant: 'green', weight: 33 },
  ],
})
console.log(refused.isErr() && refused.error.code) // 'allocation_locked'

// in the host, per request: the answer GrowthBook's SDK gives for the same experiment
console.log(assignVariant({ seed: experiment.id, ...experiment.rollout }, 'user-42')) // 'control' | 'blue' | 'green' | null
console.log(must(await service.activeExperiment(actor, 'dev', 1))?.id === experiment.id) // true: lock the flag meanwhile
