import { encryptMessage, type AesKey } from './message-crypto.js';
import { messageSignature } from './signature.js';

export interface EncryptedReplyInput {
  aesKey: AesKey;
  token: string;
  receiveId: string;
  /** The reply's plaintext, XML or JSON. */
  message: string;
  timestamp: number | string;
  nonce: string;
  random?: Buffer;
}

/** The four fields of an encrypted passive reply; signed like msg_signature over the new `Encrypt`. */
export interface EncryptedReply {
  Encrypt: string;
  MsgSignature: string;
  TimeStamp: number;
  Nonce: string;
}

export function buildEncryptedReply(input: EncryptedReplyInput): EncryptedReply {
  const Encrypt = encryptMessage(input.aesKey, { message: input.message, receiveId: input.receiveId, random: input.random });
  const timestamp = String(input.timestamp);
  return {
    Encrypt,
    MsgSignature: messageSignature(input.token, timestamp, input.nonce, Encrypt),
    TimeStamp: Number(timestamp),
    Nonce: input.nonce,
  };
}
