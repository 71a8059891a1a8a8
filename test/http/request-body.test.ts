import { request as httpRequest } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHttpHandler, MAX_BODY_BYTES } from '../../src/http.js'
import { readResponse } from './support/api-client.js'
import type { CheckedResponse } from './support/contract-check.js'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

let api: MemoryApi
beforeEach(async () => {
  api = await startMemoryApi()
})
afterEach(() => api.close())

const JSON_HEADERS = { 'content-type': 'application/json' }

/** A create body of exactly `size` bytes: valid JSON padded with spaces. */
function bodyOfSize(size: number): string {
  const json = JSON.stringify({
    feature: 1,
    name: 'Padded',
    hypothesis: 'Big bodies are fine up to the limit.',
  })
  return json + ' '.repeat(size - json.length)
}

describe('64 KiB body limit', () => {
  it('accepts a body of exactly 64 KiB and refuses one byte more with 413', async () => {
    expect(MAX_BODY_BYTES).toBe(65_536)
    const over = await api.request('POST', 'dev/experiments/', {
      raw: bodyOfSize(MAX_BODY_BYTES + 1),
      headers: JSON_HEADERS,
    })
    expect(over.status).toBe(413)
    expect(over.body.code).toBe('payload_too_large')
    expect(over.headers.get('connection')).toBe('close')
    const exact = await api.request('POST', 'dev/experiments/', {
      raw: bodyOfSize(MAX_BODY_BYTES),
      headers: JSON_HEADERS,
    })
    expect(exact.status).toBe(201)
  })

  it('answers 413 while a chunked upload is still streaming, and keeps serving', async () => {
    const url = new URL(`${api.basePath}/environments/dev/experiments/`, api.origin)
    const response = await new Promise<CheckedResponse>((resolve, reject) => {
      const upload = httpRequest(url, {
        method: 'POST',
        headers: { ...JSON_HEADERS, authorization: 'Bearer admin', 'transfer-encoding': 'chunked' },
      })
      upload.on('error', reject)
      upload.on('response', (incoming) => {
        let text = ''
        incoming.setEncoding('utf8')
        incoming.on('data', (chunk: string) => (text += chunk))
        incoming.on('end', () => {
          const headers = new Headers(incoming.headers as Record<string, string>)
          resolve({ status: incoming.statusCode ?? 0, headers, body: JSON.parse(text) })
          upload.destroy()
        })
      })
      // 80 KiB sent, and the upload is never ended: only a limit enforced while reading answers.
      upload.write(`{"name":"${'a'.repeat(16 * 1024)}`)
      for (let i = 0; i < 4; i++) upload.write('a'.repeat(16 * 1024))
    })
    api.check('POST', url, response)
    expect(response.status).toBe(413)
    expect(response.headers.get('connection')).toBe('close')
    expect((await api.request('GET', 'dev/experiments/')).status).toBe(200)
  })
})

