import * as vitest from 'vitest'
import { createMemoryAdapters, createMemoryExperimentData } from '../../src/memory.js'
import { testExperimentData } from '../../src/testing.js'

testExperimentData(
  vitest,
  () => ({
    data: createMemoryExperimentData(),
    createExperiment: () => Promise.resolve(crypto.randomUUID()),
  }),
  'memory experiment data',
)

testExperimentData(
  vitest,
  () => ({
    data: createMemoryAdapters({ environments: [], features: [] }).experimentData,
    createExperiment: () => Promise.resolve(crypto.randomUUID()),
  }),
  'memory adapters: experimentData',
)
