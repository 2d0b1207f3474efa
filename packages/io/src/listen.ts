// Listening on a port the user chose: a port in use, a host that is not this machine's, a port that needs
// privileges are the user's input, said naming the flag (exit 2); anything else is a fault of ours.
import type { Server } from 'node:net';

/** A port or address the server cannot listen on, naming the flag it came from; exit code 2. */
export class ListenError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly flag: '--port' | '--host',
    readonly detail: string,
  ) {
    super(`${flag}: ${detail}`);
    this.name = 'ListenError';
  }
}

/** Starts `server` listening on `host:port` (port 0: any free one); resolves with the port it got. */
export async function listenOn(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const refuse = (err: NodeJS.ErrnoException): void => {
      if (err.code === 'EADDRINUSE') reject(new ListenError('--port', `${host}:${port} is in use; choose another port, or --port 0 for any free one`));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') reject(new ListenError('--host', `'${host}' is not an address of this machine`));
      else if (err.code === 'EACCES') reject(new ListenError('--port', `${port} needs privileges this user lacks; choose a port above 1023`));
      else reject(err);
    };
    server.once('error', refuse);
    server.listen(port, host, () => {
      server.off('error', refuse);
      resolve();
    });
  });
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : port;
}
