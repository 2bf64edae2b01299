// What the WeCom and Official Account server APIs share: JSON over HTTPS answered with an
// errcode, and every way a call can fail classified for the caller (retry later, give up,
// or stop: misconfigured) — the kinds the outbox acts on.
import type { AxiosInstance } from "axios";

export type FailureKind = "retryable" | "permanent" | "config";

export type Json = Record<string, unknown>;

export class WeixinApiError extends Error {
  constructor(
    readonly kind: FailureKind,
    /** The errcode as a string, or `network` / `http_<status>` / a client-side code. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface JsonApiRequest {
  method: "GET" | "POST";
  path: string;
  params: Json;
  body?: Json | Buffer;
  headers?: Record<string, string>;
}

/** One call: the JSON answer when errcode is 0 (or absent), otherwise the error made by
 * `makeError` — network failures, 5xx and 429 retryable, other HTTP statuses and non-JSON
 * answers permanent, errcodes as `kindOf` says. errmsg is for humans only. */
export async function callJsonApi<E extends WeixinApiError>(
  http: AxiosInstance,
  req: JsonApiRequest,
  kindOf: (errcode: number) => FailureKind,
  makeError: (kind: FailureKind, code: string, message: string) => E,
): Promise<Json> {
  const { method, path, params, body, headers } = req;
  let status: number;
  let data: unknown;
  try {
    const res = await http.request({ method, url: path, params, data: body, headers, validateStatus: () => true });
    status = res.status;
    data = res.data;
  } catch (e) {
    throw makeError("retryable", "network", `${path}: ${(e as Error).message}`);
  }
  if (status >= 500 || status === 429) throw makeError("retryable", `http_${status}`, `${path}: HTTP ${status}`);
  if (status !== 200 || data === null || typeof data !== "object") {
    throw makeError("permanent", `http_${status}`, `${path}: HTTP ${status} with a non-JSON body`);
  }
  const json = data as Json;
  const code = Number(json["errcode"] ?? 0);
  if (code === 0) return json;
  throw makeError(kindOf(code), String(code), `${path}: errcode ${code} ${String(json["errmsg"] ?? "")}`.trim());
}
