import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ListenError, listenOn } from './listen';

describe('listenOn', () => {
  it('resolves with the port it got, and refuses a port in use naming --port (exit code 2)', async () => {
    const first = createServer();
    const port = await listenOn(first, 0, '127.0.0.1');
    expect(port).toBeGreaterThan(0);
    const second = createServer();
    try {
      const refusal = await listenOn(second, port, '127.0.0.1').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(refusal).toBeInstanceOf(ListenError);
      expect((refusal as ListenError).exitCode).toBe(2);
      expect((refusal as ListenError).message).toBe(`--port: 127.0.0.1:${port} is in use; choose another port, or --port 0 for any free one`);
    } finally {
      first.close();
    }
  });

  it('refuses a host that is not an address of this machine, naming --host', async () => {
    // 192.0.2.0/24 is reserved for documentation: never an address of a real machine.
    const refusal = await listenOn(createServer(), 0, '192.0.2.1').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((refusal as Error).message).toBe(`--host: '192.0.2.1' is not an address of this machine`);
  });
});
