import { randomUUID } from 'node:crypto';
import type { Answer } from './inbound-request.js';
import { signApiv3Response } from '../wire/apiv3-response.js';
import type { PayReplyKey } from './pay-reply-key.js';

/**
 * Signs an answer to an info-update notification with the receiver's own key (`payReplyKey`), as
 * every APIv3 answer is signed: success and refusals alike, since an SDK reading a refusal verifies
 * it too before trusting its code. The `Request-ID` lets both sides name one exchange in their logs.
 */
export function signInfoUpdateAnswer(answer: Answer, key: PayReplyKey | undefined, nowMs: number): Answer {
  if (!key) return answer;
  const signed = signApiv3Response(key, answer.body, Math.floor(nowMs / 1000));
  return { ...answer, headers: { ...answer.headers, ...signed, 'request-id': randomUUID() } };
}
