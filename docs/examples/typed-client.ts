import { createExperimentsClient } from 'flag-experiments/client'

const api = createExperimentsClient({ baseUrl: 'http://localhost:3000/api/v1', token: 'admin' })
// token may be a function (called per request), or pass headers: { authorization: … }, and fetch

const { data: page } = await api.GET('/environments/{environmentKey}/experiments/', {
  params: { path: { environmentKey: 'dev' }, query: { status: ['running', 'paused'], limit: 20 } },
})
console.log(page?.results.length)
const { data, error, response } = await api.POST('/environments/{environmentKey}/experiments/', {
  params: { path: { environmentKey: 'dev' } },
  body: { feature: 1, name: 'Checkout button', hypothesis: 'Green converts better.' },
})
if (error) {
  console.error(response.status, error.code, error.detail) // 409 'active_experiment_exists', …
} else {
  await api.POST('/environments/{environmentKey}/experiments/{experimentId}/start/', {
    params: {
      path: { environmentKey: 'dev', experimentId: data.id },
      header: { 'If-Match': `"${data.version}"` },
    },
  })
}
