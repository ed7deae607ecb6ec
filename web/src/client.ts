/**
 * The web app's one way to the API. Every request names the web app as its channel (the audit log
 * records it), every request that changes something carries the session's CSRF token, and the
 * answers every page must treat alike are treated here: 401 sends the user to sign in, 403 says
 * the user's roles do not allow it, and a CSRF token gone stale is refreshed once.
 */
import i18n from './i18n.ts';
import { navigate } from './router.tsx';
import { csrfToken, sessionEnded, setSession, type SessionAnswer } from './session.ts';

export const API = '/api/v1';

export interface FieldError { field: string; code: string; message: string }

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** An error answer of the API: its code, its message and the fields it names. */
export class RequestError extends ApiError {
  constructor(status: number, message: string, readonly code: string, readonly errors: FieldError[],
    readonly details: Record<string, unknown> | undefined, readonly retryAfterSeconds: number | null = null) {
    super(status, message);
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** The headers every request of the web app carries. */
export function clientHeaders(method: Method): Record<string, string> {
  const headers: Record<string, string> = { 'x-refuge-client': 'web' };
  const csrf = csrfToken();
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  return headers;
}

/** Where the sign-in page sends the user back to: the page they were on. */
export function signInUrl(next = window.location.pathname + window.location.search): string {
  return next && next !== '/' && !next.startsWith('/sign-in') ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';
}

const isAuthRoute = (url: string) => url.startsWith(`${API}/auth/`);

async function errorOf(res: Response): Promise<RequestError> {
  let message = `${res.status} ${res.statusText}`;
  let code = 'http_error';
  let errors: FieldError[] = [];
  let details: Record<string, unknown> | undefined;
  try {
    const json = (await res.json()) as { code?: string; message?: string; errors?: FieldError[]; details?: Record<string, unknown> };
    if (json.message) message = json.message;
    if (json.code) code = json.code;
    if (Array.isArray(json.errors)) errors = json.errors;
    details = json.details;
  } catch {
    // Not JSON: keep the status line.
  }
  const retry = Number(res.headers.get('retry-after'));
  const retryAfter = Number.isFinite(retry) && retry > 0 ? retry : null;
  if (res.status === 403 && code === 'forbidden') message = i18n.t('Your roles do not allow this.');
  if (res.status === 401 && code === 'not_signed_in') message = i18n.t('Your session has ended: sign in again.');
  return new RequestError(res.status, message, code, errors, details, retryAfter);
}

/** The session is gone (expired, signed out elsewhere): forget it and ask the user to sign in again. */
function signInAgain(): void {
  sessionEnded();
  if (window.location.pathname.startsWith('/work')) navigate(signInUrl());
}

async function send(method: Method, url: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { accept, ...clientHeaders(method) };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  try {
    return await fetch(url, {
      method, headers, credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new RequestError(0, i18n.t('The server could not be reached.'), 'network_error', [], undefined);
  }
}

/** Sends one request and answers the response, or throws a RequestError (after the uniform handling). */
async function exchange(method: Method, url: string, options: RequestOptions, accept: string): Promise<Response> {
  let res = await send(method, url, options, accept);
  if (res.status === 403 && method !== 'GET') {
    const err = await errorOf(res.clone());
    // The token changed (signed in again in another tab): take the current one and try once more.
    if (err.code === 'csrf_token_invalid' && await refreshSession()) res = await send(method, url, options, accept);
  }
  if (res.ok) return res;
  const err = await errorOf(res);
  if (res.status === 401 && !isAuthRoute(url)) signInAgain();
  throw err;
}

export async function request<T>(method: Method, url: string, options: RequestOptions = {}): Promise<T> {
  const res = await exchange(method, url, options, 'application/json');
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  return request<T>('GET', url, signal ? { signal } : {});
}

export function postJson<T>(url: string, body: unknown, idempotencyKey?: string): Promise<T> {
  return request<T>('POST', url, { body, ...(idempotencyKey ? { idempotencyKey } : {}) });
}

export function putJson<T>(url: string, body: unknown): Promise<T> {
  return request<T>('PUT', url, { body });
}

export function patchJson<T>(url: string, body: unknown): Promise<T> {
  return request<T>('PATCH', url, { body });
}

/** The current session from the server; false when there is none. */
export async function refreshSession(): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      setSession(await request<SessionAnswer>('GET', `${API}/auth/session`));
      return true;
    } catch (err) {
      // Rate-limited: whether someone is signed in is still unknown, so ask again when allowed (once).
      if (err instanceof RequestError && err.status === 429 && attempt === 0) {
        await new Promise((resolve) => window.setTimeout(resolve, Math.min(err.retryAfterSeconds ?? 5, 60) * 1000));
        continue;
      }
      // No session (401), or none to be had: the workbench asks to sign in.
      sessionEnded();
      return false;
    }
  }
}

/**
 * Downloads a file (a CSV export) through this client, so the request carries the channel and is
 * audited as the web app's; the browser then saves it under the server's file name.
 */
export async function download(url: string, fallbackName: string): Promise<void> {
  const res = await exchange('GET', url, {}, '*/*');
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** Sends a file with XMLHttpRequest (fetch cannot report upload progress), with the same headers. */
export function upload(url: string, file: File, contentType: string, onProgress: (fraction: number) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', contentType);
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(clientHeaders('POST'))) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let body: { code?: string; message?: string; errors?: FieldError[] } = {};
      try { body = JSON.parse(xhr.responseText) as typeof body; } catch { body = { message: xhr.responseText }; }
      if (xhr.status >= 200 && xhr.status < 300) { resolve(body); return; }
      if (xhr.status === 401) signInAgain();
      const message = xhr.status === 403 && body.code === 'forbidden' ? i18n.t('Your roles do not allow this.') : body.message ?? `${xhr.status}`;
      reject(new RequestError(xhr.status, message, body.code ?? 'http_error', body.errors ?? [], undefined));
    };
    xhr.onerror = () => reject(new RequestError(0, i18n.t('The server could not be reached.'), 'network_error', [], undefined));
    xhr.send(file);
  });
}

const cache = new Map<string, Promise<unknown>>();

/** Reference data and definitions change rarely: fetched once per page load. */
export function getCached<T>(url: string): Promise<T> {
  let p = cache.get(url);
  if (!p) {
    p = getJson<T>(url).catch((err: unknown) => {
      cache.delete(url);
      throw err;
    });
    cache.set(url, p);
  }
  return p as Promise<T>;
}
