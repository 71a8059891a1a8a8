import { createMemoryAdapters, createMemoryExperimentData } from '../../src/memory.js'
import { testExperimentData } from '../../src/testing.js'

testExperimentData(
  () => ({
    data: createMemoryExperimentData(),
    createExperiment: () => Promise.resolve(crypto.randomUUID()),
  }),
  'memory experiment data',
)

testExperimentData(
  () => ({
    data: createMemoryAdapters({ environments: [], features: [] }).experimentData,
    createExperiment: () => Promise.resolve(crypto.randomUUID()),
  }),
  'memory adapters: experimentData',
)
