import { AUDIT_ITEM_STATUS as ITEM, REGISTER_STATUS } from '@x/wx-audit-middleware';
import { createFixtures, type Fixtures } from './create-fixtures.js';
import { AUDIT_STATUS_KEYS } from './factories/audit-status.js';
import { toAuditStatusData, type ApiAuditStatus } from './fake-wechat/api-audit-statuses.js';
import { UsageError } from './cli-usage-error.js';

interface StatusPreset {
  /** One line for `wx-audit fake-server --help`. */
  summary: string;
  build(fx: Fixtures): ApiAuditStatus;
}

/** The registration states a shop goes through, by the name `--status <wxName>=<preset>` takes. */
export const STATUS_PRESETS: Readonly<Record<string, StatusPreset>> = {
  unregistered: {
    summary: 'register_status 2: the agreement not sent, or expired',
    build: (fx) => fx.auditStatus({ registerStatus: REGISTER_STATUS.AGREEMENT_NOT_SENT }),
  },
  unsigned: {
    summary: 'register_status 1: the agreement sent, not signed yet',
    build: (fx) => fx.auditStatus({ registerStatus: REGISTER_STATUS.AGREEMENT_NOT_SIGNED }),
  },
  'in-review': { summary: 'registered, every item submitted and in review (3)', build: (fx) => fx.edge.auditStatusAll(ITEM.IN_REVIEW) },
  rejected: {
    summary: 'registered, the basic information rejected (4), with its reason',
    build: (fx) => fx.edge.auditStatusAll(ITEM.SUCCESS, { basicInfoStatus: ITEM.REJECTED, paySignStatus: ITEM.NOT_OPERABLE }),
  },
  'pay-sign': {
    summary: 'registered, all approved but the payment contract, open to sign (2), with its link',
    build: (fx) => fx.edge.auditStatusAll(ITEM.SUCCESS, { paySignStatus: ITEM.NORMAL }),
  },
  approved: { summary: 'registered, every item approved (5): final', build: (fx) => fx.edge.auditStatusAll(ITEM.SUCCESS) },
  frozen: {
    summary: 'registered, the basic information frozen (6): final',
    build: (fx) => fx.edge.auditStatusAll(ITEM.SUCCESS, { basicInfoStatus: ITEM.FROZEN }),
  },
};

const FIELDS: readonly string[] = ['type', ...AUDIT_STATUS_KEYS];
const loose = (name: string) => name.toLowerCase().replace(/_/g, '');

function fromJson(wxName: string, value: unknown): ApiAuditStatus {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`--status ${wxName}: each status is a preset name or a JSON object; got ${JSON.stringify(value)}.`);
  }
  for (const key of Object.keys(value)) {
    if (FIELDS.includes(key)) continue;
    // WeChat's snake_case names are the likeliest slip: point at the camelCase field they mean.
    const meant = FIELDS.find((field) => loose(field) === loose(key));
    throw new UsageError(`--status ${wxName}: unknown field "${key}"${meant ? ` (did you mean "${meant}"?)` : ''}; the fields are ${AUDIT_STATUS_KEYS.join(', ')}.`);
  }
  const status = value as ApiAuditStatus;
  try {
    toAuditStatusData(status);
  } catch (error) {
    throw new UsageError(`--status ${wxName}: ${(error as Error).message.replace(/^setAuditStatus: /, '')}`);
  }
  return status;
}

function step(wxName: string, value: unknown, fx: Fixtures): ApiAuditStatus {
  if (typeof value !== 'string') return fromJson(wxName, value);
  const preset = Object.hasOwn(STATUS_PRESETS, value) ? STATUS_PRESETS[value] : undefined;
  if (!preset) throw new UsageError(`--status ${wxName}: unknown status "${value}"; the presets are ${Object.keys(STATUS_PRESETS).join(', ')}, or give a JSON object.`);
  return preset.build(fx);
}

/**
 * `--status <wxName>=<spec>` values to what check_audit_status answers for each shop. `spec` is a
 * preset, presets separated by commas (a scripted sequence), a JSON object of the fixture's fields,
 * or a JSON array of presets and objects; as with `wx.setAuditStatus`, the last status repeats.
 */
export function parseStatuses(specs: readonly string[], seed: number | undefined): Map<string, ApiAuditStatus[]> {
  const shops = new Map<string, ApiAuditStatus[]>();
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const wxName = spec.slice(0, Math.max(eq, 0)).trim();
    const text = spec.slice(eq + 1).trim();
    if (eq < 0 || wxName === '' || text === '') throw new UsageError(`--status expects <wxName>=<preset|json>, e.g. my_shop=in-review; got "${spec}".`);
    if (shops.has(wxName)) throw new UsageError(`--status names "${wxName}" twice; give its sequence in one: --status '${wxName}=in-review,approved'.`);
    let steps: unknown[];
    if (/^[[{]/.test(text)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new UsageError(`--status ${wxName}: not valid JSON: ${text}`);
      }
      steps = Array.isArray(parsed) ? parsed : [parsed];
    } else {
      steps = text.split(',').map((name) => name.trim());
    }
    if (steps.length === 0) throw new UsageError(`--status ${wxName}: give at least one status.`);
    // One fixture set per shop: its statuses share the shop's appid, links and reasons (and differ from another shop's).
    const fx = createFixtures(seed === undefined ? {} : { seed: seed + shops.size });
    shops.set(wxName, steps.map((value) => step(wxName, value, fx)));
  }
  return shops;
}

/** A status in a few characters, for the fake server's start-up lines. */
export function describeStatus(status: ApiAuditStatus): string {
  if (status.registerStatus !== REGISTER_STATUS.SUCCESS) return `register_status ${status.registerStatus}`;
  const items = [status.merchantInfoStatus, status.acctVerifyStatus, status.basicInfoStatus, status.paySignStatus].map((s) => s ?? 0);
  return `items ${items.join('/')}`;
}
