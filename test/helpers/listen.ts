/**
 * Every local test server listens the same way: on 127.0.0.1, a free port, and closes at once,
 * connections and all (a keep-alive client would otherwise hold `close()` open for seconds).
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Listening {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  close(): Promise<void>
}

export const listenLocal = async (server: Server): Promise<Listening> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
