import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { MeterProvider, MetricReader, type Histogram } from '@opentelemetry/sdk-metrics';

/** A reader that exports nowhere: the test calls collect() when it wants the figures. */
class CollectingReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

type Attributes = Record<string, unknown>;

/**
 * A real OpenTelemetry SDK (tracer and meter providers) recording into memory: spans through an
 * InMemorySpanExporter, metrics read on demand.
 */
export function createTestTelemetry() {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new CollectingReader();
  const meterProvider = new MeterProvider({ readers: [reader] });

  async function points(name: string): Promise<Array<{ attributes: Attributes; value: unknown }>> {
    const { resourceMetrics, errors } = await reader.collect();
    if (errors.length > 0) throw new AggregateError(errors, 'metric collection failed');
    const metric = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name);
    return (metric?.dataPoints ?? []).map((p) => ({ attributes: p.attributes, value: p.value }));
  }
  const matches = (attributes: Attributes, wanted: Attributes) => Object.entries(wanted).every(([k, v]) => attributes[k] === v);

  return {
    tracerProvider,
    meterProvider,
    tracer: tracerProvider.getTracer('wx-audit-test'),
    meter: meterProvider.getMeter('wx-audit-test'),
    /** Ended spans named `name`, oldest first. */
    spans: (name = 'wx-audit receive'): ReadableSpan[] => exporter.getFinishedSpans().filter((s) => s.name === name),
    /** A counter's total over the data points whose attributes include `wanted`. */
    async count(name: string, wanted: Attributes = {}): Promise<number> {
      return (await points(name)).filter((p) => matches(p.attributes, wanted)).reduce((sum, p) => sum + (p.value as number), 0);
    },
    /** A histogram's data point whose attributes include `wanted` (undefined when nothing was recorded). */
    async histogram(name: string, wanted: Attributes): Promise<Histogram | undefined> {
      return (await points(name)).find((p) => matches(p.attributes, wanted))?.value as Histogram | undefined;
    },
    /** Every attribute set a metric was recorded with. */
    async attributeSets(name: string): Promise<Attributes[]> {
      return (await points(name)).map((p) => p.attributes);
    },
    async shutdown() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}

export type TestTelemetry = ReturnType<typeof createTestTelemetry>;
