import { connect, type Socket } from 'node:net';
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/test-app';

// Slow and idle clients cannot hold connections: a socket that sends nothing is closed after
// HTTP_HEADERS_TIMEOUT_MS, a body sent a byte at a time after HTTP_REQUEST_TIMEOUT_MS, an idle
// keep-alive connection after HTTP_KEEP_ALIVE_TIMEOUT_MS, and beyond HTTP_MAX_CONNECTIONS a new
// connection is closed at once; ordinary requests are answered meanwhile.

function open(app: TestApp): Promise<Socket> {
  const { port } = new URL(app.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

/** Resolves when the server has closed `socket`, or rejects after `ms`. */
function closedWithin(socket: Socket, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.destroyed || socket.readableEnded) return resolve();
    const timer = setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    socket.once('close', done);
    socket.once('end', done);
    socket.resume();
  });
}

describe('HTTP connections are bounded: slow, idle and surplus clients are closed', function () {
  this.timeout(60_000);
  let app: TestApp;

  before(async () => {
    app = await startTestApp({ HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '500', HTTP_MAX_CONNECTIONS: '60' });
  });
  after(() => app?.close());

  it('closes sockets that send nothing, bodies sent a byte at a time and idle keep-alive connections, while answering others', async () => {
    const idle = await Promise.all(Array.from({ length: 20 }, () => open(app)));
    const slow = await Promise.all(Array.from({ length: 5 }, () => open(app)));
    const drip: NodeJS.Timeout[] = [];
    for (const socket of slow) {
      socket.on('error', () => undefined);
      socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nAuthorization: Bearer ${app.tokens.viewer}\r\n\r\n{`);
      drip.push(setInterval(() => socket.writable && socket.write(' '), 200));
    }
    // A client that asked once and keeps its connection open.
    const keptAlive = await open(app);
    keptAlive.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    await new Promise((resolve) => keptAlive.once('data', resolve));
    try {
      // Ordinary requests are answered while the others hold their sockets.
      for (let i = 0; i < 5; i++) {
        const res = await app.gql(`{ stakeholders { totalCount } }`, undefined, app.tokens.viewer);
        expect(res.data?.stakeholders.totalCount).to.equal(0);
      }
      await Promise.all([...idle, ...slow, keptAlive].map((s) => closedWithin(s, 10_000)));
    } finally {
      drip.forEach(clearInterval);
      for (const s of [...idle, ...slow, keptAlive]) s.destroy();
    }
    // And the server still answers.
    expect((await fetch(`${app.url}healthz`)).status).to.equal(200);
  });

  it('closes a connection beyond HTTP_MAX_CONNECTIONS at once, and accepts again when there is room', async () => {
    const held = await Promise.all(Array.from({ length: 60 }, () => open(app)));
    try {
      const surplus = await open(app);
      await closedWithin(surplus, 2_000);
    } finally {
      for (const s of held) s.destroy();
    }
    await new Promise((r) => setTimeout(r, 100));
    expect((await fetch(`${app.url}healthz`)).status).to.equal(200);
  });
});
