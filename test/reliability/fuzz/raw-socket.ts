import { connect } from 'node:net'
import { expect } from 'vitest'

/**
 * Writes raw bytes to the server and collects whatever comes back until the server closes the
 * connection or `waitMs` passes; `closeEarly` ends our side right after writing.
 */
function rawHttp(
  port: number,
  parts: readonly (string | Uint8Array)[],
  options: { closeEarly?: boolean; waitMs?: number } = {},
) {
  return new Promise<string>((resolve) => {
    const chunks: Buffer[] = []
    const socket = connect(port, '127.0.0.1')
    const done = () => {
      clearTimeout(timer)
      socket.destroy()
      resolve(Buffer.concat(chunks).toString('latin1'))
    }
    const timer = setTimeout(done, options.waitMs ?? 2_000)
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('close', done)
    socket.on('error', done)
    socket.on('connect', () => {
      for (const part of parts) socket.write(part)
      if (options.closeEarly === true) socket.end()
    })
  })
}

const host = 'Host: 127.0.0.1\r\n'
const auth = 'Authorization: Bearer admin\r\n'
const collection = '/api/v1/environments/dev/experiments/'

function statusLines(text: string): string[] {
  return text.split('\r\n').filter((line) => /^HTTP\/1\.1 \d{3}/.test(line))
}

function expectStatuses(text: string, expected: readonly number[]): void {
  expect(
    statusLines(text).map((line) => Number(line.slice(9, 12))),
    text.slice(0, 400),
  ).toEqual(expected)
}

/** Exchanges a socket-level client can inflict that `fetch` cannot express. */
export const rawExchanges: readonly { name: string; run: (port: number) => Promise<void> }[] = [
  {
    name: 'lying Content-Length: fewer bytes, then the client hangs up',
    run: async (port) => {
      const text = await rawHttp(
        port,
        [
          `POST ${collection} HTTP/1.1\r\n${host}${auth}Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"name":`,
        ],
        { closeEarly: true, waitMs: 500 },
      )
      expect(text, 'nothing, or a 4xx').not.toMatch(/^HTTP\/1\.1 5/m)
    },
  },
  {
    name: 'chunked upload of 1 MiB is cut off at 64 KiB with 413',
    run: async (port) => {
      const chunk = `${(16_384).toString(16)}\r\n${'x'.repeat(16_384)}\r\n`
      const text = await rawHttp(port, [
        `POST ${collection} HTTP/1.1\r\n${host}${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
        ...Array.from({ length: 64 }, () => chunk),
        '0\r\n\r\n',
      ])
      expectStatuses(text, [413])
      expect(text).toContain('application/problem+json')
    },
  },
  {
    name: 'Content-Length of 10 MB declared and never sent: 413 at once',
    run: async (port) => {
      const text = await rawHttp(port, [
        `POST ${collection} HTTP/1.1\r\n${host}${auth}Content-Type: application/json\r\nContent-Length: 10000000\r\n\r\n`,
      ])
      expectStatuses(text, [413])
    },
  },
  {
    name: 'raw non-UTF-8 bytes in the path',
    run: async (port) => {
      const line = Buffer.concat([
        Buffer.from('GET /api/v1/environments/'),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from(`/experiments/ HTTP/1.1\r\n${host}${auth}Connection: close\r\n\r\n`),
      ])
      const text = await rawHttp(port, [line])
      expect(statusLines(text).length).toBe(1)
      expect(text).not.toMatch(/^HTTP\/1\.1 5/m)
    },
  },
  {
    name: 'invalid UTF-8 in a JSON body',
    run: async (port) => {
      const body = Buffer.concat([
        Buffer.from('{"feature":"4","name":"'),
        Buffer.from([0xc0, 0xaf]),
        Buffer.from('","hypothesis":"h"}'),
      ])
      const text = await rawHttp(port, [
        `POST ${collection} HTTP/1.1\r\n${host}${auth}Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
        body,
      ])
      expectStatuses(text, [400])
      expect(text).toContain('"code":"malformed_json"')
    },
  },
  {
    name: 'three pipelined requests get three answers in order',
    run: async (port) => {
      const get = `GET ${collection} HTTP/1.1\r\n${host}${auth}\r\n`
      const anonymous = `GET ${collection} HTTP/1.1\r\n${host}\r\n`
      const text = await rawHttp(port, [
        get + anonymous + `GET /nowhere HTTP/1.1\r\n${host}Connection: close\r\n\r\n`,
      ])
      expectStatuses(text, [200, 401, 404])
    },
  },
  {
    name: 'malformed request line',
    run: async (port) => {
      const text = await rawHttp(port, [`GET\u0000 /api HTTP/9.9\r\n\r\n`])
      expect(text).not.toMatch(/^HTTP\/1\.1 5/m)
    },
  },
  {
    name: 'client hangs up in the middle of the headers',
    run: async (port) => {
      const text = await rawHttp(port, [`POST ${collection} HTTP/1.1\r\n${host}Authoriz`], {
        closeEarly: true,
        waitMs: 300,
      })
      expect(text, 'nothing, or the parser 400').toMatch(/^$|^HTTP\/1\.1 400/)
    },
  },
  {
    name: 'a 64 KiB header',
    run: async (port) => {
      const text = await rawHttp(port, [
        `GET ${collection} HTTP/1.1\r\n${host}${auth}X-Big: ${'a'.repeat(65_536)}\r\n\r\n`,
      ])
      expect(text).toMatch(/^HTTP\/1\.1 431/)
    },
  },
  {
    name: 'Expect: 100-continue from an unknown caller',
    run: async (port) => {
      const body = '{"feature":"4","name":"n","hypothesis":"h"}'
      const text = await rawHttp(port, [
        `POST ${collection} HTTP/1.1\r\n${host}Authorization: Bearer nobody\r\nExpect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
        body,
      ])
      expect(statusLines(text).at(-1)).toMatch(/^HTTP\/1\.1 401/)
    },
  },
]
