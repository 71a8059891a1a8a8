import type { Environment, ExperimentState } from '../core/domain/experiment.js'
import type { ExperimentRepository } from '../ports/experiment-repository.js'
import { insertOf, newExperiment, updateOf, type Step } from './experiment-writes.js'
import type { TestApi } from './test-api.js'

/**
 * Inserts an experiment (on a feature of its own) into `environment` and applies `steps` to it
 * through the repository, asserting each write is `written`; resolves to the last state.
 */
export async function seedExperiment(
  test: TestApi,
  repository: ExperimentRepository,
  environment: Environment,
  overrides: Partial<ExperimentState> = {},
  steps: readonly Step[] = [],
): Promise<ExperimentState> {
  const insert = insertOf(
    environment,
    newExperiment(environment, { featureId: crypto.randomUUID(), ...overrides }),
  )
  await test.expect(repository.write(insert)).resolves.toBe('written')
  let state = insert.experiment
  for (const step of steps) {
    const write = updateOf(environment, state, step)
    await test.expect(repository.write(write)).resolves.toBe('written')
    state = write.experiment
  }
  return state
}
