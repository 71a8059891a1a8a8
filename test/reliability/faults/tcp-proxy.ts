import { connect, createServer, type Server, type Socket } from 'node:net'

/**
 * A TCP proxy on 127.0.0.1 in front of a loopback server, that a test can stop (the database
 * becomes unreachable: listener closed, every connection cut) and start again on the same port.
 */
export interface TcpProxy {
  readonly port: number
  /** Connections the proxy has cut so far. */
  readonly cut: number
  stop(): Promise<void>
  start(): Promise<void>
  /** Cuts every open connection but keeps accepting new ones. */
  cutAll(): void
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>()
  let cut = 0
  let server: Server | null = null
  let port = 0

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer((client) => {
        const upstream = connect(targetPort, '127.0.0.1')
        for (const socket of [client, upstream]) {
          sockets.add(socket)
          socket.on('close', () => sockets.delete(socket))
          socket.on('error', () => socket.destroy())
        }
        client.pipe(upstream)
        upstream.pipe(client)
        client.on('close', () => upstream.destroy())
        upstream.on('close', () => client.destroy())
      })
      next.once('error', reject)
      next.listen(port, '127.0.0.1', () => {
        const address = next.address()
        if (typeof address === 'object' && address !== null) port = address.port
        server = next
        resolve()
      })
    })

  const cutAll = () => {
    for (const socket of sockets) {
      cut++
      socket.destroy()
    }
    sockets.clear()
  }

  await listen()
  return {
    get port() {
      return port
    },
    get cut() {
      return cut
    },
    stop: async () => {
      const closing = server
      server = null
      cutAll()
      if (closing !== null) await new Promise<void>((resolve) => closing.close(() => resolve()))
    },
    start: () => (server !== null ? Promise.resolve() : listen()),
    cutAll,
  }
}
