import { createClient } from 'redis';

export type TestRedisClient = ReturnType<typeof createClient>;

/**
 * A node-redis v5 client that reconnects fast (the outage tests restart the server) and keeps
 * connection errors quiet: without an 'error' listener a dropped connection would crash jest.
 */
export async function connectRedis(url: string): Promise<TestRedisClient> {
  const client = createClient({
    url,
    socket: { reconnectStrategy: () => 50, connectTimeout: 1000 },
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}
