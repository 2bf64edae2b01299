// The WeChat Official Account (公众号) channel's settings, read from MP_* in src/config/env.ts.

export interface MpSettings {
  /** AppID (wx…): the receive id inside every safe-mode envelope, and the token's appid. */
  appId: string;
  appSecret: string;
  /** The Token from 服务器配置: signs every callback. */
  token: string;
  /** 43 characters; absent → 明文 (plain) mode, present → 安全 (safe) mode required. */
  encodingAesKey?: string;
  /** API host, e.g. https://api.weixin.qq.com (tests point it at 127.0.0.1). */
  apiBase: string;
}
