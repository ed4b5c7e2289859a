import { deliver, textPush, type Delivery } from './push.js';
import { sleep } from './redis-server.js';

export interface Delivered {
  id: string;
  /** Every attempt, `at` ms after the traffic started. */
  attempts: Array<Delivery & { at: number }>;
}

/**
 * `senders` loops delivering distinct text pushes (MsgIds from `firstId` up) over `urls` the way WeChat
 * does: a first attempt and up to 3 retries, 1 s apart, each on the next URL. `stop()` lets every push
 * under way finish its attempts and resolves with the log.
 */
export function wechatTraffic(urls: string[], firstId: number, senders = 8) {
  const log: Delivered[] = [];
  const t0 = performance.now();
  let sending = true;
  let next = 0;
  const running = Array.from({ length: senders }, async () => {
    while (sending) {
      const i = next++;
      const id = String(firstId + i);
      const push = textPush(id);
      const attempts: Delivered['attempts'] = [];
      for (let a = 0; a < 4; a++) {
        const answer = await deliver(urls[(i + a) % urls.length]!, push);
        attempts.push({ ...answer, at: performance.now() - t0 });
        if (answer.status === 200 && answer.body === 'success') break;
        await sleep(1000);
      }
      log.push({ id, attempts });
      await sleep(10);
    }
  });
  return {
    /** ms since the traffic started. */
    now: () => performance.now() - t0,
    async stop(): Promise<Delivered[]> {
      sending = false;
      await Promise.all(running);
      return log;
    },
  };
}

/** What a traffic log says about an outage that ended at `healthyAt` (ms on the traffic's clock). */
export function summarize(log: Delivered[], healthyAt: number) {
  const acknowledged = log.filter((e) => e.attempts.at(-1)?.status === 200);
  const refused = log.flatMap((e) => e.attempts).filter((a) => a.status === 503);
  return {
    acknowledged,
    unacknowledged: log.filter((e) => e.attempts.at(-1)?.status !== 200),
    refused: refused.length,
    slowestRefusalMs: Math.round(Math.max(0, ...refused.map((a) => a.ms))),
    // Attempts sent more than 500 ms after the cluster was healthy again and still refused.
    refusedAfter: refused.filter((a) => a.at - a.ms > healthyAt + 500).length,
  };
}
