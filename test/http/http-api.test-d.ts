import type { RequestListener } from 'node:http'
import type { RequestHandler } from 'express'
import { expectTypeOf, test } from 'vitest'
import {
  createHttpHandler,
  openApiDocument,
  toNodeListener,
  type HttpHandler,
  type HttpHandlerOptions,
  type NodeListenerOptions,
  type OpenApiDocumentOptions,
  type ProblemCode,
} from '../../src/http.js'
import type { Actor, ExperimentErrorCode } from '../../src/index.js'

test('the handler is a plain fetch-style function', () => {
  expectTypeOf(createHttpHandler).returns.toEqualTypeOf<HttpHandler>()
  expectTypeOf<HttpHandler>().toEqualTypeOf<(request: Request) => Promise<Response>>()
})

test('authenticate may answer synchronously or asynchronously, with nobody', () => {
  expectTypeOf<() => Actor>().toExtend<HttpHandlerOptions['authenticate']>()
  expectTypeOf<() => Promise<Actor | null>>().toExtend<HttpHandlerOptions['authenticate']>()
  expectTypeOf<() => undefined>().toExtend<HttpHandlerOptions['authenticate']>()
  expectTypeOf<() => string>().not.toExtend<HttpHandlerOptions['authenticate']>()
})

test('the node listener plugs into node:http', () => {
  expectTypeOf(toNodeListener).returns.toExtend<RequestListener>()
})

test('every service error code is a problem code', () => {
  expectTypeOf<ExperimentErrorCode>().toExtend<ProblemCode>()
})

test('openApiDocument takes optional options', () => {
  expectTypeOf(openApiDocument).parameter(0).toEqualTypeOf<OpenApiDocumentOptions | undefined>()
  expectTypeOf<{ basePath: string; servers: { url: string }[] }>().toExtend<OpenApiDocumentOptions>()
})

test('the transport options: CORS and the body limit', () => {
  expectTypeOf<{ cors: { origin: string[]; credentials: true; maxAge: number } }>().toExtend<
    Partial<HttpHandlerOptions>
  >()
  expectTypeOf<{ cors: { origin: (origin: string) => boolean } }>().toExtend<Partial<HttpHandlerOptions>>()
  expectTypeOf<{ maxBodyBytes: number }>().toExtend<Partial<HttpHandlerOptions>>()
  expectTypeOf<{ cors: { credentials: true } }>().not.toExtend<Partial<HttpHandlerOptions>>()
})

test('the node listener is an Express middleware, with an optional fallthrough', () => {
  const listener = toNodeListener(createHttpHandler({ service: {} as never, authenticate: () => null }), {
    fallthrough: false,
  })
  expectTypeOf(listener).toExtend<RequestHandler>()
  expectTypeOf(toNodeListener).parameter(1).toEqualTypeOf<NodeListenerOptions | undefined>()
})
