// `@x/wx-audit-middleware/wire`: the wire format as pure functions, shared with the fixtures package so
// that building and verifying a request have one implementation, held honest by the published vectors.
export { sha1Signature, pushSignature, messageSignature, safeEqual } from './signature.js';
export { decodeAesKey, encryptMessage, decryptMessage } from './message-crypto.js';
export type { AesKey, EncryptInput, DecryptedMessage } from './message-crypto.js';
export { buildEncryptedReply } from './encrypted-reply.js';
export type { EncryptedReply, EncryptedReplyInput } from './encrypted-reply.js';
export { parseXml, buildXml } from './xml.js';
export type { XmlObject, XmlValue, XmlInput, XmlInputObject } from './xml.js';
export { parseJson, stringifyJson } from './json.js';
export { APIV3_SCHEME, APIV3_PROBE_PREFIX, isApiv3Authorization, parseApiv3Authorization, formatApiv3Authorization, apiv3Message, signApiv3, verifyApiv3 } from './apiv3-signature.js';
export type { Apiv3Authorization, Apiv3MessageInput } from './apiv3-signature.js';
export { APIV3_RESPONSE_HEADERS, apiv3ResponseMessage, signApiv3Response, checkApiv3Response } from './apiv3-response.js';
export type { Apiv3ResponseSigner, Apiv3ResponseCheck, Apiv3ResponseVerdict } from './apiv3-response.js';
