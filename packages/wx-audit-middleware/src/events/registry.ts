import { WxAuditError } from '../errors.js';
import type { EventDefinition } from './catalogue-event.js';
import { CATALOGUE } from './catalogue/catalogue.js';
import type { RawMessage } from './types.js';

/**
 * Finds a push's definition by its `Event` or `InfoType`: one map lookup each, however many events are
 * typed (the seed push's path does not grow with the catalogue).
 */
export interface EventRegistry {
  find(raw: RawMessage): EventDefinition | undefined;
  readonly definitions: readonly EventDefinition[];
}

/** Names the middleware emits itself: a user's event may not take one. */
const RESERVED = new Set(['message', 'auditResult', 'infoUpdateAudit', 'auditStatus', 'rejected', 'handlerError', 'handlerSlow', 'storeError', 'watchError', 'error', 'newListener', 'removeListener']);

function wireName(definition: EventDefinition): string {
  return 'event' in definition.wire ? `Event "${definition.wire.event}"` : `InfoType "${definition.wire.infoType}"`;
}

export function createRegistry(extra: readonly EventDefinition[] = []): EventRegistry {
  const byEvent = new Map<string, EventDefinition>();
  const byInfoType = new Map<string, EventDefinition>();
  const names = new Map<string, EventDefinition>();
  const add = (definition: EventDefinition, own: boolean) => {
    const map = 'event' in definition.wire ? byEvent : byInfoType;
    const key = 'event' in definition.wire ? definition.wire.event : definition.wire.infoType;
    const taken = map.get(key);
    if (taken) {
      throw new WxAuditError(
        'CONFIG_INVALID',
        `createWxAudit: events: "${definition.name}" is for ${wireName(definition)}, which ${own && !extra.includes(taken) ? 'the middleware already types' : 'another event also claims'} as "${taken.name}"; listen to "${taken.name}" instead, or remove one of them.`,
      );
    }
    if (own && (RESERVED.has(definition.name) || names.has(definition.name))) {
      throw new WxAuditError('CONFIG_INVALID', `createWxAudit: events: the name "${definition.name}" is already an event of the middleware's (or given twice); choose another.`);
    }
    map.set(key, definition);
    names.set(definition.name, definition);
  };
  for (const definition of CATALOGUE) add(definition as EventDefinition, false);
  for (const definition of extra) add(definition, true);
  const definitions = [...names.values()];
  return {
    definitions,
    find(raw) {
      const event = raw.Event;
      if (typeof event === 'string') return byEvent.get(event);
      const infoType = raw.InfoType;
      return typeof infoType === 'string' ? byInfoType.get(infoType) : undefined;
    },
  };
}

/** The catalogue alone: shared by every instance created without `events`. */
export const CATALOGUE_REGISTRY = createRegistry();
