// The HTTP client: adds the bearer token, turns every failure into an ApiError with the
// server's stable code, and reports a rejected token so the app can log the device out.

/** A refusal from the server (its error contract) or a failure to reach it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Everything else the error body said (triesLeft, retryAfterSeconds, limitCents ...). */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Codes the client makes up itself, for failures that never produced an error body. */
export const CLIENT_ERROR_CODES = ['network_error', 'unexpected_response'] as const;

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: Fetch;
  token: () => string | null;
  /** Called when the server rejects the token this client sent (revoked or unknown). */
  onUnauthenticated?: () => void;
  /** How long a request may take (uploads get four times as long); 30 s unless set. */
  requestTimeoutMillis?: number;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** How long a request may take before it counts as a network failure. */
const REQUEST_TIMEOUT_MILLIS = 30_000;

export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: Fetch;

  constructor(private readonly options: ApiClientOptions) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  get<T>(path: string): Promise<T> {
    return this.json<T>('GET', path);
  }

  post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    return this.json<T>('POST', path, body, headers);
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.json<T>('PUT', path, body);
  }

  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.json<T>('PATCH', path, body);
  }

  delete<T>(path: string, body?: unknown): Promise<T> {
    return this.json<T>('DELETE', path, body);
  }

  /** Uploads raw bytes (application/octet-stream) and reads the JSON answer. */
  async upload<T>(path: string, bytes: Uint8Array): Promise<T> {
    const response = await this.send('POST', path, { raw: bytes, large: true });
    try {
      return (await response.json()) as T;
    } catch {
      throw new ApiError(response.status, 'unexpected_response', 'The server sent a body that is not JSON.');
    }
  }

  /** A binary resource (an image) as a Blob, with the same authentication and errors. */
  async blob(path: string): Promise<Blob> {
    const response = await this.send('GET', path, { large: true });
    return response.blob();
  }

  private async json<T>(
    method: Method,
    path: string,
    body?: unknown,
    extraHeaders?: Record<string, string>,
  ): Promise<T> {
    const response = await this.send(method, path, { body, extraHeaders });
    if (response.status === 204) return undefined as T;
    try {
      return (await response.json()) as T;
    } catch {
      throw new ApiError(response.status, 'unexpected_response', 'The server sent a body that is not JSON.');
    }
  }

  /** `large`: an attachment's upload or download, given four times as long. */
  private async send(
    method: Method,
    path: string,
    {
      body,
      extraHeaders,
      raw,
      large = false,
    }: { body?: unknown; extraHeaders?: Record<string, string>; raw?: Uint8Array; large?: boolean },
  ): Promise<Response> {
    const headers: Record<string, string> = { ...extraHeaders, Accept: 'application/json' };
    const token = this.options.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (raw !== undefined) headers['Content-Type'] = 'application/octet-stream';
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, {
        method,
        headers,
        body:
          raw !== undefined ? (raw as Uint8Array<ArrayBuffer>) : body === undefined ? undefined : JSON.stringify(body),
        // Covers reading the body too.
        signal: AbortSignal.timeout((this.options.requestTimeoutMillis ?? REQUEST_TIMEOUT_MILLIS) * (large ? 4 : 1)),
      });
    } catch (cause) {
      throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : String(cause));
    }
    if (response.ok) return response;
    const error = await toApiError(response);
    if (response.status === 401 && token) this.options.onUnauthenticated?.();
    throw error;
  }
}

/** Reads the error contract {"error":{"code","message","field"}}; anything else keeps the status. */
export async function toApiError(response: Response): Promise<ApiError> {
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    parsed = undefined;
  }
  const error = (parsed as { error?: unknown } | undefined)?.error;
  if (error && typeof error === 'object') {
    const { code, message, field, ...details } = error as Record<string, unknown>;
    if (typeof code === 'string' && code.length > 0) {
      return new ApiError(
        response.status,
        code,
        typeof message === 'string' ? message : code,
        typeof field === 'string' ? field : undefined,
        details,
      );
    }
  }
  return new ApiError(response.status, 'unexpected_response', `HTTP ${response.status}`);
}
