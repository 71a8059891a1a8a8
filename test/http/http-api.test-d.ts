import type { RequestListener } from 'node:http'
import { expectTypeOf, test } from 'vitest'
import {
  createHttpHandler,
  openApiDocument,
  toNodeListener,
  type HttpHandler,
  type HttpHandlerOptions,
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
