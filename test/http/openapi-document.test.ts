import { readFile } from 'node:fs/promises'
import { Validator } from '@seriousme/openapi-schema-validator'
import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { demoOpenApiDocument } from '../../demo/demo-app.js'
import { openApiDocument, ProblemJson } from '../../src/http.js'
import { CreateMetricInput, ListMetricsInput, UpdateMetricInput } from '../../src/core/domain/metric.js'
import { RolloutInput } from '../../src/core/domain/rollout.js'
import { SetMetricsInput } from '../../src/core/domain/schemas.js'
import {
  CreateExperimentInput,
  ExperimentAnalysisInput,
  ListExperimentsInput,
  UpdateExperimentInput,
} from '../../src/index.js'
import { createContractCheck } from './support/contract-check.js'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- an OpenAPI document
const document = openApiDocument({ basePath: '/api/v1' }) as Json
const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' })
  return rest
}

describe('openApiDocument', () => {
  it.each([
    ['at the root', {}],
    [
      'under a base path, with servers',
      { basePath: '/api/v1/', servers: [{ url: 'https://flags.example.com' }] },
    ],
  ])('is a valid OpenAPI 3.1 document %s', async (_label, options) => {
    const validator = new Validator()
    const result = await validator.validate(openApiDocument(options))
    expect(result.errors).toBeUndefined()
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
  })

  it('documents every operation under the base path, trailing slash included', () => {
    const operations = Object.entries(document.paths as Json).flatMap(([path, item]) =>
      Object.keys(item as Json)
        .filter((key) => key !== 'parameters')
        .map((method) => `${method.toUpperCase()} ${path}`),
    )
    const base = '/api/v1/environments/{environmentKey}/experiments/'
    const metrics = '/api/v1/environments/{environmentKey}/metrics/'
    expect(operations.sort()).toEqual(
      [
        `GET ${base}`,
        `POST ${base}`,
        `GET ${base}{experimentId}/`,
        `PATCH ${base}{experimentId}/`,
        `DELETE ${base}{experimentId}/`,
        `POST ${base}{experimentId}/restore/`,
        `POST ${base}{experimentId}/start/`,
        `POST ${base}{experimentId}/pause/`,
        `POST ${base}{experimentId}/complete/`,
        `GET ${base}{experimentId}/history/`,
        `HEAD ${base}`,
        `HEAD ${base}{experimentId}/`,
        `HEAD ${base}{experimentId}/history/`,
        `PUT ${base}{experimentId}/metrics/`,
        `PUT ${base}{experimentId}/rollout/`,
        `PUT ${base}{experimentId}/analysis/`,
        `GET ${metrics}`,
        `POST ${metrics}`,
        `GET ${metrics}{metricId}/`,
        `PATCH ${metrics}{metricId}/`,
        `DELETE ${metrics}{metricId}/`,
        `POST ${metrics}{metricId}/restore/`,
        `HEAD ${metrics}`,
        `HEAD ${metrics}{metricId}/`,
        'POST /api/v1/environments/{environmentKey}/exposures/',
        'POST /api/v1/environments/{environmentKey}/events/',
        `GET ${base}{experimentId}/results/`,
        `HEAD ${base}{experimentId}/results/`,
        `GET ${base}{experimentId}/results/history/`,
        `HEAD ${base}{experimentId}/results/history/`,
        'GET /api/v1/environments/{environmentKey}/audit/',
        'HEAD /api/v1/environments/{environmentKey}/audit/',
        `GET ${base}{experimentId}/audit/`,
        `HEAD ${base}{experimentId}/audit/`,
      ].sort(),
    )
  })

  it('names every operation explicitly, once', () => {
    const ids = Object.values(document.paths as Json).flatMap((item) =>
      Object.entries(item as Json)
        .filter(([key]) => key !== 'parameters')
        .map(([, operation]) => (operation as Json).operationId as string),
    )
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(
      expect.arrayContaining([
        'listMetrics',
        'createMetric',
        'getMetric',
        'updateMetric',
        'deleteMetric',
        'restoreMetric',
        'setExperimentMetrics',
        'setExperimentRollout',
        'recordExposures',
        'recordEvents',
        'getExperimentResults',
        'headExperimentResults',
      ]),
    )
  })

  it('documents ingestion: 202 with the outcome, the batch schemas from the core, 413 for bodies over 1 MiB', () => {
    const schemas = document.components.schemas as Json
    for (const [path, input, items] of [
      ['exposures', 'RecordExposuresInput', ['experiment', 'identity', 'variant', 'at']],
      ['events', 'RecordEventsInput', ['id', 'identity', 'event', 'value', 'at']],
    ] as const) {
      const operation = document.paths[`/api/v1/environments/{environmentKey}/${path}/`].post as Json
      expect(operation.requestBody.content['application/json'].schema).toEqual({
        $ref: `#/components/schemas/${input}`,
      })
      expect(operation.responses['202'].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/IngestOutcome',
      })
      expect(Object.keys(operation.responses as Json)).toEqual(
        expect.arrayContaining(['202', '400', '403', '413', '415']),
      )
      const batch = schemas[input].properties[path]
      expect(batch).toMatchObject({ type: 'array', minItems: 1, maxItems: 1000 })
      expect(Object.keys(batch.items.properties as Json).sort()).toEqual([...items].sort())
    }
    expect(schemas.IngestOutcome.required).toEqual(['accepted', 'duplicates'])
    expect(document.info.description).toContain('1 MiB')
  })

  it('documents results in snake_case with nullable statistics', () => {
    const schemas = document.components.schemas as Json
    const get = document.paths['/api/v1/environments/{environmentKey}/experiments/{experimentId}/results/']
      .get as Json
    expect(get.operationId).toBe('getExperimentResults')
    expect(get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/ExperimentResults',
    })
    expect(Object.keys(get.responses as Json)).toEqual(expect.arrayContaining(['200', '403', '404']))
    expect(schemas.ExperimentResults.required).toEqual([
      'as_of',
      'is_final',
      'window',
      'variants',
      'multiple_exposures',
      'srm',
      'data_quality',
      'metrics',
      'analysis',
    ])
    expect(Object.keys(schemas.VariantComparison.properties as Json)).toEqual([
      'variant',
      'n',
      'mean',
      'absolute_lift',
      'relative_lift',
      'ci_low',
      'ci_high',
      'chance_to_win',
      'p_value',
      'p_value_unadjusted',
      'verdict',
      'guidance',
    ])
    expect(schemas.VariantComparison.properties.ci_low.type).toEqual(['number', 'null'])
    expect(schemas.ComparisonGuidance.required).toEqual([
      'minimum_effect',
      'power',
      'identities_needed',
      'days_needed',
    ])
    expect(schemas.ResultsAnalysis.properties.method.enum).toEqual(['sequential', 'fixed'])
  })

  it('generates request schemas from the core zod schemas, as accepted (io: input), in snake_case', () => {
    const schemas = document.components.schemas as Json
    expect(schemas.CreateMetricInput).toEqual(jsonSchema(CreateMetricInput))
    expect(schemas.UpdateMetricInput).toEqual(jsonSchema(UpdateMetricInput))
    const snake = (text: string) =>
      text.replace(
        /"(trafficPercentage|expectedDirection|scheduledStartAt|scheduledEndAt|sequentialTuning|preExposureDays)"/g,
        (_m, name: string) => `"${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}"`,
      )
    // A schema another one embeds is a component of its own, referenced where it is embedded.
    const inlined = (text: string) =>
      text.replace(/\{"\$ref":"#\/components\/schemas\/(\w+)"\}/g, (_m, name: string) =>
        JSON.stringify(schemas[name]),
      )
    for (const [name, schema] of [
      ['CreateExperimentInput', CreateExperimentInput],
      ['UpdateExperimentInput', UpdateExperimentInput],
      ['RolloutInput', RolloutInput],
      ['SetExperimentMetricsInput', SetMetricsInput],
      ['ExperimentAnalysisInput', ExperimentAnalysisInput],
    ] as const) {
      const generated = inlined(JSON.stringify(schemas[name]))
      expect(generated, name).toBe(snake(JSON.stringify(jsonSchema(schema))))
      expect(generated, name).not.toMatch(
        /trafficPercentage|expectedDirection|scheduledStartAt|scheduledEndAt|sequentialTuning|preExposureDays/,
      )
    }
    expect(schemas.RolloutInput.required).toEqual(['traffic_percentage', 'allocations'])
    expect(schemas.CreateExperimentInput.properties.metrics.items.properties).toHaveProperty(
      'expected_direction',
    )
    expect(schemas.SetExperimentMetricsInput.required).toEqual(['metrics'])
    for (const [path, input] of [
      ['/api/v1/environments/{environmentKey}/experiments/', ListExperimentsInput],
      ['/api/v1/environments/{environmentKey}/metrics/', ListMetricsInput],
    ] as const) {
      const list = document.paths[path].get.parameters as Json[]
      expect(list.map((p) => String(p.name)).sort()).toEqual(Object.keys(input.shape).sort())
      for (const [name, schema] of Object.entries(input.shape)) {
        expect(list.find((p) => p.name === name)?.schema, name).toEqual(jsonSchema(schema as z.ZodType))
      }
      expect(list.find((p) => p.name === 'limit')?.schema).toMatchObject({
        minimum: 1,
        maximum: 200,
        default: 50,
      })
    }
  })

  it("documents HEAD as its GET's parameters, statuses and headers without content", () => {
    const base = '/api/v1/environments/{environmentKey}/experiments/'
    const ids = [base, `${base}{experimentId}/`, `${base}{experimentId}/history/`].map((path) => {
      const { get, head } = document.paths[path] as Json
      expect(head.parameters, path).toEqual(get.parameters)
      expect(Object.keys(head.responses as Json), path).toEqual(Object.keys(get.responses as Json))
      for (const [status, response] of Object.entries(head.responses as Json)) {
        expect(response.content, `${path} ${status}`).toBeUndefined()
        expect(response.headers, `${path} ${status}`).toEqual(get.responses[status].headers)
      }
      return head.operationId as string
    })
    expect(ids).toEqual(['headExperiments', 'headExperiment', 'headExperimentHistory'])
    expect(document.paths[`${base}{experimentId}/`].head.responses['200'].headers.ETag).toBeDefined()
  })

  it('describes one problem schema per code, each with its fixed status', () => {
    const codes = ProblemJson.options.map((option) => option.shape.code.value)
    expect(document.components.schemas.Problem.oneOf).toHaveLength(codes.length)
    expect(document.components.schemas.VersionMismatchProblem.properties.status.const).toBe(412)
    for (const [code, status] of [
      ['MetricNotFound', 404],
      ['MetricNameTaken', 409],
      ['MetricInUse', 409],
      ['PrimaryMetricLocked', 409],
      ['AllocationLocked', 409],
      ['ExperimentCompleted', 409],
    ] as const) {
      expect(document.components.schemas[`${code}Problem`].properties.status.const, code).toBe(status)
    }
  })

  it('is what openapi.json holds (run `npm run openapi` after changing the API)', async () => {
    const written: unknown = JSON.parse(
      await readFile(new URL('../../openapi.json', import.meta.url), 'utf8'),
    )
    expect(written).toEqual(demoOpenApiDocument())
  })
})

