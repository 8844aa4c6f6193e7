import { createServer, type RequestListener, type Server } from 'node:http';

/**
 * Serves a bench variant on 127.0.0.1 (`PORT`, default 0) and prints one JSON line,
 * `{"port":…}` plus whatever `announce` adds (a path, request headers), for bench/http.ts.
 * The process ends when the parent closes our stdin (its exit or crash) or sends a signal, so no
 * server outlives a run; it exits normally so that `node --cpu-prof` writes its profile.
 *
 * @example
 * ```ts
 * serve((_req, res) => res.end('ok'));
 * ```
 */
export function serve(
  listener: RequestListener,
  announce: (
    port: number,
  ) => Readonly<Record<string, unknown>> | Promise<Readonly<Record<string, unknown>>> = () => ({}),
): Server {
  const server = createServer(listener);
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('not a TCP server');
    const { port } = address;
    Promise.resolve(announce(port)).then(
      (extra) => process.stdout.write(`${JSON.stringify({ ...extra, port })}\n`),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
  const stop = (): void => {
    process.exit(0);
  };
  process.stdin.on('end', stop).resume();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return server;
}
