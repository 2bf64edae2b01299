// Builds what WeCom would POST: the plaintext XML encrypted into an envelope, and the
// query string signed with the token. Used by tests, the replay script and the benchmark.
import { randomBytes } from "node:crypto";
import { encryptEnvelope, signature } from "../../src/channels/wecom/callback-crypto.ts";

export interface CallbackKeys {
  token: string;
  encodingAesKey: string;
  corpId: string;
}

export interface SignedCallback {
  query: { msg_signature: string; timestamp: string; nonce: string };
  path: string;
  body: string;
}

export function signCallback(keys: CallbackKeys, plaintextXml: string, at: Date, opts: { receiveId?: string } = {}): SignedCallback {
  const encrypted = encryptEnvelope(keys.encodingAesKey, plaintextXml, opts.receiveId ?? keys.corpId);
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const nonce = randomBytes(5).toString("hex");
  const msg_signature = signature(keys.token, timestamp, nonce, encrypted);
  const query = { msg_signature, timestamp, nonce };
  return {
    query,
    path: `?${new URLSearchParams(query).toString()}`,
    body: `<xml><ToUserName><![CDATA[${keys.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`,
  };
}

export function textMessageXml(o: { from: string; content: string; msgId: string; createTime: number; corpId: string }): string {
  return `<xml><ToUserName><![CDATA[${o.corpId}]]></ToUserName><FromUserName><![CDATA[${o.from}]]></FromUserName><CreateTime>${o.createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${o.content}]]></Content><MsgId>${o.msgId}</MsgId><AgentID>1000002</AgentID></xml>`;
}