describe('content type and JSON', () => {
  it.each([
    ['text/plain', '{}'],
    ['application/x-www-form-urlencoded', 'name=x'],
    ['application/json; charset=latin1', '{}'],
    [null, '{}'],
  ])('refuses Content-Type %s with 415', async (contentType, raw) => {
    const headers: Record<string, string> = contentType === null ? {} : { 'content-type': contentType }
    const response = await api.request('POST', 'dev/experiments/', {
      raw: new TextEncoder().encode(raw),
      headers,
    })
    expect(response.status).toBe(415)
    expect(response.body.code).toBe('unsupported_media_type')
  })

  it.each([
    'application/json; charset=UTF-8',
    'application/json;charset=utf8',
    'application/merge-patch+json',
    'Application/JSON',
  ])('accepts %s', async (contentType) => {
    const created = await api.create()
    const response = await api.request('PATCH', `dev/experiments/${created.id}/`, {
      raw: '{"name":"ok"}',
      headers: { 'content-type': contentType },
    })
    expect(response.status).toBe(200)
  })

  it.each([
    ['not JSON', new TextEncoder().encode('{"name": '), /not valid JSON/],
    [
      'invalid UTF-8',
      Uint8Array.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      /not valid UTF-8/,
    ],
    ['empty', new Uint8Array(0), /empty/],
  ])('refuses a body that is %s with 400 malformed_json', async (_label, raw, detail) => {
    const response = await api.request('POST', 'dev/experiments/', { raw, headers: JSON_HEADERS })
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ code: 'malformed_json', detail: expect.stringMatching(detail) })
  })

  it('checks credentials before reading the body', async () => {
    const response = await api.request('POST', 'dev/experiments/', {
      token: null,
      raw: 'garbage',
      headers: { 'content-type': 'text/plain' },
    })
    expect(response.status).toBe(401)
  })

  it('ignores a body sent to an operation that takes none', async () => {
    const created = await api.create()
    const response = await api.request('POST', `dev/experiments/${created.id}/start/`, {
      json: { status: 'completed' },
    })
    expect(response.status).toBe(200)
    expect(response.body.status).toBe('running')
    expect(response.headers.get('connection')).toBe('keep-alive')
  })
})

describe('an upload that fails mid-way', () => {
  it('is a 400 malformed_json, not a reported 500', async () => {
    const reported: unknown[] = []
    const handler = createHttpHandler({
      service: api.service,
      authenticate: () => ({ type: 'user', id: '1' }),
      basePath: '/api/v1',
      onError: (e) => reported.push(e),
    })
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"feature": 1,'))
        controller.error(new Error('connection reset'))
      },
    })
    const url = new URL(`${api.origin}/api/v1/environments/dev/experiments/`)
    const init: RequestInit & { duplex: 'half' } = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    }
    const response = await readResponse(await handler(new Request(url, init)))
    api.check('POST', url, response)
    expect(response.body.code).toBe('malformed_json')
    expect(reported).toEqual([])
  })
})

describe('a malformed request from a caller who may not do the operation', () => {
  const id = '00000000-0000-4000-8000-000000000000'
  const cases: [string, string, string, Parameters<MemoryApi['request']>[2]][] = [
    ['malformed JSON', 'POST', 'dev/experiments/', { raw: '{', headers: JSON_HEADERS }],
    [
      'a non-JSON body',
      'POST',
      'dev/experiments/',
      { raw: 'name=x', headers: { 'content-type': 'text/plain' } },
    ],
    ['a malformed If-Match', 'POST', `dev/experiments/${id}/start/`, { headers: { 'if-match': 'W/"1"' } }],
    ['a query parameter on an item', 'GET', `dev/experiments/${id}/?expand=history`, {}],
    [
      'malformed JSON in a design PUT',
      'PUT',
      `dev/experiments/${id}/rollout/`,
      { raw: '{', headers: JSON_HEADERS },
    ],
    ['malformed JSON for a metric', 'POST', 'dev/metrics/', { raw: '[', headers: JSON_HEADERS }],
    ['a malformed If-Match on a metric', 'DELETE', `dev/metrics/${id}/`, { headers: { 'if-match': '"x"' } }],
    ['a query parameter on a metric', 'GET', `dev/metrics/${id}/?expand=used_by`, {}],
    ['a bad metric list query', 'GET', 'dev/metrics/?limit=0', {}],
  ]

  it.each(cases)('%s is refused by the permission check first', async (_name, method, path, options) => {
    const denied = await api.request(method, path, { ...options, token: 'viewer' })
    expect(denied.status).toBe(403)
    expect(denied.body.code).toBe('forbidden')
    const disabled = await api.request(method, path.replace(/^dev/, 'off'), options)
    expect(disabled.body.code).toBe('experimentation_disabled')
    const allowed = await api.request(method, path, options)
    expect(allowed.status).toBe(
      method === 'POST' &&
        path.endsWith('experiments/') &&
        options?.headers?.['content-type'] === 'text/plain'
        ? 415
        : 400,
    )
  })
})
