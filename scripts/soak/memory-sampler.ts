/** One memory sample of a process, MiB, `t` seconds after the run started. */
export interface MemorySample {
  t: number;
  pid: number;
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
}

export interface Sampled {
  name: string;
  pid: () => number | undefined;
  /** Undefined when the process cannot answer (killed, not started again yet). */
  memory: () => Promise<NodeJS.MemoryUsage | undefined>;
}

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** Samples every process of `targets()` each `periodMs`; `stop()` takes a last sample and returns the series by name. */
export function sampleMemory(targets: () => Sampled[], periodMs: number, t0: number) {
  const series: Record<string, MemorySample[]> = {};
  const take = async () => {
    const t = Math.round((performance.now() - t0) / 100) / 10;
    await Promise.all(
      targets().map(async (target) => {
        const usage = await target.memory();
        const pid = target.pid();
        if (!usage || pid === undefined) return;
        (series[target.name] ??= []).push({ t, pid, rssMiB: mib(usage.rss), heapUsedMiB: mib(usage.heapUsed), heapTotalMiB: mib(usage.heapTotal) });
      }),
    );
  };
  let pending = take();
  const timer = setInterval(() => {
    pending = pending.then(take);
  }, periodMs);
  return {
    async stop(): Promise<Record<string, MemorySample[]>> {
      clearInterval(timer);
      await pending.then(take);
      return series;
    },
  };
}
