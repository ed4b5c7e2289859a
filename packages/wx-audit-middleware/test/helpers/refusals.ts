import type { Response } from 'supertest';
import { expect } from 'vitest';
import type { RejectedEvent, WxAudit } from '../../src/index.js';
import { AES_KEY, OLD_AES_KEY, TOKEN } from './push.js';

/** Strings that must never appear in a refusal: the secrets, and content only decryption reveals. */
export const SECRETS = [TOKEN, AES_KEY, OLD_AES_KEY, '绑定视频号', 'oMKbH5MtRalx0-1bIdmAuduh'];

/** Collects every `rejected` event and every listener call, so a test can assert that nothing was dispatched. */
export function watch(audit: WxAudit) {
  const rejected: RejectedEvent[] = [];
  const dispatched: string[] = [];
  audit.on('rejected', (e) => void rejected.push(e));
  audit.on('sceneAudit', (e) => void dispatched.push(e.type));
  audit.on('message', (e) => void dispatched.push(e.type));
  return { rejected, dispatched };
}

/** A refusal: its status, one `rejected` with the same code and status, nothing dispatched, no secret anywhere. */
export function expectRefused(seen: ReturnType<typeof watch>, res: Response, status: number, code: string): void {
  expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status, body: { code } });
  expect(seen.rejected).toHaveLength(1);
  expect(seen.rejected[0]).toMatchObject({ type: 'rejected', code, status });
  expect(seen.dispatched).toEqual([]);
  for (const secret of SECRETS) {
    expect(res.text).not.toContain(secret);
    expect(seen.rejected[0]!.message).not.toContain(secret);
  }
}
