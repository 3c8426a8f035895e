// A loopback HTTP proxy between the devices and the API that loses traffic on purpose: requests
// that never reach the server, requests that never get an answer, answers lost after the server
// committed, and — on request — a SIGKILL of the server right after it answered a write and before
// the answer reaches the device.
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';

export interface FaultRates {
  /** Request never forwarded; the connection is reset at once. */
  dropRequest: number;
  /** Request never forwarded nor answered: the device's own timeout has to give up on it. */
  hangRequest: number;
  /** Request forwarded (the server commits), answer thrown away and the connection reset. */
  dropResponse: number;
}

export interface ProxyStats {
  requests: number;
  writes: number;
  droppedRequests: number;
  hungRequests: number;
  droppedResponses: number;
  killsAfterCommit: number;
  /** The server could not be reached (down, restarting, killed mid-request). */
  upstreamErrors: number;
  /** Answers with status 5xx. */
  serverErrors: number;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade']);

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export class FaultProxy {
  readonly stats: ProxyStats = {
    requests: 0,
    writes: 0,
    droppedRequests: 0,
    hungRequests: 0,
    droppedResponses: 0,
    killsAfterCommit: 0,
    upstreamErrors: 0,
    serverErrors: 0,
  };
  /** Faults happen only while this is true (off for setup and the final reconciliation). */
  faulty = false;
  /** The next this-many answered writes each SIGKILL the server before their answer is passed on. */
  killsAfterCommitWanted = 0;
  /** The answers to the next this-many writes are lost after the server committed (faults on or off). */
  answersToLose = 0;

  #server: Server;
  #agent = new Agent({ keepAlive: true, maxSockets: 32 });
  #sockets = new Set<Socket>();
  #upstreamPort: number;
  #random: () => number;
  #rates: FaultRates;
  #killAfterCommit: () => Promise<void>;

  constructor(options: {
    upstreamPort: number;
    random: () => number;
    rates: FaultRates;
    /** Kills the server and starts it again; resolves once it is back. */
    killAfterCommit: () => Promise<void>;
  }) {
    this.#upstreamPort = options.upstreamPort;
    this.#random = options.random;
    this.#rates = options.rates;
    this.#killAfterCommit = options.killAfterCommit;
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve) => {
      this.#server.listen(0, '127.0.0.1', () => {
        const address = this.#server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    this.#agent.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    this.stats.requests++;
    const isWrite = /"query"\s*:\s*"mutation Outbox/.test(body.toString('utf8'));
    if (isWrite) this.stats.writes++;

    if (this.faulty) {
      const r = this.#random();
      if (r < this.#rates.dropRequest) {
        this.stats.droppedRequests++;
        req.socket.destroy();
        return;
      }
      if (r < this.#rates.dropRequest + this.#rates.hangRequest) {
        // Never answered: the socket stays open until the device gives up (or the proxy closes).
        this.stats.hungRequests++;
        return;
      }
    }

    let upstream: Upstream;
    try {
      upstream = await this.#forward(req, body);
    } catch {
      this.stats.upstreamErrors++;
      req.socket.destroy();
      return;
    }
    if (upstream.status >= 500) this.stats.serverErrors++;

    if (isWrite && this.answersToLose > 0) {
      this.answersToLose--;
      this.stats.droppedResponses++;
      req.socket.destroy();
      return;
    }
    if (this.faulty && isWrite && this.killsAfterCommitWanted > 0) {
      // The server has answered, so the write is committed; the device never hears of it.
      this.killsAfterCommitWanted--;
      this.stats.killsAfterCommit++;
      req.socket.destroy();
      await this.#killAfterCommit();
      return;
    }
    if (this.faulty && this.#random() < this.#rates.dropResponse) {
      this.stats.droppedResponses++;
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(upstream.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    headers['content-length'] = String(upstream.body.length);
    res.writeHead(upstream.status, headers);
    res.end(upstream.body);
  }

  #forward(req: IncomingMessage, body: Buffer): Promise<Upstream> {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    headers['content-length'] = String(body.length);
    return new Promise((resolve, reject) => {
      const upstream = httpRequest(
        {
          host: '127.0.0.1',
          port: this.#upstreamPort,
          method: req.method,
          path: req.url,
          headers,
          agent: this.#agent,
        },
        (response) => {
          const parts: Buffer[] = [];
          response.on('data', (chunk: Buffer) => parts.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 502,
              headers: response.headers,
              body: Buffer.concat(parts),
            }),
          );
          response.on('error', reject);
          response.on('aborted', () => reject(new Error('upstream aborted')));
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }
}
