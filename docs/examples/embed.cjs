// embed.cjs
const { createExperimentService } = require('flag-experiments')
const { createMemoryAdapters } = require('flag-experiments/memory')

async function main() {
  const adapters = createMemoryAdapters({
    environments: [{ id: 'e1', key: 'dev', name: 'Development', projectId: 'p1' }],
    features: [{ id: '1', name: 'checkout', projectId: 'p1', type: 'multivariate' }],
  })
  const experiments = createExperimentService(adapters)
  /** @type {import('flag-experiments').Actor} */
  const actor = { type: 'user', id: 'admin' }
  const created = await experiments.create(actor, 'dev', {
    feature: 1,
    name: 'Checkout test',
    hypothesis: 'Shorter converts better',
  })
  if (created.isErr()) throw new Error(created.error.message)
  const started = await experiments.start(actor, 'dev', created.value.id)
  console.log(started.isOk() ? started.value.status : started.error.code) // running
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
