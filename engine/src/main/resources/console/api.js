// The tenant API, called with the session cookie; every change carries the session's CSRF token.

let session = null;

export function useSession(s) {
  session = s;
}

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/** Calls the API; resolves to the parsed JSON (or null for an empty answer), rejects with an ApiError. */
export async function api(method, path, body) {
  const headers = {Accept: 'application/json'};
  if (method !== 'GET' && session) headers[session.csrfHeader] = session.csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(path, {method, headers, credentials: 'same-origin', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body)});
  const text = await r.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = {error: text}; }
  if (r.status === 401 && session) {
    location.assign(`/console/${encodeURIComponent(session.tenant)}/login?reason=expired`);
  }
  if (!r.ok) throw new ApiError(r.status, json);
  return json;
}

/** Whether the person may do what {@code scope} allows (Admin, Tickets, Read). */
export function can(...scopes) {
  return !!session && scopes.some(s => session.scopes.includes(s));
}

export function me() {
  return session;
}
