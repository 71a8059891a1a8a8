import { expectTypeOf, test } from 'vitest'
import {
  createExperimentsClient,
  type ExperimentsApiSchemas,
  type ExperimentsClient,
} from '../../src/client.js'

const api: ExperimentsClient = createExperimentsClient({
  baseUrl: 'http://localhost:3000/api/v1',
  token: 'admin',
})
const path = { environmentKey: 'dev', experimentId: 'id' }

test('the client is created from a base URL and a token, headers or a fetch', () => {
  expectTypeOf(createExperimentsClient).parameter(0).toHaveProperty('baseUrl').toEqualTypeOf<string>()
  expectTypeOf({ baseUrl: '/api/v1', headers: { authorization: 'Bearer x' } }).toExtend<
    Parameters<typeof createExperimentsClient>[0]
  >()
})

test('responses are typed by the document', async () => {
  const { data } = await api.GET('/environments/{environmentKey}/experiments/{experimentId}/', {
    params: { path },
  })
  expectTypeOf(data).toEqualTypeOf<ExperimentsApiSchemas['Experiment'] | undefined>()
  expectTypeOf<ExperimentsApiSchemas['Experiment']['status']>().toEqualTypeOf<
    'created' | 'running' | 'paused' | 'completed'
  >()
})

test('paths, parameters and bodies the API does not have do not compile', () => {
  // @ts-expect-error no such path
  void api.GET('/environments/{environmentKey}/nothing/', { params: { path } })
  // @ts-expect-error the environment key is required
  void api.GET('/environments/{environmentKey}/experiments/', { params: { path: {} } })
  void api.POST('/environments/{environmentKey}/experiments/', {
    params: { path },
    // @ts-expect-error hypothesis is required
    body: { feature: 1, name: 'No hypothesis' },
  })
  void api.GET('/environments/{environmentKey}/experiments/', {
    // @ts-expect-error not a status
    params: { path, query: { status: ['archived'] } },
  })
})

test('request bodies are what the API accepts: a field with a server default may be left out', () => {
  const metrics = { environmentKey: 'dev' }
  type CreateMetricBody = ExperimentsApiSchemas['CreateMetricInput']
  expectTypeOf<CreateMetricBody['description']>().toEqualTypeOf<string | undefined>()
  void api.POST('/environments/{environmentKey}/metrics/', {
    params: { path: metrics },
    body: { name: 'Checkout rate', event: 'checkout', aggregation: 'occurrence', direction: 'up' },
  })
  type WithoutDefault = Pick<CreateMetricBody, 'name' | 'event' | 'aggregation' | 'direction'>
  expectTypeOf<WithoutDefault>().toEqualTypeOf<Required<WithoutDefault>>()
  void api.POST('/environments/{environmentKey}/metrics/', {
    params: { path: metrics },
    // @ts-expect-error event is required: it has no default
    body: { name: 'Checkout rate', aggregation: 'occurrence', direction: 'up' },
  })
  void api.POST('/environments/{environmentKey}/metrics/', {
    params: { path: metrics },
    // @ts-expect-error name is required: it has no default
    body: { event: 'checkout', aggregation: 'occurrence', direction: 'up', description: '' },
  })
})
