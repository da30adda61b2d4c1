import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP relay to the host that can drop every connection: "the network is down" without stopping the host. */
export interface SwitchableProxy {
  url: string;
  down(): void;
  up(): void;
  close(): Promise<void>;
}

/** Starts the relay on a free loopback port in front of `target` (http://127.0.0.1:PORT). */
export async function startSwitchableProxy(target: string): Promise<SwitchableProxy> {
  const { hostname, port } = new URL(target);
  let online = true;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (!online) {
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    down() {
      online = false;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    up() {
      online = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
