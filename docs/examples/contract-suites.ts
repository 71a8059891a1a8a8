// my-repository.test.ts
import * as vitest from 'vitest' // jest: pass { describe, it, expect, beforeEach, afterEach }
import {
  testExperimentRepository,
  testFeatureLookup,
  testMetricRepository,
  testPermissionPolicy,
} from 'flag-experiments/testing'
import { admin, checkout, createMyRepositoryFixture, dev, myLookup, myPolicy, viewer } from './your-host.js'

// Each factory returns fresh state: your repositories, a back door into what they really stored
// (raw SQL: { experiment, history, auditEntries, metric }), breakAudit (a sink that rejects:
// nothing may persist without its audit entry) and an optional close.
testExperimentRepository(vitest, createMyRepositoryFixture)
testMetricRepository(vitest, createMyRepositoryFixture)
testFeatureLookup(vitest, () => ({ lookup: myLookup, environments: [dev], features: [checkout] }))
testPermissionPolicy(vitest, () => ({
  policy: myPolicy,
  expectations: [
    { environment: dev, actor: admin, action: 'start', allowed: true },
    { environment: dev, actor: viewer, action: 'start', allowed: false },
  ],
}))
