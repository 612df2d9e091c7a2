/* The one door to the Abdi API (/api/v1) for every page. It sends the HttpOnly session
 * cookie (same origin), adds the CSRF token to state-changing requests, turns error
 * bodies {"error":{code,message,field}} into ApiError, and reports a session that ended
 * (401 while logged in) to the app. The CSRF token lives only in this module's memory:
 * never in localStorage, sessionStorage, cookies or the DOM. */

const BASE = '/api/v1';

let csrfToken = null;      /* non-null exactly while logged in */
let sessionLostHandler = null;

export class ApiError extends Error {
    constructor(status, code, message, field, retryAfterSeconds) {
        super(message);
        this.name = 'ApiError';
        this.status = status;          /* 0 when the server could not be reached */
        this.code = code;              /* stable English slug from the server */
        this.field = field || null;    /* JSON field at fault, when the server names one */
        this.retryAfterSeconds = retryAfterSeconds || null;
        this.body = null;              /* the server's error object, with any extra members */
    }
}

/* Called by the app after a login or a successful GET /auth/me. */
export function startSession(token) {
    csrfToken = typeof token === 'string' && token ? token : null;
}

/* Forget the token (logout, ended session). */
export function endSession() {
    csrfToken = null;
}

export function isLoggedIn() {
    return csrfToken !== null;
}

/* fn() runs once when a request made while logged in answers 401. */
export function onSessionLost(fn) {
    sessionLostHandler = fn;
}

const STATUS_MESSAGES = {
    400: 'Permintaan tidak dapat diproses.',
    401: 'Anda perlu masuk terlebih dahulu.',
    403: 'Anda tidak berwenang melakukan tindakan ini.',
    404: 'Data tidak ditemukan.',
    409: 'Data telah berubah. Muat ulang halaman lalu coba lagi.',
    413: 'Data yang dikirim terlalu besar.',
    422: 'Data yang diisi belum benar.',
    429: 'Terlalu banyak permintaan. Tunggu sebentar, lalu coba lagi.',
    503: 'Layanan sedang tidak tersedia. Coba lagi beberapa saat lagi.',
};

function fallbackMessage(status) {
    return STATUS_MESSAGES[status] ||
           (status >= 500 ? 'Terjadi kesalahan pada server (' + status + '). Coba lagi nanti.'
                          : 'Permintaan gagal (' + status + ').');
}

async function send(method, path, body, signal, rawType) {
    const headers = {Accept: 'application/json'};
    const init = {method, headers, credentials: 'same-origin', cache: 'no-store',
                  redirect: 'error', signal};
    if (rawType !== undefined) {            /* an upload: the bytes as they are */
        if (rawType)
            headers['Content-Type'] = rawType;
        init.body = body;
    } else if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }
    if (method !== 'GET' && method !== 'HEAD' && csrfToken)
        headers['X-CSRF-Token'] = csrfToken;
    try {
        return await fetch(BASE + path, init);
    } catch (e) {
        if (e && e.name === 'AbortError')
            throw e;
        throw new ApiError(0, 'network',
                           'Tidak dapat terhubung ke server. Periksa koneksi internet Anda, lalu coba lagi.');
    }
}

async function readJson(res) {
    const type = res.headers.get('Content-Type') || '';
    if (!type.includes('json'))
        return null;
    try {
        return await res.json();
    } catch {
        return null;
    }
}

/* api(method, path, {body, signal, sessionCheck, rawType}) → parsed JSON, or null for 204.
 * Throws ApiError. sessionCheck=false keeps a 401 from counting as "session ended"
 * (login and logout use it). rawType: send body (a File/Blob) as is with this Content-Type. */
export async function api(method, path, opts = {}) {
    const {body, signal, sessionCheck = true, rawType} = opts;
    let res = await send(method, path, body, signal, rawType);
    let data = await readJson(res);

    /* A stale token (the server rotated it) gets one refresh and one retry. */
    if (res.status === 403 && data && data.error && data.error.code === 'csrf_failed' &&
        csrfToken && method !== 'GET') {
        const me = await send('GET', '/auth/me', undefined, signal);
        const meData = await readJson(me);
        if (me.ok && meData && meData.csrf_token) {
            csrfToken = meData.csrf_token;
            res = await send(method, path, body, signal, rawType);
            data = await readJson(res);
        }
    }
    if (res.ok)
        return res.status === 204 ? null : data;

    const err = (data && data.error) || {};
    const retry = parseInt(res.headers.get('Retry-After') || '', 10);
    const e = new ApiError(res.status, err.code || 'http_' + res.status,
                           err.message || fallbackMessage(res.status), err.field,
                           Number.isFinite(retry) && retry > 0 ? retry : null);
    e.body = err;
    if (res.status === 401 && sessionCheck && csrfToken !== null) {
        csrfToken = null;
        if (sessionLostHandler)
            sessionLostHandler();
    }
    throw e;
}

export const get = (path, opts) => api('GET', path, opts);
export const post = (path, body, opts) => api('POST', path, {...opts, body});
export const put = (path, body, opts) => api('PUT', path, {...opts, body});
export const patch = (path, body, opts) => api('PATCH', path, {...opts, body});
export const del = (path, opts) => api('DELETE', path, opts);

/* Build "?a=1&b=2" from an object, skipping empty values. */
export function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {}))
        if (v !== undefined && v !== null && v !== '')
            q.set(k, String(v));
    const s = q.toString();
    return s ? '?' + s : '';
}

/* POST a raw body (a document's bytes, a CSV file or text) with upload progress: fetch cannot
 * report upload progress, XMLHttpRequest can. onProgress(loaded, total) while the body is sent
 * (total 0 when unknown); onSent() once it is all sent and the server is working. → parsed
 * JSON; throws ApiError like api(). */
export function upload(path, body, contentType, {onProgress, onSent} = {}) {
    return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', BASE + path);
        xhr.setRequestHeader('Content-Type', contentType);
        xhr.setRequestHeader('Accept', 'application/json');
        if (csrfToken)
            xhr.setRequestHeader('X-CSRF-Token', csrfToken);
        xhr.upload.onprogress = (ev) => {
            if (onProgress)
                onProgress(ev.loaded, ev.lengthComputable ? ev.total : 0);
        };
        xhr.upload.onload = () => {
            if (onSent)
                onSent();
        };
        xhr.onerror = () => reject(new ApiError(0, 'network',
            'Tidak dapat terhubung ke server. Periksa koneksi internet Anda, lalu coba lagi.'));
        xhr.onload = () => {
            let data = null;
            if ((xhr.getResponseHeader('Content-Type') || '').includes('json')) {
                try {
                    data = JSON.parse(xhr.responseText);
                } catch {
                    data = null;
                }
            }
            if (xhr.status >= 200 && xhr.status < 300) {
                resolve(data);
                return;
            }
            const err = (data && data.error) || {};
            if (xhr.status === 401 && csrfToken !== null) {
                csrfToken = null;
                if (sessionLostHandler)
                    sessionLostHandler();
            }
            const e = new ApiError(xhr.status, err.code || 'http_' + xhr.status,
                                   err.message || fallbackMessage(xhr.status), err.field);
            e.body = err;
            reject(e);
        };
        xhr.send(body);
    });
}
