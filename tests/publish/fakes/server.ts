import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a fake server saw it: enough for tests to check what a client sent. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export type Handler = (request: SeenRequest, response: ServerResponse, raw: IncomingMessage) => void | Promise<void>;

export interface FakeServer {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** A local HTTP server on a random port of 127.0.0.1 that records every request. */
export async function startServer(handler: Handler): Promise<FakeServer> {
  const requests: SeenRequest[] = [];
  const server = createServer(async (raw, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of raw) chunks.push(chunk as Buffer);
    const request: SeenRequest = {
      method: raw.method ?? 'GET',
      path: raw.url ?? '/',
      headers: raw.headers,
      body: Buffer.concat(chunks),
    };
    requests.push(request);
    try {
      await handler(request, response, raw);
    } catch (error) {
      if (!response.headersSent) json(response, 500, { error: String(error) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

/** Parses a multipart/form-data or JSON body the way a server framework would. */
export async function formOf(request: SeenRequest): Promise<FormData> {
  return new Response(new Uint8Array(request.body), {
    headers: { 'Content-Type': String(request.headers['content-type']) },
  }).formData();
}

export function jsonOf<T = Record<string, unknown>>(request: SeenRequest): T {
  return JSON.parse(request.body.toString('utf8')) as T;
}

/**
 * The fields of a multipart/form-data body as bytes (RFC 7578). FormData turns a part without a
 * filename into text, which mangles binary data sent that way (twitter-api-v2 sends media chunks so).
 */
export function multipartOf(request: SeenRequest): Map<string, Buffer> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(String(request.headers['content-type']));
  const fields = new Map<string, Buffer>();
  if (!boundary) return fields;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const body = request.body;
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const name = /name="([^"]*)"/.exec(part.subarray(0, split).toString('utf8'))?.[1];
    if (name !== undefined && split !== -1) fields.set(name, Buffer.from(part.subarray(split + 4)));
    start = next;
  }
  return fields;
}