describe('the contract check used by every test', () => {
  const check = createContractCheck(document)
  const url = (path: string) => new URL(`http://x/api/v1/environments/dev/experiments/${path}`)
  const id = '00000000-0000-4000-8000-000000000000'
  const experiment = {
    id,
    feature: '1',
    name: 'n',
    hypothesis: 'h',
    status: 'created',
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    started_at: null,
    ended_at: null,
    scheduled_start_at: null,
    scheduled_end_at: null,
    running_seconds: 0,
    version: 1,
    metrics: [],
    rollout: {
      traffic_percentage: 100,
      allocations: [
        { variant: 'control', weight: 50 },
        { variant: 'treatment', weight: 50 },
      ],
    },
    analysis: { method: 'sequential', sequential_tuning: 5000, pre_exposure_days: 14 },
  }
  const json = (headers: Record<string, string> = {}) =>
    new Headers({ 'content-type': 'application/json', etag: '"1"', ...headers })
  const problem = (code: string, status: number, title: string) => ({
    status,
    headers: new Headers({ 'content-type': 'application/problem+json' }),
    body: { type: `urn:flag-experiments:problem:${code}`, title, status, detail: 'd', code, feature_id: '1' },
  })

  it('accepts a conforming response', () => {
    expect(() =>
      check('GET', url(`${id}/`), { status: 200, headers: json(), body: experiment }),
    ).not.toThrow()
  })

  it.each([
    ['a missing field', { status: 200, headers: json(), body: { ...experiment, version: undefined } }],
    ['an extra field', { status: 200, headers: json(), body: { ...experiment, deleted_at: null } }],
    [
      'a non-UTC timestamp',
      { status: 200, headers: json(), body: { ...experiment, created_at: '2026-01-01T01:00:00+01:00' } },
    ],
    ['an undocumented status', { status: 418, headers: json(), body: experiment }],
    [
      'a wrong content type',
      { status: 200, headers: json({ 'content-type': 'text/html' }), body: experiment },
    ],
    ['an ETag that is not the version', { status: 200, headers: json({ etag: '"2"' }), body: experiment }],
  ])('rejects %s', (_label, response) => {
    expect(() => check('GET', url(`${id}/`), response)).toThrow()
  })

  it('accepts HEAD with the headers of GET and no body, and rejects a body or a missing ETag', () => {
    expect(() => check('HEAD', url(`${id}/`), { status: 200, headers: json(), body: null })).not.toThrow()
    expect(() => check('HEAD', url(`${id}/`), { status: 200, headers: json(), body: experiment })).toThrow()
    const withoutEtag = new Headers({ 'content-type': 'application/json' })
    expect(() => check('HEAD', url(`${id}/`), { status: 200, headers: withoutEtag, body: null })).toThrow()
    const bodiless405 = {
      status: 405,
      headers: new Headers({ 'content-type': 'application/problem+json', allow: 'POST' }),
      body: null,
    }
    expect(() => check('HEAD', url(`${id}/start/`), bodiless405)).not.toThrow()
  })

  it('rejects a problem code the operation does not document', () => {
    const response = problem('active_experiment_exists', 409, 'Active experiment exists')
    expect(() => check('POST', url(''), response)).not.toThrow()
    expect(() => check('DELETE', url(`${id}/`), response)).toThrow()
  })
})
